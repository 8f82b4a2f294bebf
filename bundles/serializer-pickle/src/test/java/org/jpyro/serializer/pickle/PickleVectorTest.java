package org.jpyro.serializer.pickle;

import static org.jpyro.serializer.pickle.Py.assertPyEquals;
import static org.jpyro.serializer.pickle.Py.dict;
import static org.jpyro.serializer.pickle.Py.list;
import static org.jpyro.serializer.pickle.Py.set;
import static org.jpyro.serializer.pickle.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
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
import org.jpyro.api.serializer.ExceptionWrapper;
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

    /** The echo argument of each step of {@code pyro4-pickle-values*.json}, in jpyro's value model. */
    static final List<Object> VALUES = List.of(
            42, -12345, 0, Long.MAX_VALUE, Long.MIN_VALUE,
            new BigInteger("18446744073709551615"), BigInteger.TWO.pow(70),
            BigInteger.TWO.pow(100).negate().add(BigInteger.valueOf(7)),
            3.25, -1.5e-10, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            true, false, "<None>", "hello", "", "h\u00e9llo \u20ac \u4e2d\u6587 \uD83D\uDE00",
            "nul\u0000 tab\t nl\n cr\r quote' dquote\" backslash\\ del\u007f",
            new byte[] {0, 1, 2, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff, (byte) 0xfe}, new byte[0],
            new byte[] {'b', 'a', 0, (byte) 0xff},
            list(1, "two", 3.0, null, true), list(), tuple(1, "a", false), tuple(),
            dict("k", "v", "n", 1, "f", 0.5), dict(), dict(1, "one", 2, "two"),
            set(1, 2, 3), set(), set(7, 8), set("alpha", "beta"),
            dict("list", list(1, tuple(2, 3), dict("inner", list(null, dict("deep", "x")))),
                    "tuple", tuple(dict("a", 1)), "empty", list(list(), dict(), tuple())),
            LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000), LocalDate.of(2024, 1, 2),
            LocalTime.of(3, 4, 5, 600_000_000), Duration.ofDays(1).plusSeconds(2).plusNanos(3000),
            new BigDecimal("12345.678901234567890123456789"),
            UUID.fromString("12345678-1234-5678-1234-567812345678"), new ComplexNumber(1.5, -2.0),
            list(1, 2, 3));

    private static Object expected(int step) {
        Object v = VALUES.get(step - 1);
        return "<None>".equals(v) ? null : v;
    }

    @TestFactory
    Stream<DynamicTest> valuesDecodeAsDescribed() {
        return Stream.of("pyro4-pickle-values.json", "pyro4-pickle-values-protocol2.json").flatMap(file -> {
            List<DynamicTest> tests = new ArrayList<>();
            int[] seen = new int[1];
            for (Vectors.Frame f : Vectors.pickleFrames(file)) {
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
                        assertPyEquals(tuple(expected(f.step())), call.args());
                    } else {
                        assertEquals("RESULT", f.type());
                        assertPyEquals(expected(f.step()), SER.deserializeData(f.payload(), P4));
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
        return Vectors.pickleFiles().stream().flatMap(file -> Vectors.pickleFrames(file).stream())
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
        Object connect = SER.deserializeData(Vectors.frame("pyro4-pickle-handshake.json", 0).payload(), P4);
        assertPyEquals(dict("handshake", "hello", "object", "test.service"), connect);
        Object ok = SER.deserializeData(Vectors.frame("pyro4-pickle-handshake.json", 1).payload(), P4);
        Map<?, ?> meta = (Map<?, ?>) ((Map<?, ?>) ok).get("meta");
        assertEquals(Set.of("context_info", "count", "kw", "add", "echo", "store", "ping", "fail", "child",
                "stored"), Set.copyOf((List<?>) meta.get("methods")));
        assertPyEquals(list("store"), meta.get("oneway"));
    }

    @Test
    void exceptionsWithRemoteTraceback() {
        String file = "pyro4-pickle-exception.json";
        Object v = SER.deserializeData(Vectors.frame(file, 3).payload(), P4);
        PyroRemoteException e = assertInstanceOf(PyroRemoteException.class, v);
        assertEquals("builtins.ValueError", e.pythonType());
        assertEquals(List.of("bad value", 42), e.args());
        assertEquals(4, e.remoteTraceback().size());
        assertEquals("Traceback (most recent call last):\n", e.remoteTraceback().get(0));
        assertEquals("ValueError: ('bad value', 42)\n", e.remoteTraceback().get(3));
        assertEquals(Map.of(), e.attributes());

        DaemonException d = assertInstanceOf(DaemonException.class,
                SER.deserializeData(Vectors.frame(file, 5).payload(), P4));
        assertEquals("unknown object", d.getMessage());
        assertEquals("Pyro4.errors.DaemonError: unknown object\n", d.remoteTraceback().get(2));

        PyroRemoteException attr = assertInstanceOf(PyroRemoteException.class,
                SER.deserializeData(Vectors.frame(file, 7).payload(), P4));
        assertEquals("builtins.AttributeError", attr.pythonType());
        assertEquals("'VecService' object has no attribute 'no_such_method'", attr.getMessage());
    }

    @Test
    void batchWithExceptionWrapper() {
        String file = "pyro4-pickle-batch.json";
        Call call = SER.deserializeCall(Vectors.frame(file, 2).payload(), P4);
        assertEquals("<batch>", call.method());
        assertNull(call.kwargs());
        assertInstanceOf(ArrayList.class, call.args(), "a batch sends its calls as a list");
        assertPyEquals(list(tuple("echo", tuple(1), dict()), tuple("add", tuple(2, 3), dict()),
                tuple("fail", tuple("in batch", 7), dict()), tuple("echo", tuple("not reached"), dict())),
                call.args());
        List<?> result = (List<?>) SER.deserializeData(Vectors.frame(file, 3).payload(), P4);
        assertEquals(List.of(1, 5), result.subList(0, 2));
        ExceptionWrapper w = assertInstanceOf(ExceptionWrapper.class, result.get(2));
        PyroRemoteException e = assertInstanceOf(PyroRemoteException.class, w.exception());
        assertEquals("builtins.ValueError", e.pythonType());
        assertEquals(List.of("in batch", 7), e.args());
    }

    @Test
    void urisAndProxies() {
        String file = "pyro4-pickle-autoproxy.json";
        ProxyState child = assertInstanceOf(ProxyState.class,
                SER.deserializeData(Vectors.frame(file, 3).payload(), P4));
        assertEquals(PyroURI.parse("PYRO:test.child@127.0.0.1:47410"), child.uri());
        assertEquals(Set.of("hello"), child.methods());
        assertEquals(Set.of(), child.oneway());
        assertEquals("hello", child.handshake());
        assertNull(child.serializer());

        Call call = SER.deserializeCall(Vectors.frame(file, 4).payload(), P4);
        assertEquals(PyroURI.parse("PYRO:some.object@127.0.0.1:47999"), call.args().get(0));
        assertEquals(PyroURI.parse("PYRO:some.object@127.0.0.1:47999"),
                SER.deserializeData(Vectors.frame(file, 5).payload(), P4));
        ProxyState p = assertInstanceOf(ProxyState.class,
                SER.deserializeCall(Vectors.frame(file, 6).payload(), P4).args().get(0));
        assertEquals(ProxyState.of(PyroURI.parse("PYRO:some.object@127.0.0.1:47999")).uri(), p.uri());
        assertTrue(p.methods().isEmpty());
    }

    @Test
    void refusedConnectPayloadIsAnOrdinaryHandshake() {
        Vectors.Frame f = Vectors.frame("pyro4-serializer-not-accepted.json", 2);
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
