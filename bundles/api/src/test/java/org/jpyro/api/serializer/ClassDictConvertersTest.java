package org.jpyro.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.beans.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassDictConvertersTest {
    static class Animal {
        final String name;

        Animal(String name) {
            this.name = name;
        }
    }

    static class Dog extends Animal {
        Dog(String name) {
            super(name);
        }
    }

    static final class Puppy extends Dog {
        Puppy(String name) {
            super(name);
        }
    }

    record Money(String currency, long cents) {
    }

    private static final ProtocolVersion V5 = ProtocolVersion.PYRO5;

    @AfterEach
    void unregisterAll() {
        for (Class<?> c : List.of(Animal.class, Dog.class, Money.class, UUID.class, Point.class, PyroURI.class)) {
            ClassDicts.unregisterClassToDict(c);
        }
        for (String n : List.of("zoo.Animal", "zoo.Money", "builtins.ValueError", "Pyro5.core.URI", "x.Broken")) {
            ClassDicts.unregisterDictToClass(n);
        }
    }

    private static Map<String, Object> dict(Object... kv) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            d.put((String) kv[i], kv[i + 1]);
        }
        return d;
    }

    @Test
    void registeredConverterIsUsedForTheClassAndItsSubclasses() {
        ClassDicts.registerClassToDict(Animal.class, a -> dict("__class__", "zoo.Animal", "name", a.name));
        assertEquals(dict("__class__", "zoo.Animal", "name", "rex"), PythonValues.normalize(new Dog("rex"), V5));
        assertEquals(dict("__class__", "zoo.Animal", "name", "bo"), PythonValues.normalize(new Puppy("bo"), V5));
        assertTrue(ClassDicts.unregisterClassToDict(Animal.class));
        assertFalse(ClassDicts.unregisterClassToDict(Animal.class));
        // no converter, no getters: nothing to send
        assertThrows(SerializeException.class, () -> PythonValues.normalize(new Dog("rex"), V5));
    }

    @Test
    void exactClassWinsElseFirstRegisteredSupertype() {
        ClassDicts.registerClassToDict(Animal.class, a -> dict("__class__", "animal"));
        ClassDicts.registerClassToDict(Dog.class, a -> dict("__class__", "dog"));
        assertEquals(dict("__class__", "dog"), PythonValues.normalize(new Dog("d"), V5));
        assertEquals(dict("__class__", "animal"), PythonValues.normalize(new Puppy("p"), V5)); // Animal came first
        assertEquals(dict("__class__", "animal"), PythonValues.normalize(new Animal("a"), V5));
        // unregistering changes the answer for the next value (no stale lookup cache)
        ClassDicts.unregisterClassToDict(Animal.class);
        assertEquals(dict("__class__", "dog"), PythonValues.normalize(new Puppy("p"), V5));
    }

    @Test
    void converterComesBeforeRecordsEnumsAndStrings() {
        Money m = new Money("EUR", 150);
        assertEquals(dict("__class__", Money.class.getName(), "currency", "EUR", "cents", 150L),
                PythonValues.normalize(m, V5));
        ClassDicts.registerClassToDict(Money.class, x -> dict("__class__", "zoo.Money", "amount", "1.50 EUR"));
        assertEquals(dict("__class__", "zoo.Money", "amount", "1.50 EUR"), PythonValues.normalize(m, V5));
        UUID id = UUID.fromString("12345678-1234-1234-1234-123456789abc");
        assertEquals(id.toString(), PythonValues.normalize(id, V5));
        ClassDicts.registerClassToDict(UUID.class, u -> dict("__class__", "uuid.UUID", "hex", u.toString()));
        assertEquals(dict("__class__", "uuid.UUID", "hex", id.toString()), PythonValues.normalize(id, V5));
    }

    @Test
    void durationsAreFloatSeconds() {
        assertEquals(1.5, PythonValues.normalize(java.time.Duration.ofMillis(1500), V5));
        assertEquals(-0.25, PythonValues.normalize(java.time.Duration.ofMillis(-250), V5));
    }

    @Test
    void pyroTypesAreNotOverridden() {
        ClassDicts.registerClassToDict(PyroURI.class, u -> dict("__class__", "mine"));
        Object d = PythonValues.normalize(PyroURI.parse("PYRO:o@h:1"), V5);
        assertEquals("Pyro5.core.URI", ((Map<?, ?>) d).get("__class__"));
    }

    @Test
    void failingOrNullConverterGivesSerializeException() {
        ClassDicts.registerClassToDict(Animal.class, a -> {
            throw new IllegalStateException("nope");
        });
        SerializeException e = assertThrows(SerializeException.class, () -> PythonValues.normalize(new Dog("x"), V5));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        ClassDicts.registerClassToDict(Animal.class, a -> null);
        assertThrows(SerializeException.class, () -> PythonValues.normalize(new Dog("x"), V5));
    }

    @Test
    void unknownClassDictsStayMapsUnlessAConverterIsRegistered() {
        Map<String, Object> in = dict("__class__", "zoo.Animal", "name", "rex");
        assertSame(in, ClassDicts.fromClassDict(in));
        ClassDicts.registerDictToClass("zoo.Animal", d -> new Animal((String) d.get("name")));
        Object back = ClassDicts.fromClassDict(in);
        assertInstanceOf(Animal.class, back);
        assertEquals("rex", ((Animal) back).name);
        assertTrue(ClassDicts.unregisterDictToClass("zoo.Animal"));
        assertFalse(ClassDicts.unregisterDictToClass("zoo.Animal"));
        assertSame(in, ClassDicts.fromClassDict(in));
    }

    @Test
    void dictToClassConvertersSeeExceptionsButNotPyroUris() {
        Map<String, Object> err = dict("__class__", "builtins.ValueError", "__exception__", true,
                "args", List.of("bad"), "attributes", Map.of());
        assertInstanceOf(PyroRemoteException.class, ClassDicts.fromClassDict(err));
        ClassDicts.registerDictToClass("builtins.ValueError", d -> new IllegalArgumentException(
                String.valueOf(((List<?>) d.get("args")).get(0))));
        Object ex = ClassDicts.fromClassDict(err);
        assertInstanceOf(IllegalArgumentException.class, ex);
        assertEquals("bad", ((Exception) ex).getMessage());

        ClassDicts.registerDictToClass("Pyro5.core.URI", d -> "hijacked");
        Map<String, Object> uri = ClassDicts.toClassDict(PyroURI.parse("PYRO:o@h:1"), V5);
        assertEquals(PyroURI.parse("PYRO:o@h:1"), ClassDicts.fromClassDict(uri));
    }

    @Test
    void failingDictToClassConverterGivesSerializeException() {
        ClassDicts.registerDictToClass("x.Broken", d -> {
            throw new ClassCastException("wrong");
        });
        assertThrows(SerializeException.class, () -> ClassDicts.fromClassDict(dict("__class__", "x.Broken")));
    }

    @Test
    void beansBecomeClassDictsWithSortedProperties() {
        Object d = PythonValues.normalize(new Point(3, 4, true), V5);
        assertEquals(List.of("__class__", "URL", "visible", "x", "y"), new ArrayList<>(((Map<?, ?>) d).keySet()));
        assertEquals(dict("__class__", Point.class.getName(), "URL", "u", "visible", true, "x", 3, "y", 4), d);
        // a converter beats the bean mapping
        ClassDicts.registerClassToDict(Point.class, p -> dict("__class__", "geo.Point", "xy", List.of(p.getX(), p.getY())));
        assertEquals(dict("__class__", "geo.Point", "xy", List.of(3, 4)), PythonValues.normalize(new Point(3, 4, false), V5));
    }

    @Test
    void jdkClassesAndObjectsWithoutGettersAreNoBeans() {
        assertThrows(SerializeException.class, () -> PythonValues.normalize(new Object(), V5));
        assertThrows(SerializeException.class, () -> PythonValues.normalize(Thread.currentThread(), V5));
        assertThrows(SerializeException.class, () -> PythonValues.normalize(String.class, V5));
    }

    @Test
    void registrationIsThreadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2000; i++) {
                        if (id == 0) {
                            ClassDicts.registerClassToDict(Dog.class, a -> dict("__class__", "dog"));
                            ClassDicts.unregisterClassToDict(Dog.class);
                        } else {
                            Object d;
                            try {
                                d = PythonValues.normalize(new Puppy("p"), V5);
                            } catch (SerializeException none) {
                                continue;
                            }
                            if (!dict("__class__", "dog").equals(d)) {
                                throw new AssertionError(d);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            // after the last unregister nothing applies any more
            assertThrows(SerializeException.class, () -> PythonValues.normalize(new Puppy("p"), V5));
        } finally {
            pool.shutdownNow();
        }
    }
}
