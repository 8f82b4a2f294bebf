package org.jpyro.itests.serializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.client.Proxy;
import org.jpyro.client.RemoteIterator;
import org.jpyro.itests.InteropService;
import org.jpyro.itests.PeerProcess;
import org.jpyro.serializer.marshal.MarshalSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The marshal serializer against Python Pyro4 4.82 (Debian's {@code /usr/bin/python3}) in both directions:
 * a Pyro4 client with {@code SERIALIZER='marshal'} calling a jpyro daemon (values, URIs and proxies as
 * arguments, keyword arguments, exceptions, item streams; and, with the client patched as in the golden
 * vectors, the kwargs-None calls {@code __getattr__}/{@code __setattr__}/{@code <batch>} that Python's own
 * marshal client cannot send), and a jpyro proxy with serializer marshal and protocol PYRO4 calling a Pyro4
 * daemon (values and the Python types they become, attributes, exceptions, streams, URIs). Pyro5 marshal is
 * checked against the golden vectors in the serializer bundle.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MarshalInteropTest {
    private static PeerProcess pythonDaemon;
    private static Proxy proxy;

    @BeforeAll
    static void start() throws Exception {
        assertInstanceOf(MarshalSerializer.class, SerializerRegistry.defaultRegistry().byName("marshal"));
        pythonDaemon = InteropPeers.pythonDaemon("marshal");
        proxy = new Proxy(InteropPeers.uriOf(pythonDaemon),
                PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 10.0))
                .serializer("marshal").protocol(ProtocolVersion.PYRO4);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (pythonDaemon != null) {
            pythonDaemon.close();
        }
    }

    // ---- Python Pyro4 client (marshal) -> jpyro daemon

    @TestFactory
    Stream<DynamicTest> pyro4MarshalClientToJpyroDaemon() throws Exception {
        return InteropPeers.pythonClientChecks("marshal", new InteropService(), InteropService.OBJECT_ID, List.of("bind",
                "values.int_huge", "values.str_non_ascii", "values.nested", "values.shared_references", "values.complex",
                "values.uri", "values.proxy", "call.kwargs", "exception", "stream", "kwargs_none.client_crashes",
                "kwargs_none.attributes", "kwargs_none.batch", "still_serving"), 56);
    }

    // ---- jpyro proxy (marshal, PYRO4) -> Python Pyro4 daemon

    enum Color { RED }

    @Test
    void echoesEveryValueTypeWithItsPythonType() {
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "one");
        intKeys.put(-3, "minus three");
        Map<Object, Object> tupleKeys = new LinkedHashMap<>();
        tupleKeys.put(Tuple.of(1, "a"), 1);
        tupleKeys.put(Tuple.of(2, "b"), new ArrayList<>(List.of(2)));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", new ArrayList<>(List.of(1, Tuple.of(2, 3), new LinkedHashMap<>(Map.of("deep", "x")))));
        nested.put("empty", new ArrayList<>(List.of(new ArrayList<>(), new LinkedHashMap<>(), Tuple.of())));
        nested.put("set", new LinkedHashSet<>(List.of(7, 8)));
        List<Object> shared = new ArrayList<>(List.of("shared"));
        Object[][] cases = {
            {42, "int"}, {0, "int"}, {-12345, "int"}, {Integer.MIN_VALUE, "int"}, {1L << 40, "int"},
            {Long.MIN_VALUE, "int"}, {BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), "int"},
            {BigInteger.valueOf(7).pow(500).negate(), "int"}, {3.25, "float"}, {-0.0, "float"}, {Double.NaN, "float"},
            {Double.NEGATIVE_INFINITY, "float"}, {new ComplexNumber(1.5, -2), "complex"}, {true, "bool"}, {null, "NoneType"},
            {"", "str"}, {"h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00", "str"}, {"nul\u0000 ctl\u001b quote' \"", "str"},
            {"x.".repeat(300), "str"}, {new byte[] {0, 1, (byte) 0xff}, "bytes"}, {new byte[0], "bytes"},
            {Tuple.of(1, "a", false), "tuple"}, {Tuple.of(), "tuple"}, {new ArrayList<>(List.of(1, "two", 3.0)), "list"},
            {new LinkedHashSet<>(List.of(1, 2, 3)), "set"}, {new LinkedHashSet<>(), "set"}, {intKeys, "dict"},
            {tupleKeys, "dict"}, {nested, "dict"}, {new ArrayList<>(List.of(shared, shared)), "list"},
        };
        for (Object[] c : cases) {
            Object back = proxy.call("echo", c[0]);
            assertPyEquals(c[0], back, "echo " + c[0]);
            assertEquals(c[1], proxy.call("type_name", c[0]), "Python type of " + c[0]);
        }
    }

    @Test
    void javaOnlyTypesArriveAsPyroSendsThem() {
        assertEquals(Tuple.of(1, "x"), proxy.call("echo", (Object) new Object[] {1, "x"}));
        assertEquals(Tuple.of(1, 2, 3), proxy.call("echo", (Object) new int[] {1, 2, 3}));
        UUID uuid = UUID.fromString("12345678-1234-5678-1234-567812345678");
        assertEquals(uuid.toString(), proxy.call("echo", uuid));
        assertEquals("RED", proxy.call("echo", Color.RED));
        assertEquals("list", proxy.call("type_name", List.of(1)));
    }

    @Test
    void urisTravelAsPyroClassDicts() {
        PyroURI uri = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");
        assertEquals(uri, proxy.call("uri"));
        assertEquals(uri, proxy.call("echo", uri));
        assertEquals("URI", proxy.call("type_name", uri));
    }

    @Test
    void attributesAreCallsWithKwargsNone() {
        assertEquals(42, proxy.getAttr("value"));
        proxy.setAttr("value", 1234);
        assertEquals(1234, proxy.getAttr("value"));
        proxy.setAttr("value", 42);
    }

    @Test
    void exceptionsKeepTypeArgsAndTraceback() {
        PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> proxy.call("fail", "bad value"));
        assertEquals("builtins.ValueError", e.pythonType());
        assertEquals(List.of("bad value", 42), e.args());
        assertNotNull(e.remoteTraceback());
        assertTrue(String.join("", e.remoteTraceback()).contains("in fail"), String.join("", e.remoteTraceback()));
        assertEquals("still here", proxy.call("echo", "still here"));
    }

    @Test
    void itemStreams() throws Exception {
        List<Object> items = new ArrayList<>();
        try (RemoteIterator it = (RemoteIterator) proxy.call("count", 3)) {
            it.forEachRemaining(items::add);
        }
        assertEquals(List.of(0, 1, 2), items);
    }

    @Test
    void keywordArguments() {
        assertEquals(9, proxy.callKw("add", List.of(), Map.of("a", 4, "b", 5)));
        assertEquals(3, proxy.callKw("add", List.of(1), Map.of("b", 2)));
    }

    // ---- helpers

    private static void assertPyEquals(Object expected, Object actual, String where) {
        if (expected == null) {
            assertEquals(null, actual, where);
        } else if (expected instanceof Tuple) {
            assertInstanceOf(Tuple.class, actual, where);
            assertSequence((List<?>) expected, (List<?>) actual, where);
        } else if (expected instanceof List) {
            assertInstanceOf(List.class, actual, where);
            assertTrue(!(actual instanceof Tuple), where + ": a tuple instead of a list");
            assertSequence((List<?>) expected, (List<?>) actual, where);
        } else if (expected instanceof Set) {
            assertInstanceOf(Set.class, actual, where);
            assertEquals(expected, actual, where);
        } else if (expected instanceof Map) {
            assertInstanceOf(Map.class, actual, where);
            Map<?, ?> e = (Map<?, ?>) expected;
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), where + " keys");
            for (Map.Entry<?, ?> en : e.entrySet()) {
                assertPyEquals(en.getValue(), a.get(en.getKey()), where + "[" + en.getKey() + "]");
            }
        } else if (expected instanceof byte[]) {
            assertInstanceOf(byte[].class, actual, where);
            assertArrayEquals((byte[]) expected, (byte[]) actual, where);
        } else if (expected instanceof Long && ((Long) expected) >= Integer.MIN_VALUE && ((Long) expected) <= Integer.MAX_VALUE) {
            assertEquals(((Long) expected).intValue(), actual, where);
        } else {
            assertNotNull(actual, where);
            assertEquals(expected.getClass(), actual.getClass(), where + " type");
            assertEquals(expected, actual, where);
        }
    }

    private static void assertSequence(List<?> expected, List<?> actual, String where) {
        assertEquals(expected.size(), actual.size(), where + " length");
        Iterator<?> a = actual.iterator();
        int i = 0;
        for (Object e : expected) {
            assertPyEquals(e, a.next(), where + "[" + i++ + "]");
        }
    }
}
