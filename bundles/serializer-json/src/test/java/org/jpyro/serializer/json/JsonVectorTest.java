package org.jpyro.serializer.json;

import static org.jpyro.serializer.json.Py.assertPyEquals;
import static org.jpyro.serializer.json.Py.dict;
import static org.jpyro.serializer.json.Py.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jpyro.api.DaemonException;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.junit.jupiter.api.Test;

/** The serializer against every json payload of the golden Pyro4/Pyro5 conversations. */
class JsonVectorTest {
    private static final JsonSerializer JSON = new JsonSerializer();

    @Test
    void everyJsonPayloadDecodes() {
        List<Vectors.Frame> frames = Vectors.allJsonFrames();
        int calls = 0;
        for (Vectors.Frame f : frames) {
            Object value = JSON.deserializeData(f.payload(), f.version());
            if (f.c2s() && f.type().equals("INVOKE")) {
                Call call = JSON.deserializeCall(f.payload(), f.version());
                Map<?, ?> raw = assertInstanceOf(Map.class, value, f.toString());
                assertEquals(List.of("object", "method", "params", "kwargs"), new ArrayList<>(raw.keySet()));
                assertEquals(raw.get("object"), call.objectId(), f.toString());
                assertEquals(raw.get("method"), call.method(), f.toString());
                assertInstanceOf(ArrayList.class, call.args(), f.toString());
                assertPyEquals(raw.get("params"), call.args(), f.toString());
                assertEquals(f.text().endsWith("\"kwargs\": null}"), call.kwargs() == null, f.toString());
                calls++;
            } else if (f.type().equals("CONNECT")) {
                assertTrue(((Map<?, ?>) value).containsKey("handshake"), f.toString());
            }
        }
        assertTrue(frames.size() > 250, "json frames: " + frames.size());
        assertTrue(calls > 100, "INVOKE frames: " + calls);
    }

    /** Every request (INVOKE and CONNECT) re-encodes byte for byte: no exceptions needed for json. */
    @Test
    void requestsReencodeByteForByte() {
        int exact = 0;
        for (Vectors.Frame f : Vectors.allJsonFrames()) {
            if (!f.c2s() || !(f.type().equals("INVOKE") || f.type().equals("CONNECT"))) {
                continue;
            }
            byte[] again = f.type().equals("INVOKE")
                    ? JSON.serializeCall(JSON.deserializeCall(f.payload(), f.version()), f.version())
                    : JSON.serializeData(JSON.deserializeData(f.payload(), f.version()), f.version());
            assertEquals(f.text(), new String(again, StandardCharsets.UTF_8), f.toString());
            exact++;
        }
        assertTrue(exact > 120, "exact: " + exact);
    }

    /**
     * Responses re-encode byte for byte as well, except exceptions: jpyro rebuilds them as its own exception
     * objects, whose dicts are rebuilt from their parts (checked for equal content below).
     */
    @Test
    void responsesReencodeByteForByte() {
        int exact = 0;
        int exceptions = 0;
        for (Vectors.Frame f : Vectors.allJsonFrames()) {
            if (f.c2s()) {
                continue;
            }
            Object value = JSON.deserializeData(f.payload(), f.version());
            String again = new String(JSON.serializeData(value, f.version()), StandardCharsets.UTF_8);
            if (f.text().contains("\"__exception__\": true")) {
                // same content: the re-encoded exception decodes to an equal exception
                Object back = JSON.deserializeData(again.getBytes(StandardCharsets.UTF_8), f.version());
                assertEquals(describe(value), describe(back), f.toString());
                exceptions++;
            } else {
                assertEquals(f.text(), again, f.toString());
                exact++;
            }
        }
        assertTrue(exact > 100, "exact: " + exact);
        assertTrue(exceptions > 10, "exceptions: " + exceptions);
    }

    private static String describe(Object value) {
        if (value instanceof List) {
            List<String> items = new ArrayList<>();
            ((List<?>) value).forEach(v -> items.add(describe(v)));
            return items.toString();
        }
        if (value instanceof ExceptionWrapper) {
            return "wrapper(" + describe(((ExceptionWrapper) value).exception()) + ")";
        }
        if (value instanceof PyroRemoteException) {
            PyroRemoteException e = (PyroRemoteException) value;
            return e.pythonType() + e.args() + e.attributes() + traceback(e);
        }
        if (value instanceof PyroException) {
            PyroException e = (PyroException) value;
            return e.getClass().getName() + ":" + e.getMessage() + traceback(e);
        }
        return String.valueOf(value);
    }

