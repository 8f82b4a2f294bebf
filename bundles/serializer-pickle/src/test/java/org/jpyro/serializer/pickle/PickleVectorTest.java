package org.jpyro.serializer.pickle;

import static org.jpyro.api.testing.Py.assertPyEquals;
import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.set;
import static org.jpyro.api.testing.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.DaemonException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.testing.ConversationChecks;
import org.jpyro.api.testing.ValueSteps;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every pickle payload of the golden Pyro4 conversations decodes to the value the step describes, and survives
 * a round trip through jpyro's writer (Java writes protocol 2, so the bytes differ from Python's protocol 5:
 * the comparison is semantic).
 */
class PickleVectorTest {
    private static final ProtocolVersion P4 = ProtocolVersion.PYRO4;
    private static final PickleSerializer SER = new PickleSerializer();
    private static final ConversationChecks CONVERSATIONS = new ConversationChecks(SER);

    /** The echo argument of each step of {@code pyro4-pickle-values*.json}, in jpyro's value model. */
    static final Map<Integer, Object> VALUES = values();

    private static Map<Integer, Object> values() {
        Map<Integer, Object> v = ValueSteps.common();
        v.put(21, new byte[] {0, 1, 2, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff, (byte) 0xfe});
        v.put(22, new byte[0]);
        v.put(23, new byte[] {'b', 'a', 0, (byte) 0xff});
        v.put(26, tuple(1, "a", false));
        v.put(27, tuple());
        v.put(30, dict(1, "one", 2, "two"));
        v.put(31, set(1, 2, 3));
        v.put(32, set());
        v.put(33, set(7, 8));
        v.put(34, set("alpha", "beta"));
        v.put(35, dict("list", list(1, tuple(2, 3), dict("inner", list(null, dict("deep", "x")))),
                "tuple", tuple(dict("a", 1)), "empty", list(list(), dict(), tuple())));
        v.put(36, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000));
        v.put(37, LocalDate.of(2024, 1, 2));
        v.put(38, LocalTime.of(3, 4, 5, 600_000_000));
        v.put(39, Duration.ofDays(1).plusSeconds(2).plusNanos(3000));
        v.put(40, new BigDecimal("12345.678901234567890123456789"));
        v.put(41, UUID.fromString("12345678-1234-5678-1234-567812345678"));
        v.put(42, new ComplexNumber(1.5, -2.0));
        return v;
    }

    /** Every pickle vector file, and the conversation in which a default daemon refuses pickle. */
    static List<String> files() {
        List<String> files = new ArrayList<>(Vectors.files("pickle"));
        files.add("pyro4-serializer-not-accepted.json");
        return files;
    }

    private static Vectors.Frame frame(String file, int index) {
        return Vectors.frame(file, "pickle", index);
    }

    @TestFactory
    Stream<DynamicTest> valuesDecodeAsDescribed() {
        return Stream.of("pyro4-pickle-values.json", "pyro4-pickle-values-protocol2.json").flatMap(file -> {
            List<DynamicTest> tests = new ArrayList<>();
            int[] seen = new int[1];
            for (Vectors.Frame f : Vectors.frames(file, "pickle")) {
                if (f.step() < 1 || f.step() > VALUES.size()) {
                    continue; // the handshake; protocol2 also has a fail() step, checked in everyPayload...
                }
                seen[0]++;
                tests.add(DynamicTest.dynamicTest(f.toString(), () -> {
                    if (f.c2s()) {
                        Call call = SER.deserializeCall(f.payload(), P4);
                        assertEquals("test.service", call.objectId());
                        assertEquals("echo", call.method());
                        assertEquals(Map.of(), call.kwargs());
                        assertPyEquals(tuple(VALUES.get(f.step())), call.args());
                    } else {
                        assertEquals("RESULT", f.type());
                        assertPyEquals(VALUES.get(f.step()), SER.deserializeData(f.payload(), P4));
                    }
                }));
            }
            assertEquals(2 * VALUES.size(), seen[0], file + ": one request and one response per step");
            return tests.stream();
        });
    }

    /** Every pickle payload of every conversation decodes, re-encodes and decodes to the same value. */
    @TestFactory
    Stream<DynamicTest> everyPayloadDecodesAndRoundTrips() {
        return files().stream().flatMap(file -> Vectors.frames(file, "pickle").stream())
                .map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
                    if (f.type().equals("INVOKE")) {
                        Call call = SER.deserializeCall(f.payload(), P4);
                        Call again = SER.deserializeCall(SER.serializeCall(call, P4), P4);
                        assertEquals(call.objectId(), again.objectId());
                        assertEquals(call.method(), again.method());
                        assertPyEquals(call.args(), again.args());
                        assertPyEquals(call.kwargs(), again.kwargs());
                    } else {
                        Object value = SER.deserializeData(f.payload(), P4);
                        assertPyEquals(value, SER.deserializeData(SER.serializeData(value, P4), P4));
                    }
                }));
    }

    @Test
    void handshakeAndMetadata() {
        Object connect = SER.deserializeData(frame("pyro4-pickle-handshake.json", 0).payload(), P4);
        assertPyEquals(dict("handshake", "hello", "object", "test.service"), connect);
        Object ok = SER.deserializeData(frame("pyro4-pickle-handshake.json", 1).payload(), P4);
        Map<?, ?> meta = (Map<?, ?>) ((Map<?, ?>) ok).get("meta");
        assertEquals(Set.of("context_info", "count", "kw", "add", "echo", "store", "ping", "fail", "child",
                "stored"), Set.copyOf((List<?>) meta.get("methods")));
        assertPyEquals(list("store"), meta.get("oneway"));
    }

    @Test
    void exceptionsWithRemoteTraceback() {
        CONVERSATIONS.assertExceptions("pyro4");
        CONVERSATIONS.assertNamingErrors("pyro4");
        CONVERSATIONS.assertStreamMarkers("pyro4");
        String file = "pyro4-pickle-exception.json";
        PyroRemoteException e = (PyroRemoteException) SER.deserializeData(frame(file, 3).payload(), P4);
        assertEquals(4, e.remoteTraceback().size());
        assertEquals("ValueError: ('bad value', 42)\n", e.remoteTraceback().get(3));
        assertEquals(Map.of(), e.attributes());
        DaemonException d = (DaemonException) SER.deserializeData(frame(file, 5).payload(), P4);
        assertEquals("Pyro4.errors.DaemonError: unknown object\n", d.remoteTraceback().get(2));
        PyroRemoteException attr = (PyroRemoteException) SER.deserializeData(frame(file, 7).payload(), P4);
        assertEquals("'VecService' object has no attribute 'no_such_method'", attr.getMessage());
    }

    @Test
    void batchWithExceptionWrapper() {
        String file = "pyro4-pickle-batch.json";
        Call call = SER.deserializeCall(frame(file, 2).payload(), P4);
        assertInstanceOf(ArrayList.class, call.args(), "a batch sends its calls as a list");
        assertPyEquals(list(tuple("echo", tuple(1), dict()), tuple("add", tuple(2, 3), dict()),
                tuple("fail", tuple("in batch", 7), dict()), tuple("echo", tuple("not reached"), dict())),
                call.args());
        CONVERSATIONS.assertBatch("pyro4");
    }

    @Test
    void urisAndProxies() {
        CONVERSATIONS.assertProxiesAndUris("pyro4");
        ProxyState child = (ProxyState) SER.deserializeData(frame("pyro4-pickle-autoproxy.json", 3).payload(), P4);
        assertEquals(PyroURI.parse("PYRO:test.child@127.0.0.1:47410"), child.uri());
    }

    @Test
    void refusedConnectPayloadIsAnOrdinaryHandshake() {
        Vectors.Frame f = frame("pyro4-serializer-not-accepted.json", 2);
        assertEquals("CONNECT", f.type());
        assertPyEquals(dict("handshake", "hello", "object", "test.service"), SER.deserializeData(f.payload(), P4));
    }

    @Test
    void pyroErrorsKeepTheirJavaClass() {
        Object v = SER.deserializeData(SER.serializeData(new DaemonException("boom"), P4), P4);
        assertInstanceOf(DaemonException.class, v);
        assertEquals("boom", ((PyroException) v).getMessage());
    }
}
