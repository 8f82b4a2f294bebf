package org.jpyro.itests.serializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.PeerProcess;
import org.jpyro.serializer.msgpack.MsgpackSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The msgpack serializer against Python Pyro4 4.82 with msgpack 1.0.3 (Debian's {@code /usr/bin/python3}) in both
 * directions: a Python client with {@code SERIALIZER='msgpack'} calling an in-JVM jpyro {@link Daemon} (one JUnit
 * test per check of {@code python/serializers/msgpack_interop.py}), and a jpyro {@link Proxy} with msgpack over
 * protocol 4 calling a Python Pyro4 daemon. Pyro5 behaviour is covered by the golden vectors in the serializer
 * bundle's own tests. Skipped when Pyro4 is missing, unless the environment variable {@code CI} is true.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MsgpackInteropTest {
    private static final LocalDateTime DT = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000);

    /** What the Python client calls. */
    @Expose
    public static class MsgpackService extends EchoService {
        private volatile int value = 42;
        private volatile Object stored;

        @Override
        public Map<String, Object> javaValues() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("tuple", Tuple.of(1, "x"));
            v.put("set", Set.of("only"));
            v.put("ints", new int[] {1, 2, 3});
            v.put("big", BigInteger.TWO.pow(80));
            v.put("ulong", BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
            v.put("long", Long.MIN_VALUE);
            v.put("bytes", new byte[] {0, 1, 2, (byte) 0xff});
            v.put("decimal", new BigDecimal("1.10"));
            v.put("uuid", UUID.fromString("12345678-1234-5678-1234-567812345678"));
            v.put("datetime", DT);
            v.put("date", LocalDate.of(2024, 1, 2));
            v.put("complex", new ComplexNumber(1.5, -2.0));
            v.put("nan", Double.NaN);
            v.put("text", "\u00e9\ud83d\ude00\u001b");
            v.put("uri", PyroURI.parse("PYRO:java.object@127.0.0.1:4000"));
            return v;
        }

        public Iterator<Integer> count(int n) {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < n;
                }

                @Override
                public Integer next() {
                    if (next >= n) {
                        throw new NoSuchElementException();
                    }
                    return next++;
                }
            };
        }

        @Oneway
        public void store(Object x) {
            stored = x;
        }

        public Object stored() {
            return stored;
        }

        public int getValue() {
            return value;
        }

        public void setValue(int value) {
            this.value = value;
        }
    }

    @TestFactory
    Stream<DynamicTest> pythonClientWithMsgpackToJpyroDaemon() throws Exception {
        assertInstanceOf(MsgpackSerializer.class, SerializerRegistry.defaultRegistry().byName("msgpack"));
        return InteropPeers.pythonClientChecks("msgpack", new MsgpackService(), "msgpack.service", List.of("bind",
                "values.datetime", "values.date", "values.complex", "values.int_big", "values.uri", "java_values",
                "exception", "batch", "stream", "oneway", "attributes"), 50);
    }

    @Test
    void jpyroProxyWithMsgpackToPythonPyro4Daemon() throws Exception {
        try (PeerProcess daemon = InteropPeers.pythonDaemon("msgpack");
             Proxy proxy = InteropPeers.proxyTo(daemon, "msgpack")) {
            // what Python received: its type and repr ("ext" = it came as one of Pyro's extension types)
            assertEquals("int 42", proxy.call("describe", 42));
            assertEquals("int 255", proxy.call("describe", (short) 255));
            assertEquals("int -9223372036854775808", proxy.call("describe", Long.MIN_VALUE));
            assertEquals("int 18446744073709551615", proxy.call("describe", BigInteger.TWO.pow(64).subtract(BigInteger.ONE)));
            assertEquals("ext int 1180591620717411303424", proxy.call("describe", BigInteger.TWO.pow(70)));
            assertEquals("ext int -1267650600228229401496703205369",
                    proxy.call("describe", BigInteger.TWO.pow(100).negate().add(BigInteger.valueOf(7))));
            assertEquals("float 0.1", proxy.call("describe", 0.1));
            assertEquals("float 0.10000000149011612", proxy.call("describe", 0.1f));
            assertEquals("float 5e-324", proxy.call("describe", Double.MIN_VALUE));
            assertEquals("float -0.0", proxy.call("describe", -0.0));
            assertEquals("float nan", proxy.call("describe", Double.NaN));
            assertEquals("float -inf", proxy.call("describe", Double.NEGATIVE_INFINITY));
            assertEquals("bool True", proxy.call("describe", true));
            assertEquals("NoneType None", proxy.call("describe", (Object) null));
            assertEquals("str 'h\u00e9llo \u20ac \ud83d\ude00'", proxy.call("describe", "h\u00e9llo \u20ac \ud83d\ude00"));
            assertEquals("str 'nul\\x00 esc\\x1b tab\\t del\\x7f'", proxy.call("describe", "nul\u0000 esc\u001b tab\t del\u007f"));
            assertEquals("bytes b'\\x00\\x01\\x02\\xff'", proxy.call("describe", (Object) new byte[] {0, 1, 2, (byte) 0xff}));
            assertEquals("list [1, 'a', False]", proxy.call("describe", Tuple.of(1, "a", false)));
            assertEquals("list [1, 2]", proxy.call("describe", new int[] {1, 2}));
            assertEquals("list ['x']", proxy.call("describe", new LinkedHashSet<>(List.of("x"))));
            assertEquals("str 'hi'", proxy.call("describe", new char[] {'h', 'i'}));
            Map<Object, Object> dict = new LinkedHashMap<>();
            dict.put("a", 1);
            dict.put("b", List.of(2.5, Map.of()));
            assertEquals("dict {'a': 1, 'b': [2.5, {}]}", proxy.call("describe", dict));
            assertEquals("ext datetime datetime.datetime(2024, 1, 2, 3, 4, 5, 600000)", proxy.call("describe", DT));
            assertEquals("ext date datetime.date(2024, 1, 2)", proxy.call("describe", LocalDate.of(2024, 1, 2)));
            assertEquals("ext date datetime.date(1, 1, 1)", proxy.call("describe", LocalDate.of(1, 1, 1)));
            assertEquals("ext complex (1.5-2j)", proxy.call("describe", new ComplexNumber(1.5, -2.0)));
            assertEquals("str '12345678-1234-5678-1234-567812345678'",
                    proxy.call("describe", UUID.fromString("12345678-1234-5678-1234-567812345678")));
            assertEquals("str '1.10'", proxy.call("describe", new BigDecimal("1.10")));
            String uriRepr = (String) proxy.call("describe", PyroURI.parse("PYRO:some.object@127.0.0.1:47999"));
            assertTrue(uriRepr.startsWith("URI <Pyro4.core.URI at ") && uriRepr.endsWith("; PYRO:some.object@127.0.0.1:47999>"),
                    uriRepr);

            // and back again: what jpyro decodes Python's msgpack to
            assertEquals(42, proxy.call("echo", 42));
            assertEquals(Long.MAX_VALUE, proxy.call("echo", Long.MAX_VALUE));
            assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.ONE),
                    proxy.call("echo", BigInteger.TWO.pow(64).subtract(BigInteger.ONE)));
            assertEquals(BigInteger.TWO.pow(70), proxy.call("echo", BigInteger.TWO.pow(70)));
            assertTrue(Double.isNaN((Double) proxy.call("echo", Double.NaN)));
            String text = "h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00 nul\u0000 esc\u001b \u2028";
            assertEquals(text, proxy.call("echo", text));
            assertEquals("y".repeat(70_000), proxy.call("echo", "y".repeat(70_000)));
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, (byte[]) proxy.call("echo", (Object) new byte[] {0, 1, 2, (byte) 0xff}));
            assertEquals(List.of(1, "a", false), proxy.call("echo", Tuple.of(1, "a", false)));
            assertInstanceOf(ArrayList.class, proxy.call("echo", Tuple.of(1)));
            assertEquals(dict, proxy.call("echo", dict));
            assertEquals(DT, proxy.call("echo", DT));
            assertEquals(LocalDate.of(9999, 12, 31), proxy.call("echo", LocalDate.of(9999, 12, 31)));
            assertEquals(new ComplexNumber(1.5, -2.0), proxy.call("echo", new ComplexNumber(1.5, -2.0)));
            PyroURI some = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");
            assertEquals(some, proxy.call("echo", some));

            Map<?, ?> py = assertInstanceOf(Map.class, proxy.call("pythonValues"));
            assertEquals(List.of(1, "x"), py.get("tuple"));
            assertEquals(List.of("only"), py.get("set"));
            assertEquals(BigInteger.TWO.pow(80), py.get("big"));
            assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), py.get("ulong"));
            assertEquals(Long.MIN_VALUE, py.get("long"));
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, (byte[]) py.get("bytes"));
            assertArrayEquals(new byte[] {(byte) 0xfe}, (byte[]) py.get("bytearray"));
            assertEquals(DT, py.get("datetime"));
            assertEquals(LocalDate.of(2024, 1, 2), py.get("date"));
            assertEquals(new ComplexNumber(1.5, -2.0), py.get("complex"));
            assertEquals("1.10", py.get("decimal"));
            assertEquals("12345678-1234-5678-1234-567812345678", py.get("uuid"));
            assertTrue(Double.isNaN((Double) py.get("nan")));
            assertEquals(PyroURI.parse("PYRO:py.object@127.0.0.1:4001"), py.get("uri"));

            PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> proxy.call("fail", "bad value"));
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals(List.of("bad value", 42), e.args());
            assertTrue(String.join("", e.remoteTraceback()).contains("raise ValueError(msg, 42)"),
                    String.valueOf(e.remoteTraceback()));
            assertEquals("still connected", proxy.call("echo", "still connected"));
            assertEquals(3, proxy.callKw("echo", List.of(), Map.of("x", 3)));
        }
    }
}