    /** A remote traceback; a missing one (None) is replaced with a Java one when re-encoded, so it is left out. */
    private static String traceback(PyroException e) {
        List<String> tb = e.remoteTraceback();
        return tb == null || tb.get(0).equals("Traceback (most recent call last):\n") && tb.size() > 1
                && tb.get(1).contains(".java\"") ? "" : tb.toString();
    }

    /** The echo(x) argument and result of every values step, as jpyro values, for both protocol versions. */
    @Test
    void valueStepsDecodeToTheValueModel() {
        Map<Integer, Object> expected = new TreeMap<>();
        expected.put(1, 42);
        expected.put(2, -12345);
        expected.put(3, 0);
        expected.put(4, Long.MAX_VALUE);
        expected.put(5, Long.MIN_VALUE);
        expected.put(6, BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
        expected.put(7, BigInteger.TWO.pow(70));
        expected.put(8, BigInteger.TWO.pow(100).negate().add(BigInteger.valueOf(7)));
        expected.put(9, 3.25);
        expected.put(10, -1.5e-10);
        expected.put(11, Double.NaN);
        expected.put(12, Double.POSITIVE_INFINITY);
        expected.put(13, Double.NEGATIVE_INFINITY);
        expected.put(14, true);
        expected.put(15, false);
        expected.put(16, null);
        expected.put(17, "hello");
        expected.put(18, "");
        expected.put(19, "h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00");
        expected.put(20, "nul\u0000 tab\t nl\n cr\r quote' dquote\" backslash\\ del\u007f");
        expected.put(24, list(1, "two", 3.0, null, true));
        expected.put(25, list());
        expected.put(26, list(1, "a", false));
        expected.put(27, list());
        expected.put(28, dict("k", "v", "n", 1, "f", 0.5));
        expected.put(29, dict());
        expected.put(30, dict("1", "one", "2", "two"));
        expected.put(31, list(1, 2, 3));
        expected.put(32, list());
        expected.put(34, list("alpha", "beta"));
        expected.put(35, dict("list", list(1, list(2, 3), dict("inner", list(null, dict("deep", "x")))),
                "tuple", list(dict("a", 1)), "empty", list(list(), dict(), list())));
        expected.put(36, "2024-01-02T03:04:05.600000");
        expected.put(37, "2024-01-02");
        expected.put(40, "12345.678901234567890123456789");
        expected.put(41, "12345678-1234-5678-1234-567812345678");
        expected.put(43, list(1, 2, 3));

        for (String file : List.of("pyro5-json-values.json", "pyro4-json-values.json")) {
            Map<Integer, Integer> seen = new HashMap<>();
            for (Vectors.Frame f : Vectors.jsonFrames(file)) {
                if (f.step() == 0) {
                    continue;
                }
                assertTrue(expected.containsKey(f.step()), f + ": no expectation (a step Python could not send?)");
                Object want = expected.get(f.step());
                if (f.c2s()) {
                    Call call = JSON.deserializeCall(f.payload(), f.version());
                    assertEquals("test.service", call.objectId());
                    assertEquals("echo", call.method());
                    assertEquals(Map.of(), call.kwargs());
                    assertEquals(1, call.args().size(), f.toString());
                    assertPyEquals(want, call.args().get(0), f.toString());
                } else {
                    assertPyEquals(want, JSON.deserializeData(f.payload(), f.version()), f.toString());
                }
                seen.merge(f.step(), 1, Integer::sum);
            }
            for (int step : expected.keySet()) {
                assertEquals(2, seen.getOrDefault(step, 0), file + " step " + step + " request + response");
            }
        }
    }

    @Test
    void exceptionsDecodeToJpyroExceptions() {
        for (String v : List.of("pyro4", "pyro5")) {
            List<Vectors.Frame> frames = Vectors.jsonFrames(v + "-json-exception.json");
            PyroRemoteException e = assertInstanceOf(PyroRemoteException.class, response(frames, 1));
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals(List.of("bad value", 42), e.args());
            assertTraceback(e);

            DaemonException daemonError = assertInstanceOf(DaemonException.class, response(frames, 2));
            assertEquals("unknown object", daemonError.getMessage());
            assertTraceback(daemonError);

            PyroRemoteException attributeError = assertInstanceOf(PyroRemoteException.class, response(frames, 3));
            assertEquals("builtins.AttributeError", attributeError.pythonType());

            boolean namingError = false;
            for (Vectors.Frame f : Vectors.jsonFrames(v + "-json-nameserver.json")) {
                if (!f.c2s() && f.text().contains("NamingError")) {
                    assertTraceback(assertInstanceOf(NamingException.class, JSON.deserializeData(f.payload(), f.version())));
                    namingError = true;
                }
            }
            assertTrue(namingError);
        }
    }

    @Test
    void batchesCarryListsAndTheExceptionWrapper() {
        for (String v : List.of("pyro4", "pyro5")) {
            List<Vectors.Frame> frames = Vectors.jsonFrames(v + "-json-batch.json");
            List<?> results = assertInstanceOf(List.class, response(frames, 1));
            assertEquals(3, results.size());
            assertEquals(1, results.get(0));
            assertEquals(5, results.get(1));
            ExceptionWrapper w = assertInstanceOf(ExceptionWrapper.class, results.get(2));
            PyroRemoteException e = assertInstanceOf(PyroRemoteException.class, w.exception());
            assertEquals(List.of("in batch", 7), e.args());
            assertTraceback(e);

            Call batch = call(frames, 1);
            assertEquals("<batch>", batch.method());
            assertNull(batch.kwargs());
            assertPyEquals(list(list("echo", list(1), dict()), list("add", list(2, 3), dict()),
                    list("fail", list("in batch", 7), dict()), list("echo", list("not reached"), dict())),
                    batch.args(), "batch");
        }
    }

    @Test
    void streamsPropertiesAndKwargs() {
        for (String v : List.of("pyro4", "pyro5")) {
            List<Vectors.Frame> frames = Vectors.jsonFrames(v + "-json-stream.json");
            ProtocolException marker = assertInstanceOf(ProtocolException.class, response(frames, 1));
            assertEquals("result of call is an iterator", marker.getMessage());
            assertNull(marker.remoteTraceback());

            List<Vectors.Frame> props = Vectors.jsonFrames(v + "-json-properties.json");
            Call set = call(props, 2);
            assertEquals("__setattr__", set.method());
            assertPyEquals(list("value", 1234), set.args(), "setattr");
            assertNull(set.kwargs());

            List<Vectors.Frame> kw = Vectors.jsonFrames(v + "-json-kwargs.json");
            Call c = call(kw, 2);
            assertPyEquals(list(1), c.args(), "kw args");
            assertPyEquals(dict("b", 5, "extra", "x"), c.kwargs(), "kw kwargs");
            assertPyEquals(dict("a", 1, "b", 5, "kwargs", dict("extra", "x")), response(kw, 2), "kw result");
        }
    }

    @Test
    void urisAndProxiesDecodeToPyroUriAndProxyState() {
        PyroURI some = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");
        for (String v : List.of("pyro4", "pyro5")) {
            List<Vectors.Frame> frames = Vectors.jsonFrames(v + "-json-autoproxy.json");
            ProxyState child = assertInstanceOf(ProxyState.class, response(frames, 1));
            assertEquals("test.child", child.uri().object());
            assertEquals(Set.of("hello"), child.methods());
            assertEquals("hello", child.handshake());
            assertNull(child.serializer());
            assertEquals(some, call(frames, 2).args().get(0));
            assertEquals(some, response(frames, 2));
            ProxyState p = assertInstanceOf(ProxyState.class, call(frames, 3).args().get(0));
            assertEquals(some, p.uri());
            assertEquals(p, response(frames, 3));
        }
    }

    private static Object response(List<Vectors.Frame> frames, int step) {
        for (Vectors.Frame f : frames) {
            if (!f.c2s() && f.step() == step) {
                return JSON.deserializeData(f.payload(), f.version());
            }
        }
        throw new AssertionError("no response for step " + step);
    }

    private static Call call(List<Vectors.Frame> frames, int step) {
        for (Vectors.Frame f : frames) {
            if (f.c2s() && f.step() == step && f.type().equals("INVOKE")) {
                return JSON.deserializeCall(f.payload(), f.version());
            }
        }
        throw new AssertionError("no INVOKE for step " + step);
    }

    private static void assertTraceback(PyroException e) {
        List<String> tb = e.remoteTraceback();
        assertNotNull(tb, "remote traceback of " + e);
        assertFalse(tb.isEmpty());
        assertEquals("Traceback (most recent call last):\n", tb.get(0));
    }
}
