package org.jpyro.serializer.json;

import static org.jpyro.api.testing.Py.assertPyEquals;
import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.jpyro.api.testing.ConversationChecks;
import org.jpyro.api.testing.ValueSteps;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.Test;

/** The serializer against every json payload of the golden Pyro4/Pyro5 conversations. */
class JsonVectorTest {
    private static final JsonSerializer JSON = new JsonSerializer();
    private static final ConversationChecks CONVERSATIONS = new ConversationChecks(JSON);

    @Test
    void everyJsonPayloadDecodes() {
        List<Vectors.Frame> frames = Vectors.allFrames("json");
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
        for (Vectors.Frame f : Vectors.allFrames("json")) {
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
        for (Vectors.Frame f : Vectors.allFrames("json")) {
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
        Map<Integer, Object> expected = ValueSteps.common();
        expected.put(26, list(1, "a", false));
        expected.put(27, list());
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

        for (String file : List.of("pyro5-json-values.json", "pyro4-json-values.json")) {
            Map<Integer, Integer> seen = new HashMap<>();
            for (Vectors.Frame f : Vectors.frames(file, "json")) {
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
            CONVERSATIONS.assertExceptions(v);
            CONVERSATIONS.assertNamingErrors(v);
        }
    }

    @Test
    void batchesCarryListsAndTheExceptionWrapper() {
        for (String v : List.of("pyro4", "pyro5")) {
            CONVERSATIONS.assertBatch(v);
            List<Vectors.Frame> frames = Vectors.frames(v + "-json-batch.json", "json");
            Call batch = call(frames, 1);
            assertPyEquals(list(list("echo", list(1), dict()), list("add", list(2, 3), dict()),
                    list("fail", list("in batch", 7), dict()), list("echo", list("not reached"), dict())),
                    batch.args(), "batch");
        }
    }

    @Test
    void streamsPropertiesAndKwargs() {
        for (String v : List.of("pyro4", "pyro5")) {
            CONVERSATIONS.assertStreamMarkers(v);

            List<Vectors.Frame> props = Vectors.frames(v + "-json-properties.json", "json");
            Call set = call(props, 2);
            assertEquals("__setattr__", set.method());
            assertPyEquals(list("value", 1234), set.args(), "setattr");
            assertNull(set.kwargs());

            List<Vectors.Frame> kw = Vectors.frames(v + "-json-kwargs.json", "json");
            Call c = call(kw, 2);
            assertPyEquals(list(1), c.args(), "kw args");
            assertPyEquals(dict("b", 5, "extra", "x"), c.kwargs(), "kw kwargs");
            assertPyEquals(dict("a", 1, "b", 5, "kwargs", dict("extra", "x")), response(kw, 2), "kw result");
        }
    }

    @Test
    void urisAndProxiesDecodeToPyroUriAndProxyState() {
        for (String v : List.of("pyro4", "pyro5")) {
            CONVERSATIONS.assertProxiesAndUris(v);
        }
    }

    private static Object response(List<Vectors.Frame> frames, int step) {
        return CONVERSATIONS.response(frames, step);
    }

    private static Call call(List<Vectors.Frame> frames, int step) {
        return CONVERSATIONS.call(frames, step);
    }
}
