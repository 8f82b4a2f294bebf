package org.jpyro.serializer.serpent;

import static org.jpyro.api.testing.Py.assertPyEquals;
import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.set;
import static org.jpyro.api.testing.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.testing.ConversationChecks;
import org.jpyro.api.testing.ValueSteps;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.Test;

/** The serializer against every serpent payload of the golden Pyro4/Pyro5 conversations. */
class SerpentVectorTest {
    private static final SerpentSerializer SERPENT = new SerpentSerializer();
    private static final ConversationChecks CONVERSATIONS = new ConversationChecks(SERPENT);
    private static final Pattern CALL_HEAD = Pattern.compile("\\('([^']*)','([^']*)',([(\\[])");

    @Test
    void everySerpentPayloadDecodes() {
        List<Vectors.Frame> frames = Vectors.allFrames("serpent");
        int calls = 0;
        for (Vectors.Frame f : frames) {
            Object value = SERPENT.deserializeData(f.payload(), f.version());
            if (f.c2s() && f.type().equals("INVOKE")) {
                Call call = SERPENT.deserializeCall(f.payload(), f.version());
                Matcher m = CALL_HEAD.matcher(f.text());
                assertTrue(m.find(), f + " " + f.text());
                assertEquals(m.group(1), call.objectId(), f.toString());
                assertEquals(m.group(2), call.method(), f.toString());
                Class<?> vargsType = m.group(3).equals("(") ? Tuple.class : ArrayList.class;
                assertEquals(vargsType, call.args().getClass(), f.toString());
                assertEquals(f.text().endsWith(",None)"), call.kwargs() == null, f.toString());
                assertPyEquals(((List<?>) value).get(2), call.args(), f.toString());
                calls++;
            } else if (f.type().equals("CONNECT")) {
                assertInstanceOf(Map.class, value, f.toString());
                assertTrue(((Map<?, ?>) value).containsKey("handshake"), f.toString());
            }
        }
        assertTrue(frames.size() > 300, "serpent frames: " + frames.size());
        assertTrue(calls > 100, "INVOKE frames: " + calls);
    }

    /**
     * Requests re-encode byte for byte: what Python wrote is what jpyro writes for the decoded value. Two
     * kinds of frames need a documented exception: (1) serpent's bytes dict is written with spaces only when
     * Python had {@code bytes} (the decoded dict stays a Map, written without spaces like any dict), so those
     * frames are compared after turning the bytes dicts back into {@code byte[]}; (2) a bytes literal
     * ({@code SERPENT_BYTES_REPR}) is read as {@code byte[]}, which jpyro writes as the base64 dict, so that
     * frame is compared by value. Sets come back in wire order, so set frames re-encode exactly as well.
     */
    @Test
    void requestsReencodeByteForByte() {
        int exact = 0;
        int viaBytes = 0;
        int semantic = 0;
        for (Vectors.Frame f : Vectors.allFrames("serpent")) {
            if (!f.c2s() || !(f.type().equals("INVOKE") || f.type().equals("CONNECT"))) {
                continue;
            }
            byte[] again;
            if (f.type().equals("INVOKE")) {
                again = SERPENT.serializeCall(SERPENT.deserializeCall(f.payload(), f.version()), f.version());
            } else {
                again = SERPENT.serializeData(SERPENT.deserializeData(f.payload(), f.version()), f.version());
            }
            if (java.util.Arrays.equals(f.payload(), again)) {
                exact++;
                continue;
            }
            String text = f.text();
            if (text.contains("'encoding': 'base64'}")) {
                Call call = SERPENT.deserializeCall(f.payload(), f.version());
                @SuppressWarnings("unchecked")
                Call withBytes = new Call(call.objectId(), call.method(), (List<Object>) bytesDictsToBytes(call.args()),
                        call.kwargs());
                assertEquals(text, new String(SERPENT.serializeCall(withBytes, f.version()), StandardCharsets.UTF_8),
                        f.toString());
                viaBytes++;
            } else if (text.contains("(b'")) {
                Object original = bytesDictsToBytes(SERPENT.deserializeData(f.payload(), f.version()));
                Object reread = bytesDictsToBytes(SERPENT.deserializeData(again, f.version()));
                assertPyEquals(original, reread, f.toString());
                semantic++;
            } else {
                fail(f + " re-encodes differently:\n" + text + "\n" + new String(again, StandardCharsets.UTF_8));
            }
        }
        assertTrue(exact > 150, "exact: " + exact);
        assertEquals(6, viaBytes, "frames with serpent bytes dicts (3 steps x 2 versions)");
        assertEquals(1, semantic, "frames with a bytes literal (Pyro5 SERPENT_BYTES_REPR)");
    }

