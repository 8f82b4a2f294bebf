package org.jpyro.serializer.msgpack;

import static org.jpyro.api.testing.Py.dict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.PyroException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.testing.ConversationChecks;
import org.jpyro.api.testing.Py;
import org.jpyro.api.testing.ValueSteps;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.Test;

/** The serializer against every msgpack payload of the golden Pyro4/Pyro5 conversations. */
class MsgpackVectorTest {
    /** The vectors were captured with TZ=UTC: naive datetimes are UTC local times there. */
    private static final MsgpackSerializer MSGPACK = new MsgpackSerializer(ZoneOffset.UTC);
    private static final Pattern CALL_HEAD = Pattern.compile("^\\['([^']*)', '([^']*)', \\[");

    @Test
    void everyPayloadDecodes() {
        List<Vectors.Frame> frames = Vectors.allFrames("msgpack");
        int calls = 0;
        for (Vectors.Frame f : frames) {
            Object value = MSGPACK.deserializeData(f.payload(), f.version());
            if (f.c2s() && f.type().equals("INVOKE")) {
                Call call = MSGPACK.deserializeCall(f.payload(), f.version());
                Matcher m = CALL_HEAD.matcher(f.valueRepr());
                assertTrue(m.find(), f + " " + f.valueRepr());
                assertEquals(m.group(1), call.objectId(), f.toString());
                assertEquals(m.group(2), call.method(), f.toString());
                assertInstanceOf(ArrayList.class, call.args(), f.toString());
                assertEquals(f.valueRepr().endsWith(", None]"), call.kwargs() == null, f.toString());
                Py.assertPyEquals(((List<?>) value).get(2), call.args(), f.toString());
                calls++;
            } else if (f.type().equals("CONNECT")) {
                Map<?, ?> connect = assertInstanceOf(Map.class, value, f.toString());
                assertTrue(connect.containsKey("handshake"), f.toString());
            } else if (f.type().equals("CONNECTOK") && f.valueRepr().startsWith("{'handshake'")) {
                Map<?, ?> ok = assertInstanceOf(Map.class, value, f.toString());
                if (ok.containsKey("meta")) {
                    Map<?, ?> meta = assertInstanceOf(Map.class, ok.get("meta"), f.toString());
                    assertEquals(Set.of("methods", "oneway", "attrs"), meta.keySet(), f.toString());
                    assertInstanceOf(List.class, meta.get("methods"), f.toString());
                }
            }
        }
        assertTrue(frames.size() > 300, "msgpack frames: " + frames.size());
        assertTrue(calls > 100, "INVOKE frames: " + calls);
    }

    /**
     * Every request payload (CONNECT and INVOKE, both versions) re-encodes byte for byte, through
     * {@code deserializeData/serializeData} and, for INVOKE, through {@code deserializeCall/serializeCall}. No
     * exceptions: sets, tuples and lists are arrays in wire order, ints pick the same smallest encoding, big ints,
     * datetimes, dates and complex numbers go back into the same little-endian extension payloads.
     */
    @Test
    void requestsReencodeByteForByte() {
        int checked = 0;
        for (Vectors.Frame f : Vectors.allFrames("msgpack")) {
            if (!f.c2s()) {
                continue;
            }
            Object value = MSGPACK.deserializeData(f.payload(), f.version());
            assertHexEquals(f.payload(), MSGPACK.serializeData(value, f.version()), f.toString());
            if (f.type().equals("INVOKE")) {
                Call call = MSGPACK.deserializeCall(f.payload(), f.version());
                assertHexEquals(f.payload(), MSGPACK.serializeCall(call, f.version()), f + " as a call");
            }
            checked++;
        }
        assertTrue(checked > 200, "request payloads: " + checked);
    }

