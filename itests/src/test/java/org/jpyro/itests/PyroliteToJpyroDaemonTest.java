package org.jpyro.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.PyroURI;
import org.jpyro.daemon.Daemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.serializer.SerpentSerializer;

/**
 * Pyrolite 5.1 ({@code net.razorvine.pyro.PyroProxy}, Pyro5 protocol, serpent) as the client of an in-JVM jpyro
 * daemon: values in Pyrolite's own Java types, exceptions with {@code _pyroTraceback}, {@code call_oneway}, item
 * streams and attributes. Pyrolite has no batch, kwargs or PING (see pyro-protocol.md §14.4).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PyroliteToJpyroDaemonTest {
    private static Daemon daemon;
    private static PyroURI service;
    private PyroProxy proxy;

    @BeforeAll
    static void startDaemon() {
        daemon = new Daemon("127.0.0.1", 0);
        service = daemon.register(new InteropService(), InteropService.OBJECT_ID);
        daemon.start();
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        proxy = new PyroProxy(new net.razorvine.pyro.PyroURI(service.toString()));
    }

    @AfterEach
    void disconnect() {
        proxy.close();
    }

    private Object echo(Object value) throws Exception {
        return proxy.call("echo", value);
    }

    @Test
    void scalars() throws Exception {
        assertSameTyped(42, echo(42));
        assertSameTyped(-12345, echo(-12345));
        assertSameTyped(Long.MAX_VALUE, echo(Long.MAX_VALUE));
        assertSameTyped(Long.MIN_VALUE, echo(Long.MIN_VALUE));
        BigInteger u64 = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
        assertSameTyped(u64, echo(u64));
        BigInteger big = BigInteger.TWO.pow(100).negate().add(BigInteger.valueOf(7));
        assertSameTyped(big, echo(big));
        assertSameTyped(3.25, echo(3.25));
        assertTrue(((Double) echo(Double.NaN)).isNaN());
        assertSameTyped(Double.POSITIVE_INFINITY, echo(Double.POSITIVE_INFINITY));
        assertSameTyped(Double.NEGATIVE_INFINITY, echo(Double.NEGATIVE_INFINITY));
        assertSameTyped(true, echo(true));
        assertSameTyped(false, echo(false));
        assertNull(echo(null));
        assertSameTyped("", echo(""));
        assertSameTyped(JavaValues.NON_ASCII, echo(JavaValues.NON_ASCII));
        assertSameTyped(JavaValues.CONTROL_CHARS, echo(JavaValues.CONTROL_CHARS));
    }

    @Test
    void bytes() throws Exception {
        byte[] data = {0, 1, 2, 'b', (byte) 0xff, (byte) 0xfe};
        Object back = echo(data);
        assertTrue(back instanceof Map, "serpent bytes come back as the base64 dict: " + back);
        assertArrayEquals(data, SerpentSerializer.toBytes(back));
    }

    @Test
    void collections() throws Exception {
        assertEquals(new ArrayList<>(Arrays.asList(1, "two", 3.0, null, true)), echo(new ArrayList<>(Arrays.asList(1, "two", 3.0, null, true))));
        Object tuple = echo(new Object[] {1, "a", false});
        assertTrue(tuple instanceof Object[], "a tuple comes back as Object[] in Pyrolite: " + tuple);
        assertArrayEquals(new Object[] {1, "a", false}, (Object[]) tuple);
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1, "one");
        intKeys.put(2, "two");
        Object map = echo(intKeys);
        assertEquals(intKeys, map);
        assertTrue(((Map<?, ?>) map).keySet().iterator().next() instanceof Integer, "int keys stay ints");
        Set<Object> set = new HashSet<>(List.of(1, 2, 3));
        Object backSet = echo(set);
        assertTrue(backSet instanceof Set, "a set comes back as a Set: " + backSet);
        assertEquals(set, backSet);
        Map<String, Object> nested = new HashMap<>();
        nested.put("list", new ArrayList<>(List.of(1, new HashMap<>(Map.of("inner", new ArrayList<>(List.of("x")))))));
        nested.put("big", BigInteger.TWO.pow(70));
        assertEquals(nested, echo(nested));
        assertEquals(42, proxy.call("add", 40, 2));
    }

    @Test
    void exceptionCarriesTraceback() {
        PyroException e = assertThrows(PyroException.class, () -> proxy.call("raiseValueError", "bad value"));
        assertEquals("builtins.ValueError", e.pythonExceptionType);
        assertTrue(e.getMessage().contains("bad value"), e.getMessage());
        assertNotNull(e._pyroTraceback, "no _pyroTraceback");
        assertTrue(e._pyroTraceback.contains("raiseValueError"), e._pyroTraceback);
    }

    @Test
    void onewayDoesNotWait() throws Exception {
        int before = (Integer) proxy.call("onewayCount");
        long start = System.nanoTime();
        proxy.call_oneway("sleepOneway", 1000);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 500, "oneway call of a 1 s method took " + millis + " ms");
        start = System.nanoTime();
        assertEquals("free", echo("free"));
        millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 500, "the connection waited for the oneway method: " + millis + " ms");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((Integer) proxy.call("onewayCount") == before) {
            assertTrue(System.nanoTime() < deadline, "the oneway method never ran");
            Thread.sleep(50);
        }
    }

    @Test
    void itemStream() throws Exception {
        Object result = proxy.call("count", 5);
        assertTrue(result instanceof Iterable, "not a stream: " + result);
        assertEquals("StreamResultIterable", result.getClass().getSimpleName());
        List<Object> items = new ArrayList<>();
        ((Iterable<?>) result).forEach(items::add);
        assertEquals(List.of(0, 1, 2, 3, 4), items);
    }

    @Test
    void itemStreamClosedEarly() throws Exception {
        Iterable<?> stream = (Iterable<?>) proxy.call("count", 1000);
        Iterator<?> it = stream.iterator();
        assertEquals(0, it.next());
        assertEquals(1, it.next());
        assertTrue(it instanceof PyroProxy.StreamResultIterable.StreamResultIterator, "iterator " + it.getClass());
        ((PyroProxy.StreamResultIterable.StreamResultIterator<?>) it).close();
        assertEquals("after close", echo("after close"));
    }

    @Test
    void attributes() throws Exception {
        proxy.setattr("value", 1234);
        assertTrue(proxy.pyroAttrs.contains("value"), "metadata attrs from the handshake " + proxy.pyroAttrs);
        assertTrue(proxy.pyroMethods.containsAll(Set.of("echo", "count", "sleepOneway")), "metadata methods " + proxy.pyroMethods);
        assertEquals(1234, proxy.getattr("value"));
        proxy.setattr("value", 42);
        assertEquals(42, proxy.getattr("value"));
    }

    @Test
    void daemonObject() throws Exception {
        PyroProxy d = new PyroProxy(new net.razorvine.pyro.PyroURI(service.withObject("Pyro.Daemon").toString()));
        try {
            assertNull(d.call("ping"));
            Object registered = d.call("registered");
            assertTrue(registered instanceof List && ((List<?>) registered).containsAll(List.of("Pyro.Daemon", InteropService.OBJECT_ID)),
                    "registered() " + registered);
            Map<?, ?> meta = (Map<?, ?>) d.call("get_metadata", InteropService.OBJECT_ID);
            assertEquals(Set.of("sleepOneway"), new HashSet<Object>((java.util.Collection<?>) meta.get("oneway")));
            assertTrue(((Iterable<?>) meta.get("attrs")).iterator().hasNext(), "attrs " + meta);
        } finally {
            d.close();
        }
    }

    @Test
    void customHandshake() throws Exception {
        PyroProxy p = new PyroProxy(new net.razorvine.pyro.PyroURI(service.toString()));
        try {
            p.pyroHandshake = new HashMap<>(Map.of("user", "pyrolite", "token", 12345));
            assertEquals("handshake ok", p.call("echo", "handshake ok"));
        } finally {
            p.close();
        }
    }

    private static void assertSameTyped(Object expected, Object actual) {
        assertNotNull(actual, "got None for " + expected);
        assertEquals(expected.getClass(), actual.getClass(), "class of " + actual);
        assertEquals(expected, actual);
    }
}
