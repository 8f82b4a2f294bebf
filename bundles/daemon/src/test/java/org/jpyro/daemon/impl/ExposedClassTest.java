package org.jpyro.daemon.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;
import org.jpyro.api.PyroRemoteException;
import org.junit.jupiter.api.Test;

class ExposedClassTest {

    /** Exposed as a whole: public methods and properties, its own and inherited ones. */
    @Expose
    public static class Whole extends Base implements Iterable<String> {
        private int size = 3;

        public void run() {
        }

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        public String getURL() {
            return "u";
        }

        public int getItem(int index) {
            return index;
        }

        @Oneway
        public void fire() {
        }

        public static void statik() {
        }

        void packagePrivate() {
        }

        @Override
        public String toString() {
            return "whole";
        }

        @Override
        public Iterator<String> iterator() {
            return List.of("x").iterator();
        }
    }

    public static class Base {
        public String inherited() {
            return "base";
        }
    }

    /** Only what is annotated. */
    public static class Picked {
        @Expose
        public int one() {
            return 1;
        }

        public int two() {
            return 2;
        }

        @Expose(name = "three")
        public int renamed() {
            return 3;
        }

        @Expose(name = "_secret")
        public int secret() {
            return 0;
        }

        @Expose(name = "__len__")
        public int length() {
            return 5;
        }

        @Expose(name = "__call__")
        public int call() {
            return 0;
        }

        @Expose
        public String getLabel() {
            return "label";
        }

        @Expose
        public int counter = 1;

        @Expose(name = "fixed")
        public final String constant = "c";

        @Expose
        private int hidden = 9;

        int hidden() {
            return hidden;
        }
    }

    /** Exposure and oneway declared on an interface. */
    @Expose
    public interface Service {
        String greet(String who);

        @Oneway
        void notifyMe();
    }

    public static class ServiceImpl implements Service {
        @Override
        public String greet(String who) {
            return "hi " + who;
        }

        @Override
        public void notifyMe() {
        }

        public void notInTheInterface() {
        }
    }

    public interface Annotated {
        @Expose(name = "ask")
        String question();
    }

    public static class AnnotatedImpl implements Annotated {
        @Override
        public String question() {
            return "?";
        }
    }

    /** A subclass of an exposed class: only the superclass's own members are exposed. */
    public static class Sub extends ServiceImpl {
        public void extra() {
        }
    }

    public static class Nothing {
        public void method() {
        }
    }

    @Test
    void classLevelExposesPublicMethodsAndPropertiesButNeverObjectsOrTheJdks() {
        Metadata m = ExposedClass.of(Whole.class).metadata();
        assertEquals(Set.of("run", "fire", "getItem", "inherited", "iterator"), m.methods(),
                "iterator() is declared by the class itself, so it is exposed");
        assertEquals(Set.of("size", "empty", "URL"), m.attrs());
        assertEquals(Set.of("fire"), m.oneway());
        ExposedClass e = ExposedClass.of(Whole.class);
        assertNull(e.method("toString"));
        assertNull(e.method("hashCode"));
        assertNull(e.method("getClass"));
        assertNull(e.method("statik"));
        assertNull(e.method("packagePrivate"));
        assertNull(e.method("forEach"), "methods declared by JDK types (Iterable.forEach) are not exposed");
        assertNull(e.method("spliterator"));
        assertTrue(e.attribute("size").readable() && e.attribute("size").writable());
        assertFalse(e.attribute("empty").writable());
    }

    @Test
    void methodLevelExposureAndNames() {
        ExposedClass e = ExposedClass.of(Picked.class);
        Metadata m = e.metadata();
        assertEquals(Set.of("one", "three", "__len__"), m.methods());
        assertEquals(Set.of("label", "counter", "fixed", "hidden"), m.attrs());
        assertTrue(m.oneway().isEmpty());
        assertFalse(e.attribute("fixed").writable());
        assertTrue(e.attribute("counter").writable());
    }