    /**
     * Responses re-encode byte for byte too (results, CONNECTOK metadata, exceptions with their tracebacks,
     * batch results with exception wrappers, proxies, URIs), with one documented exception: an exception whose
     * {@code _pyroTraceback} was None (the ITEMSTREAMRESULT marker) is written back with jpyro's own Java
     * traceback ({@code PythonExceptions.traceback}), so for those only class, args and the missing traceback
     * are compared.
     */
    @Test
    void responsesReencodeByteForByte() {
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        int noTraceback = 0;
        for (Vectors.Frame f : Vectors.allFrames("msgpack")) {
            if (f.c2s()) {
                continue;
            }
            Object value = MSGPACK.deserializeData(f.payload(), f.version());
            byte[] again = MSGPACK.serializeData(value, f.version());
            if (value instanceof PyroException && ((PyroException) value).remoteTraceback() == null) {
                PyroException e = (PyroException) value;
                assertTrue(f.valueRepr().endsWith("'attributes': {'_pyroTraceback': None}}"), f.toString());
                assertTrue(f.valueRepr().startsWith("{'__class__': '" + f.version().libraryName() + ".errors.ProtocolError'"),
                        f.toString());
                assertInstanceOf(ProtocolException.class, e, f.toString());
                assertEquals("result of call is an iterator", e.getMessage(), f.toString());
                noTraceback++;
            } else if (!Arrays.equals(f.payload(), again)) {
                mismatches.add(f + "\n  wire: " + HexFormat.of().formatHex(f.payload()) + "\n  ours: "
                        + HexFormat.of().formatHex(again));
            }
            checked++;
        }
        assertTrue(checked > 200, "response payloads: " + checked);
        assertEquals(4, noTraceback, "stream markers (2 per stream file)");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " responses differ:\n" + String.join("\n", mismatches));
    }

    /** The argument of {@code echo(x)} in each step of the values conversation, as jpyro decodes it. */
    private static Map<Integer, Object> expectedValues() {
        Map<Integer, Object> v = ValueSteps.common();
        v.put(21, new byte[] {0, 1, 2, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff, (byte) 0xfe});
        v.put(22, new byte[0]);
        v.put(23, new byte[] {'b', 'a', 0, (byte) 0xff});
        v.put(26, List.of(1, "a", false));
        v.put(27, List.of());
        v.put(30, dict(1, "one", 2, "two"));
        v.put(31, List.of(1, 2, 3));
        v.put(32, List.of());
        v.put(35, dict("list", List.of(1, List.of(2, 3), dict("inner", Arrays.asList(null, dict("deep", "x")))),
                "tuple", List.of(dict("a", 1)), "empty", List.of(List.of(), Map.of(), List.of())));
        v.put(36, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000));
        v.put(37, LocalDate.of(2024, 1, 2));
        v.put(40, "12345.678901234567890123456789");
        v.put(41, "12345678-1234-5678-1234-567812345678");
        v.put(42, new ComplexNumber(1.5, -2.0));
        return v;
    }

    /**
     * Every value of the values conversation decodes to the expected Java value, both as the request argument
     * and as the echoed result (Pyro4's daemon echoes extension types back untouched, Pyro5's re-encodes them:
     * the same bytes either way). The set of strings (step 34) is compared as a set; the int-keyed dict (step
     * 30) is refused by the Python daemons (strict_map_key) but decodes in Java.
     */
    @Test
    void valuesDecodeToTheExpectedJavaValues() {
        Map<Integer, Object> expected = expectedValues();
        for (String file : List.of("pyro4-msgpack-values.json", "pyro5-msgpack-values.json")) {
            int args = 0;
            int results = 0;
            for (Vectors.Frame f : Vectors.frames(file, "msgpack")) {
                if (f.type().equals("INVOKE")) {
                    Call call = MSGPACK.deserializeCall(f.payload(), f.version());
                    assertEquals("echo", call.method(), f.toString());
                    if (f.step() == 34) {
                        assertEquals(Set.of("alpha", "beta"), Set.copyOf(call.args().get(0) instanceof List
                                ? (List<?>) call.args().get(0) : List.of()), f.toString());
                    } else {
                        assertTrue(expected.containsKey(f.step()), f.toString());
                        Py.assertPyEquals(expected.get(f.step()), call.args().get(0), f.toString());
                    }
                    args++;
                } else if (f.type().equals("RESULT") && expected.containsKey(f.step()) && f.step() != 30) {
                    Py.assertPyEquals(expected.get(f.step()), MSGPACK.deserializeData(f.payload(), f.version()), f.toString());
                    results++;
                }
            }
            assertEquals(40, args, file);
            assertEquals(38, results, file);
        }
    }

    /** URIs, proxies (Pyro4 9-item, Pyro5 6-item state), exceptions and batch exception wrappers. */
    @Test
    void classDictsDecodeToPyroObjects() {
        ConversationChecks conversations = new ConversationChecks(MSGPACK);
        for (String v : List.of("pyro4", "pyro5")) {
            conversations.assertProxiesAndUris(v);
            conversations.assertExceptions(v);
            conversations.assertBatch(v);
            conversations.assertStreamMarkers(v);
            conversations.assertNamingErrors(v);
        }
    }

    /** Property access and batches send kwargs nil; both decode to a null kwargs and re-encode as nil. */
    @Test
    void nilKwargsOfAttributeAccessAndBatch() {
        int calls = 0;
        for (String file : List.of("pyro4-msgpack-properties.json", "pyro5-msgpack-batch.json")) {
            for (Vectors.Frame f : Vectors.frames(file, "msgpack")) {
                Call call = f.type().equals("INVOKE") ? MSGPACK.deserializeCall(f.payload(), f.version()) : null;
                if (call != null && Set.of("<batch>", "__getattr__", "__setattr__").contains(call.method())) {
                    assertNull(call.kwargs(), f.toString());
                    calls++;
                    assertEquals((byte) 0xc0, f.payload()[f.payload().length - 1], f.toString());
                }
            }
        }
        assertEquals(7, calls);
    }

    private static void assertHexEquals(byte[] expected, byte[] actual, String message) {
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual), message);
    }
}
