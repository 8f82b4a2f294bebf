package org.jpyro.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.DaemonException;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.junit.jupiter.api.Test;

class ClassDictsTest {

    @Test
    void uriDictPerVersion() {
        PyroURI uri = PyroURI.parse("PYRO:obj_1@127.0.0.1:9999");
        Map<String, Object> d5 = ClassDicts.toClassDict(uri, ProtocolVersion.PYRO5);
        assertEquals("Pyro5.core.URI", d5.get("__class__"));
        assertEquals(Tuple.of("PYRO", "obj_1", null, "127.0.0.1", 9999), d5.get("state"));
        assertEquals("Pyro4.core.URI", ClassDicts.toClassDict(uri, ProtocolVersion.PYRO4).get("__class__"));
        assertEquals(uri, ClassDicts.fromClassDict(d5));
    }

    @Test
    void proxyStateHasSixItemsInPyro5AndNineInPyro4() {
        ProxyState p = new ProxyState(PyroURI.parse("PYRO:o@h:1"), Set.of("ow"), Set.of("m"), Set.of("a"), "hello",
                null, 0.0, null, 0);
        List<?> s5 = (List<?>) ClassDicts.toClassDict(p, ProtocolVersion.PYRO5).get("state");
        assertEquals(6, s5.size());
        assertEquals("PYRO:o@h:1", s5.get(0));
        assertEquals("hello", s5.get(4));
        List<?> s4 = (List<?>) ClassDicts.toClassDict(p, ProtocolVersion.PYRO4).get("state");
        assertEquals(9, s4.size());
        assertEquals("hello", s4.get(6));
        for (ProtocolVersion v : ProtocolVersion.values()) {
            ProxyState back = (ProxyState) ClassDicts.fromClassDict(ClassDicts.toClassDict(p, v));
            assertEquals(p.uri(), back.uri());
            assertEquals(p.methods(), back.methods());
            assertEquals(p.oneway(), back.oneway());
            assertEquals("hello", back.handshake());
        }
    }

    @Test
    void javaExceptionsBecomePythonBuiltins() {
        Map<String, Object> d = ClassDicts.exceptionDict(new IllegalArgumentException("bad value"), ProtocolVersion.PYRO5);
        assertEquals("builtins.ValueError", d.get("__class__"));
        assertEquals(Boolean.TRUE, d.get("__exception__"));
        assertEquals(Tuple.of("bad value"), d.get("args"));
        List<?> tb = (List<?>) ((Map<?, ?>) d.get("attributes")).get("_pyroTraceback");
        assertEquals("Traceback (most recent call last):\n", tb.get(0));
        assertTrue(tb.get(tb.size() - 1).toString().startsWith("java.lang.IllegalArgumentException: bad value"));
        assertTrue(tb.stream().allMatch(l -> l.toString().endsWith("\n")));
        assertEquals("builtins.IndexError", PythonExceptions.pythonType(new ArrayIndexOutOfBoundsException(), ProtocolVersion.PYRO4));
        assertEquals("builtins.Exception", PythonExceptions.pythonType(new Exception(), ProtocolVersion.PYRO4));
        assertEquals("Pyro4.errors.DaemonError", PythonExceptions.pythonType(new DaemonException("x"), ProtocolVersion.PYRO4));
    }

    @Test
    void tracebackStopsAtTheDaemonsDispatchFrame() {
        IllegalStateException e = new IllegalStateException("boom");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.Service", "work", "Service.java", 12),
            new StackTraceElement("org.jpyro.daemon.impl.Dispatch", "invoke", "Dispatch.java", 40),
            new StackTraceElement("org.jpyro.transport.Server", "serve", "Server.java", 7),
            new StackTraceElement("java.lang.Thread", "run", "Thread.java", 840)});
        assertEquals(List.of("Traceback (most recent call last):\n",
                "  File \"Dispatch.java\", line 40, in org.jpyro.daemon.impl.Dispatch.invoke\n",
                "  File \"Service.java\", line 12, in com.example.Service.work\n",
                "java.lang.IllegalStateException: boom\n"), PythonExceptions.traceback(e));
    }

    @Test
    void remoteExceptionsComeBack() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("_pyroTraceback", List.of("Traceback (most recent call last):\n", "ValueError: x\n"));
        attributes.put("extra", 1);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("__class__", "builtins.ValueError");
        d.put("__exception__", true);
        d.put("args", Tuple.of("bad value", 42));
        d.put("attributes", attributes);
        PyroRemoteException e = assertInstanceOf(PyroRemoteException.class, ClassDicts.fromClassDict(d));
        assertEquals("builtins.ValueError", e.pythonType());
        assertEquals("ValueError", e.pythonName());
        assertEquals(List.of("bad value", 42), e.args());
        assertEquals(Map.of("extra", 1), e.attributes());
        assertEquals("('bad value', 42)", e.getMessage());
        assertEquals(2, e.remoteTraceback().size());
        assertTrue(e.formattedRemoteTraceback().contains(" | ValueError: x"));
        Map<String, Object> again = ClassDicts.exceptionDict(e, ProtocolVersion.PYRO5);
        assertEquals("builtins.ValueError", again.get("__class__"));
        assertEquals(Tuple.of("bad value", 42), again.get("args"));
    }

    @Test
    void pyroErrorsBecomeJpyroExceptions() {
        Map<String, Object> d = Map.of("__class__", "Pyro5.errors.DaemonError", "__exception__", true,
                "args", Tuple.of("unknown object"), "attributes", Map.of());
        DaemonException e = assertInstanceOf(DaemonException.class, ClassDicts.fromClassDict(d));
        assertEquals("unknown object", e.getMessage());
        assertInstanceOf(NamingException.class, ClassDicts.fromClassDict(Map.of("__class__", "Pyro4.errors.NamingError",
                "__exception__", true, "args", List.of("unknown name: x"), "attributes", Map.of())));
    }

    @Test
    void batchWrapperRoundTrips() {
        Map<String, Object> d = ClassDicts.toClassDict(new ExceptionWrapper(new IllegalStateException("x")), ProtocolVersion.PYRO4);
        assertEquals("Pyro4.futures._ExceptionWrapper", d.get("__class__"));
        ExceptionWrapper w = assertInstanceOf(ExceptionWrapper.class, ClassDicts.fromClassDict(d));
        assertEquals("builtins.RuntimeError", ((PyroRemoteException) w.exception()).pythonType());
    }

    @Test
    void otherDictsAreLeftAlone() {
        Map<String, Object> d = Map.of("__class__", "mymodule.Thing", "x", 1);
        assertSame(d, ClassDicts.fromClassDict(d));
        Map<String, Object> plain = Map.of("a", 1);
        assertSame(plain, ClassDicts.fromClassDict(plain));
        assertNull(ClassDicts.toClassDict("not special", ProtocolVersion.PYRO5));
    }

    @Test
    void refusesDunderExceptionClassesAndBadState() {
        assertThrows(SecurityException.class, () -> ClassDicts.fromClassDict(Map.of("__class__", "os.__evil__",
                "__exception__", true, "args", List.of(), "attributes", Map.of())));
        assertThrows(SerializeException.class, () -> ClassDicts.fromClassDict(Map.of("__class__", "Pyro5.core.URI", "state", 3)));
        assertThrows(SerializeException.class, () -> ClassDicts.fromClassDict(Map.of("__class__", "Pyro5.core.URI",
                "state", List.of("PYRO", "x"))));
    }
}
