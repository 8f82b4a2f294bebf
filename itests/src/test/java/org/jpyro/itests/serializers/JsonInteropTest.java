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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.Expose;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.PeerProcess;
import org.jpyro.serializer.json.JsonSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The json serializer against Python Pyro4 4.82 (Debian's {@code /usr/bin/python3}) in both directions: a Python
 * client with {@code SERIALIZER='json'} calling an in-JVM jpyro {@link Daemon} (checks in
 * {@code python/serializers/json_interop.py}), and a jpyro {@link Proxy} with json over protocol 4 calling a
 * Python Pyro4 daemon. Skipped when Pyro4 is missing, unless the environment variable {@code CI} is true.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsonInteropTest {

    /** What the Python client calls: {@link EchoService} and the values only Java makes. */
    @Expose
    public static class JsonService extends EchoService {
        @Override
        public Map<String, Object> javaValues() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("big", BigInteger.TWO.pow(80));
            v.put("long", Long.MIN_VALUE);
            v.put("nan", Double.NaN);
            v.put("inf", Double.POSITIVE_INFINITY);
            v.put("bytes", new byte[] {0, 1, 2, (byte) 0xff});
            v.put("uuid", UUID.fromString("12345678-1234-5678-1234-567812345678"));
            v.put("decimal", new BigDecimal("1.10"));
            v.put("tuple", Tuple.of(1, "x"));
            v.put("set", Set.of("only"));
            v.put("text", "\u00e9\ud83d\ude00\u001b");
            Map<Object, Object> keys = new LinkedHashMap<>();
            keys.put(1, "int");
            keys.put(2.5, "float");
            keys.put(true, "bool");
            keys.put(null, "none");
            v.put("keys", keys);
            v.put("uri", PyroURI.parse("PYRO:java.object@127.0.0.1:4000"));
            return v;
        }
    }

    @TestFactory
    Stream<DynamicTest> pythonClientWithJsonToJpyroDaemon() throws Exception {
        assertInstanceOf(JsonSerializer.class, SerializerRegistry.defaultRegistry().byName("json"));
        return InteropPeers.pythonClientChecks("json", new JsonService(), "json.service", List.of("values.",
                "exception.value_error", "values.uri", "java.values", "still_serving"), 36);
    }

    @Test
    void jpyroProxyWithJsonToPythonPyro4Daemon() throws Exception {
        try (PeerProcess daemon = InteropPeers.pythonDaemon("json");
             Proxy proxy = InteropPeers.proxyTo(daemon, "json")) {
            // what Python received: its type and repr
            assertEquals("int 42", proxy.call("describe", 42));
            assertEquals("int -9223372036854775808", proxy.call("describe", Long.MIN_VALUE));
            assertEquals("int 1180591620717411303424", proxy.call("describe", BigInteger.TWO.pow(70)));
            assertEquals("float 0.1", proxy.call("describe", 0.1));
            assertEquals("float 5e-324", proxy.call("describe", Double.MIN_VALUE));
            assertEquals("float 1e+16", proxy.call("describe", 1e16));
            assertEquals("float -0.0", proxy.call("describe", -0.0));
            assertEquals("float nan", proxy.call("describe", Double.NaN));
            assertEquals("float -inf", proxy.call("describe", Double.NEGATIVE_INFINITY));
            assertEquals("bool True", proxy.call("describe", true));
            assertEquals("NoneType None", proxy.call("describe", (Object) null));
            assertEquals("str 'h\u00e9llo \u20ac \ud83d\ude00'", proxy.call("describe", "h\u00e9llo \u20ac \ud83d\ude00"));
            assertEquals("str 'nul\\x00 esc\\x1b tab\\t del\\x7f \"q\"'",
                    proxy.call("describe", "nul\u0000 esc\u001b tab\t del\u007f \"q\""));
            assertEquals("list [1, 'a', False]", proxy.call("describe", Tuple.of(1, "a", false)));
            assertEquals("list [1, 2]", proxy.call("describe", new int[] {1, 2}));
            assertEquals("list ['x']", proxy.call("describe", new LinkedHashSet<>(List.of("x"))));
            Map<Object, Object> keys = new LinkedHashMap<>();
            keys.put(1, "a");
            keys.put("b", List.of(2.5, Map.of()));
            assertEquals("dict {'1': 'a', 'b': [2.5, {}]}", proxy.call("describe", keys));
            assertEquals("str '12345678-1234-5678-1234-567812345678'",
                    proxy.call("describe", UUID.fromString("12345678-1234-5678-1234-567812345678")));
            assertEquals("str '2024-01-02'", proxy.call("describe", LocalDate.of(2024, 1, 2)));
            assertEquals("dict {'data': 'AAEC/w==', 'encoding': 'base64'}",
                    proxy.call("describe", (Object) new byte[] {0, 1, 2, (byte) 0xff}));
            String uriRepr = (String) proxy.call("describe", PyroURI.parse("PYRO:some.object@127.0.0.1:47999"));
            assertTrue(uriRepr.startsWith("URI <Pyro4.core.URI at ") && uriRepr.endsWith("; PYRO:some.object@127.0.0.1:47999>"),
                    uriRepr);

            // and back again: what jpyro decodes Python's json to
            assertEquals(42, proxy.call("echo", 42));
            assertEquals(Long.MAX_VALUE, proxy.call("echo", Long.MAX_VALUE));
            assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.ONE),
                    proxy.call("echo", BigInteger.TWO.pow(64).subtract(BigInteger.ONE)));
            assertEquals(Double.MIN_VALUE, proxy.call("echo", Double.MIN_VALUE));
            assertTrue(Double.isNaN((Double) proxy.call("echo", Double.NaN)));
            assertEquals(Double.POSITIVE_INFINITY, proxy.call("echo", Double.POSITIVE_INFINITY));
            String text = "h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00 nul\u0000 esc\u001b \u2028 \\ \"";
            assertEquals(text, proxy.call("echo", text));
            assertEquals(List.of(1, "a", false), proxy.call("echo", Tuple.of(1, "a", false)));
            assertInstanceOf(ArrayList.class, proxy.call("echo", Tuple.of(1)));
            Object dict = proxy.call("echo", keys);
            assertEquals(List.of("1", "b"), new ArrayList<>(((Map<?, ?>) dict).keySet()));
            assertEquals(List.of(2.5, Map.of()), ((Map<?, ?>) dict).get("b"));
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff},
                    JsonSerializer.toBytes(proxy.call("echo", (Object) new byte[] {0, 1, 2, (byte) 0xff})));
            PyroURI some = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");
            assertEquals(some, proxy.call("echo", some));

            PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> proxy.call("fail", "bad value"));
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals(List.of("bad value", 42), e.args());
            assertTrue(String.join("", e.remoteTraceback()).contains("raise ValueError(msg, 42)"),
                    String.valueOf(e.remoteTraceback()));
            assertEquals("still connected", proxy.call("echo", "still connected"));
        }
    }
}