    /**
     * Responses re-encode byte for byte too wherever the Python value has a jpyro equivalent that writes the
     * same text: everything but exceptions (jpyro rebuilds them as its own exception objects), proxies (their
     * metadata sets are kept unordered) and the bytes dict written from Python {@code bytes}.
     */
    @Test
    void responsesWithoutExceptionsOrProxiesReencodeByteForByte() {
        int exact = 0;
        for (Vectors.Frame f : Vectors.allFrames("serpent")) {
            String text = f.text();
            if (f.c2s() || text.contains("'__exception__':True") || text.contains(".Proxy'")
                    || text.contains("'encoding': 'base64'}")) {
                continue;
            }
            Object value = SERPENT.deserializeData(f.payload(), f.version());
            assertEquals(text, new String(SERPENT.serializeData(value, f.version()), StandardCharsets.UTF_8),
                    f.toString());
            exact++;
        }
        assertTrue(exact > 100, "exact: " + exact);
    }

    private static Object bytesDictsToBytes(Object value) {
        if (value instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) value;
            if (m.size() == 2 && "base64".equals(m.get("encoding"))) {
                return SerpentSerializer.toBytes(m);
            }
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, bytesDictsToBytes(v)));
            return copy;
        }
        if (value instanceof Tuple) {
            List<Object> items = new ArrayList<>();
            ((Tuple) value).forEach(v -> items.add(bytesDictsToBytes(v)));
            return Tuple.copyOf(items);
        }
        if (value instanceof List) {
            List<Object> items = new ArrayList<>();
            ((List<?>) value).forEach(v -> items.add(bytesDictsToBytes(v)));
            return items;
        }
        return value;
    }

    /** The echo(x) argument and result of every values step, as jpyro values, for both protocol versions. */
    @Test
    void valueStepsDecodeToTheValueModel() {
        Map<Integer, Object> expected = ValueSteps.common();
        expected.put(21, dict("data", "AAECYmluYXJ5//4=", "encoding", "base64"));
        expected.put(22, dict("data", "", "encoding", "base64"));
        expected.put(23, dict("data", "YmEA/w==", "encoding", "base64"));
        expected.put(26, tuple(1, "a", false));
        expected.put(27, tuple());
        expected.put(30, dict(1, "one", 2, "two"));
        expected.put(31, set(1, 2, 3));
        expected.put(32, tuple());
        expected.put(33, set(7, 8));
        expected.put(34, set("alpha", "beta"));
        expected.put(35, dict("list", list(1, tuple(2, 3), dict("inner", list(null, dict("deep", "x")))),
                "tuple", tuple(dict("a", 1)), "empty", list(list(), dict(), tuple())));
        expected.put(36, "2024-01-02T03:04:05.600000");
        expected.put(37, "2024-01-02");
        expected.put(38, "03:04:05.600000");
        expected.put(39, 86402.000003);
        expected.put(40, "12345.678901234567890123456789");
        expected.put(41, "12345678-1234-5678-1234-567812345678");
        expected.put(42, new ComplexNumber(1.5, -2.0));
        byte[] binary = {0, 1, 2, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff, (byte) 0xfe};
        expected.put(44, binary);

        for (String file : List.of("pyro5-serpent-values.json", "pyro4-serpent-values.json")) {
            Map<Integer, Integer> seen = new HashMap<>();
            for (Vectors.Frame f : Vectors.frames(file, "serpent")) {
                Object want = expected.get(f.step());
                if (want == null && !expected.containsKey(f.step())) {
                    continue;
                }
                if (f.c2s()) {
                    Call call = SERPENT.deserializeCall(f.payload(), f.version());
                    assertEquals("test.service", call.objectId());
                    assertEquals("echo", call.method());
                    assertEquals(Map.of(), call.kwargs());
                    assertEquals(1, call.args().size(), f.toString());
                    assertPyEquals(want, call.args().get(0), f.toString());
                } else {
                    Object result = SERPENT.deserializeData(f.payload(), f.version());
                    if (f.step() == 44) {
                        // the daemon got bytes and answers with serpent's bytes dict
                        assertArrayEquals(binary, SerpentSerializer.toBytes(result), f.toString());
                    } else {
                        assertPyEquals(want, result, f.toString());
                    }
                }
                seen.merge(f.step(), 1, Integer::sum);
            }
            int steps = file.startsWith("pyro5") ? 44 : 43; // Pyro4 has no SERPENT_BYTES_REPR step
            for (int step = 1; step <= steps; step++) {
                assertEquals(2, seen.getOrDefault(step, 0), file + " step " + step + " request + response");
            }
        }
        byte[] twentyOne = SerpentSerializer.toBytes(expected.get(21));
        assertArrayEquals(binary, twentyOne);
        assertArrayEquals(new byte[0], SerpentSerializer.toBytes(expected.get(22)));
        assertArrayEquals(new byte[] {'b', 'a', 0, (byte) 0xff}, SerpentSerializer.toBytes(expected.get(23)));
    }

    @Test
    void exceptionsDecodeToJpyroExceptions() {
        for (String v : List.of("pyro4", "pyro5")) {
            CONVERSATIONS.assertExceptions(v);
            CONVERSATIONS.assertNamingErrors(v);
        }
    }

    @Test
    void batchResultsCarryTheExceptionWrapper() {
        for (String v : List.of("pyro4", "pyro5")) {
            CONVERSATIONS.assertBatch(v);
            List<Vectors.Frame> frames = Vectors.frames(v + "-serpent-batch.json", "serpent");
            Call batch = call(frames, 1);
            assertPyEquals(list(tuple("echo", tuple(1), dict()), tuple("add", tuple(2, 3), dict()),
                    tuple("fail", tuple("in batch", 7), dict()), tuple("echo", tuple("not reached"), dict())),
                    batch.args());
        }
    }

    @Test
    void streamsEndWithStopIterationAndUseProtocolErrorMarkers() {
        for (String v : List.of("pyro4", "pyro5")) {
            CONVERSATIONS.assertStreamMarkers(v);
        }
    }

    @Test
    void urisAndProxiesDecodeToPyroUriAndProxyState() {
        for (String v : List.of("pyro4", "pyro5")) {
            CONVERSATIONS.assertProxiesAndUris(v);
            List<Vectors.Frame> frames = Vectors.frames(v + "-serpent-autoproxy.json", "serpent");
            Call echoProxy = call(frames, 3);
            // and back: the proxy and the uri are written exactly as Python wrote them
            Vectors.Frame request = frames.stream().filter(f -> f.c2s() && f.step() == 3).findFirst().orElseThrow();
            assertEquals(request.text(), new String(SERPENT.serializeCall(echoProxy, request.version()),
                    StandardCharsets.UTF_8));
        }
        List<Vectors.Frame> ns = Vectors.frames("pyro5-serpent-nameserver.json", "serpent");
        for (Vectors.Frame f : ns) {
            if (!f.c2s() && f.text().contains("'__class__':'Pyro5.core.URI'")) {
                Object v = SERPENT.deserializeData(f.payload(), f.version());
                Object uri = v instanceof Tuple ? ((Tuple) v).get(0) : v;
                assertInstanceOf(PyroURI.class, uri, f.toString());
                assertTrue(((PyroURI) uri).object().startsWith("vec."));
            }
        }
    }

    @Test
    void handshakesAndMetadata() {
        List<Vectors.Frame> frames = Vectors.frames("pyro5-serpent-handshake.json", "serpent");
        Map<?, ?> connect = assertInstanceOf(Map.class, SERPENT.deserializeData(frames.get(0).payload(),
                ProtocolVersion.PYRO5));
        assertPyEquals(dict("handshake", "hello", "object", "test.service"), connect);
        Map<?, ?> ok = assertInstanceOf(Map.class, SERPENT.deserializeData(frames.get(1).payload(),
                ProtocolVersion.PYRO5));
        Map<?, ?> meta = assertInstanceOf(Map.class, ok.get("meta"));
        assertEquals(Set.of("context_info", "count", "kw", "add", "echo", "store", "ping", "fail", "child", "stored"),
                meta.get("methods"));
        assertEquals(Set.of("store"), meta.get("oneway"));
        Vectors.Frame custom = frames.stream().filter(f -> f.step() == 4 && f.c2s()).findFirst().orElseThrow();
        assertPyEquals(dict("handshake", dict("user", "vector", "token", 12345), "object", "test.service"),
                SERPENT.deserializeData(custom.payload(), ProtocolVersion.PYRO5));
        // Pyro5's daemon object sends empty metadata sets as ()
        List<Vectors.Frame> daemon = Vectors.frames("pyro5-serpent-daemon-object.json", "serpent");
        Map<?, ?> dmeta = (Map<?, ?>) ((Map<?, ?>) SERPENT.deserializeData(daemon.get(1).payload(),
                ProtocolVersion.PYRO5)).get("meta");
        assertPyEquals(tuple(), dmeta.get("oneway"));
    }

    @Test
    void kwargsKeepTheirOrder() {
        for (String v : List.of("pyro4", "pyro5")) {
            List<Vectors.Frame> frames = Vectors.frames(v + "-serpent-kwargs.json", "serpent");
            Call c = call(frames, 2);
            assertEquals("kw", c.method());
            assertPyEquals(tuple(1), c.args());
            assertPyEquals(dict("b", 5, "extra", "x"), c.kwargs());
            Call allKeywords = call(frames, 3);
            assertPyEquals(tuple(), allKeywords.args());
            assertPyEquals(dict("a", 7, "b", 8), allKeywords.kwargs());
            Call nested = call(frames, 4);
            assertPyEquals(dict("c", dict("nested", list(1, 2)), "d", null), nested.kwargs());
            assertPyEquals(dict("a", 1, "b", 5, "kwargs", dict("extra", "x")), response(frames, 2));
        }
        List<Vectors.Frame> props = Vectors.frames("pyro5-serpent-properties.json", "serpent");
        Call set = call(props, 2);
        assertEquals("__setattr__", set.method());
        assertPyEquals(tuple("value", 1234), set.args());
        assertNull(set.kwargs());
    }

    private static Object response(List<Vectors.Frame> frames, int step) {
        return CONVERSATIONS.response(frames, step);
    }

    private static Call call(List<Vectors.Frame> frames, int step) {
        return CONVERSATIONS.call(frames, step);
    }
}