    @Test
    void exposureAndOnewayAreInheritedFromInterfaces() {
        Metadata m = ExposedClass.of(ServiceImpl.class).metadata();
        assertEquals(Set.of("greet", "notifyMe"), m.methods());
        assertEquals(Set.of("notifyMe"), m.oneway());
        assertEquals(Set.of("ask"), ExposedClass.of(AnnotatedImpl.class).metadata().methods());
        assertEquals(Set.of("greet", "notifyMe"), ExposedClass.of(Sub.class).metadata().methods());
        Metadata none = ExposedClass.of(Nothing.class).metadata();
        assertTrue(none.methods().isEmpty() && none.attrs().isEmpty() && none.oneway().isEmpty());
    }

    @Test
    void exposureIsComputedOncePerClass() {
        assertSame(ExposedClass.of(Whole.class), ExposedClass.of(Whole.class));
    }

    @Test
    void privateNamesFollowPyro() {
        assertTrue(ExposedClass.isPrivate("_x"));
        assertTrue(ExposedClass.isPrivate("__x"));
        assertTrue(ExposedClass.isPrivate("__init__"));
        assertTrue(ExposedClass.isPrivate("__getattr__"));
        assertTrue(ExposedClass.isPrivate("___"));
        assertFalse(ExposedClass.isPrivate("__len__"));
        assertFalse(ExposedClass.isPrivate("__custom__"));
        assertFalse(ExposedClass.isPrivate("x_"));
    }

    @Test
    void lookupFailuresAreWordedLikePyro() {
        ExposedClass e = ExposedClass.of(Picked.class);
        assertEquals("'Picked' object has no attribute 'nope'", message(() -> e.requireMethod("nope")));
        assertEquals("attempt to access unexposed attribute 'two'", message(() -> e.requireMethod("two")));
        assertEquals("attempt to access private attribute '_secret'", message(() -> e.requireMethod("_secret")));
        assertEquals("attempt to access private attribute '__call__'", message(() -> e.requireMethod("__call__")));
        assertEquals("type object 'Picked' has no attribute 'nope'", message(() -> e.requireAttribute("nope")));
        assertEquals("attempt to access unexposed or unknown remote attribute 'one'",
                message(() -> e.requireAttribute("one")));
        assertNotNull(e.requireMethod("__len__"));
    }

    @Test
    void attributesReadAndWrite() throws Throwable {
        Whole w = new Whole();
        ExposedClass e = ExposedClass.of(Whole.class);
        assertEquals(3, e.requireAttribute("size").get(w));
        e.requireAttribute("size").set(w, 7L);
        assertEquals(7, w.getSize());
        assertEquals(false, e.requireAttribute("empty").get(w));
        PyroRemoteException bad = assertThrows(PyroRemoteException.class, () -> e.requireAttribute("size").set(w, "x"));
        assertEquals("builtins.TypeError", bad.pythonType());
        Picked p = new Picked();
        ExposedClass pe = ExposedClass.of(Picked.class);
        pe.requireAttribute("counter").set(p, 5);
        assertEquals(5, p.counter);
        assertEquals(9, pe.requireAttribute("hidden").get(p));
        assertEquals("c", pe.requireAttribute("fixed").get(p));
        assertThrows(PyroRemoteException.class, () -> pe.requireAttribute("fixed").set(p, "d"));
    }

    @Test
    void metadataAsPyroDicts() {
        Metadata m = ExposedClass.of(ServiceImpl.class).metadata();
        Map<String, Object> sets = m.asDict(false);
        assertEquals(List.of("methods", "oneway", "attrs"), new ArrayList<>(sets.keySet()));
        assertEquals(Set.of("greet", "notifyMe"), sets.get("methods"));
        Map<String, Object> lists = m.asDict(true);
        assertEquals(List.of("greet", "notifyMe"), lists.get("methods"));
        assertEquals(List.of(), lists.get("attrs"));
    }

    @Test
    void propertyNamesFollowJavaBeans() {
        assertEquals("value", ExposedClass.decapitalize("Value"));
        assertEquals("URL", ExposedClass.decapitalize("URL"));
        assertEquals("x", ExposedClass.decapitalize("X"));
    }

    private static String message(Runnable r) {
        PyroRemoteException e = assertThrows(PyroRemoteException.class, r::run);
        assertEquals("builtins.AttributeError", e.pythonType());
        return e.getMessage();
    }
}
