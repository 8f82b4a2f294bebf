package org.jpyro.itests;

import static org.jpyro.itests.PythonValueAssert.assertBytesEcho;
import static org.jpyro.itests.PythonValueAssert.assertPythonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.client.RemoteIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A jpyro {@link Proxy} speaking protocol PYRO4 to Python's own test echo server
 * ({@code python3 -m Pyro4.test.echoserver}): values, {@code error()}, oneway methods, the remote generator,
 * the {@code verbose} attribute, PING and a typed interface proxy.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JpyroProxyToPyro4EchoServerTest {
    /** The part of Pyro's echo server a typed proxy needs. */
    public interface EchoService extends AutoCloseable {
        Object echo(Object message);

        void error();

        Iterator<Object> generator();

        double inf();

        @Oneway
        @Expose(name = "oneway_slow")
        void onewaySlow();

        boolean isVerbose();

        void setVerbose(boolean verbose);

        @Override
        void close();
    }

    private static PeerProcess echoServer;
    private static PyroURI uri;
    private static PyroConfig pyro4;
    private static Proxy proxy;

    @BeforeAll
    static void startEchoServer() throws Exception {
        PythonPeer.requirePyro4();
        echoServer = PythonPeer.pyro4EchoServer();
        uri = PyroURI.parse(PythonPeer.awaitEchoUri(echoServer));
        pyro4 = PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 10.0);
        proxy = new Proxy(uri, pyro4);
    }

    @AfterAll
    static void stopEchoServer() {
        if (proxy != null) {
            proxy.close();
        }
        if (echoServer != null) {
            echoServer.close();
        }
    }

    private static AssertionError withPeerOutput(AssertionError e) {
        return new AssertionError(e.getMessage() + "\n" + echoServer.report(), e);
    }

    @ParameterizedTest(name = "echo {0}")
    @MethodSource("org.jpyro.itests.JavaValues#echoCases")
    void echoesValues(String name, Object sent, Object expected) {
        assertPythonEquals(expected, proxy.call("echo", sent));
    }

    @Test
    void echoesBytes() {
        byte[] bytes = {0, 1, 2, 'b', (byte) 0xff, (byte) 0xfe};
        assertBytesEcho(bytes, proxy.call("echo", (Object) bytes));
    }

    @Test
    void errorArrivesAsValueErrorWithTraceback() {
        PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> proxy.call("error"));
        assertEquals("builtins.ValueError", e.pythonType());
        assertEquals("ValueError", e.pythonName());
        assertEquals(List.of("expected error from echoserver error() method"), e.args());
        assertNotNull(e.remoteTraceback(), "no remote traceback");
        String traceback = String.join("", e.remoteTraceback());
        assertTrue(traceback.contains("echoserver.py") && traceback.contains("in error"), traceback);
        assertTrue(e.formattedRemoteTraceback().contains("ValueError"), e.formattedRemoteTraceback());
        assertEquals("still here", proxy.call("echo", "still here"), "connection unusable after a remote exception");
    }

    @Test
    void onewayCallsDoNotWait() {
        long start = System.nanoTime();
        proxy.callOneway("oneway_echo", "hello");
        assertNull(proxy.call("oneway_slow"), "oneway method (by metadata) returned a value");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 1000, "two oneway calls (one of a 5 s method) took " + millis + " ms");
        assertEquals("after oneway", proxy.call("echo", "after oneway"));
    }

    @Test
    void generatorStreamsItems() {
        Object result = proxy.call("generator");
        assertInstanceOf(RemoteIterator.class, result);
        List<Object> items = new ArrayList<>();
        try (RemoteIterator it = (RemoteIterator) result) {
            it.forEachRemaining(items::add);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of("one", "two", "three"), items);
    }

    @Test
    void verboseAttribute() {
        assertEquals(false, proxy.getAttr("verbose"));
        proxy.setAttr("verbose", true);
        try {
            assertEquals(true, proxy.getAttr("verbose"));
        } finally {
            proxy.setAttr("verbose", false);
        }
        assertEquals(false, proxy.getAttr("verbose"));
    }

    @Test
    void nanAndInfinity() {
        assertTrue(((Double) proxy.call("nan")).isNaN());
        assertEquals(Double.POSITIVE_INFINITY, proxy.call("inf"));
    }

    @Test
    void bindAndPing() {
        try (Proxy p = new Proxy(uri, pyro4)) {
            p.bind();
            p.ping();
            assertEquals("after ping", p.call("echo", "after ping"));
        }
    }

    @Test
    void protocolSelectedOnTheProxy() {
        try (Proxy p = new Proxy(uri.toString()).protocol(ProtocolVersion.PYRO4)) {
            assertEquals(List.of(1, "x"), p.call("echo", List.of(1, "x")));
        }
    }

    @Test
    void pyro5ProxyIsRefusedCleanly() {
        try (Proxy p = new Proxy(uri, PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, 5.0))) {
            assertThrows(PyroException.class, () -> p.call("echo", 1));
        }
        assertTrue(echoServer.isAlive(), "the Python echo server died");
        assertEquals(1, proxy.call("echo", 1));
    }

    @Test
    void typedInterfaceProxy() {
        try (EchoService echo = Proxy.create(uri, EchoService.class, pyro4)) {
            assertEquals("typed", echo.echo("typed"));
            assertEquals(Double.POSITIVE_INFINITY, echo.inf());
            PyroRemoteException e = assertThrows(PyroRemoteException.class, echo::error);
            assertEquals("builtins.ValueError", e.pythonType());
            List<Object> items = new ArrayList<>();
            echo.generator().forEachRemaining(items::add);
            assertEquals(List.of("one", "two", "three"), items);
            long start = System.nanoTime();
            echo.onewaySlow();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1000, "typed oneway call of a 5 s method took " + millis + " ms");
            assertFalse(echo.isVerbose());
            echo.setVerbose(true);
            assertTrue(echo.isVerbose());
            echo.setVerbose(false);
            assertFalse(echo.isVerbose());
        } catch (AssertionError e) {
            throw withPeerOutput(e);
        }
    }
}
