package org.jpyro.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroProxy;

/**
 * The runnable jar ({@code java -jar jpyro.jar echoserver -H 127.0.0.1 -p 0}) as a separate process: a Python
 * Pyro4 client and Pyrolite (Pyro5) call the same port, then {@code shutdown()} makes the process exit by itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EchoServerJarTest {
    private static PeerProcess server;
    private static PyroURI uri;

    @BeforeAll
    static void startJar() throws Exception {
        String jar = System.getProperty("jpyro.jar", "../bundles/tools/target/jpyro.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            PythonPeer.requireOrSkip("the runnable jar " + jar + " is not built (mvn install -pl bundles/tools)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = PeerProcess.start(List.of(java, "-Xmx256m", "-jar", jar, "echoserver", "-H", "127.0.0.1", "-p", "0"), Map.of());
        uri = PyroURI.parse(PythonPeer.awaitEchoUri(server));
        assertEquals("test.echoserver", uri.object());
        assertEquals("127.0.0.1", uri.host());
    }

    @AfterAll
    static void stopJar() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void printsPyrosEchoServerLines() {
        String out = server.stdout();
        assertTrue(out.contains("object name: test.echoserver"), out);
        assertTrue(out.contains("echo uri: " + uri), out);
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> pythonPyro4Client() throws Exception {
        PythonPeer.requirePyro4();
        return PythonChecks.run("pyro4 client vs jar", Duration.ofSeconds(60), Map.of(), "pyro4_client.py", "jar", uri.toString())
                .tests(List.of("jar.bind", "jar.values.int_unsigned_64bit_max", "jar.values.float_nan", "jar.values.str_non_ascii",
                        "jar.values.nested", "jar.error", "jar.generator", "jar.oneway_echo", "jar.batch", "jar.ping"));
    }

    @Test
    @Order(3)
    void pyroliteClientOnTheSamePort() throws Exception {
        PyroProxy p = new PyroProxy(new net.razorvine.pyro.PyroURI(uri.toString()));
        try {
            assertEquals("hello", p.call("echo", "hello"));
            assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), p.call("echo", BigInteger.TWO.pow(64).subtract(BigInteger.ONE)));
            assertEquals(JavaValues.NON_ASCII, p.call("echo", JavaValues.NON_ASCII));
            assertEquals(List.of(1, "two"), p.call("echo", new ArrayList<>(List.of(1, "two"))));

            PyroException e = assertThrows(PyroException.class, () -> p.call("error"));
            assertEquals("builtins.ValueError", e.pythonExceptionType);
            assertTrue(e.getMessage().contains("expected error from echoserver error() method"), e.getMessage());
            assertNotNull(e._pyroTraceback, "no _pyroTraceback");
            assertTrue(e._pyroTraceback.contains("EchoServer"), e._pyroTraceback);

            List<Object> items = new ArrayList<>();
            ((Iterable<?>) p.call("generator")).forEach(items::add);
            assertEquals(List.of("one", "two", "three"), items);

            long start = System.nanoTime();
            p.call_oneway("oneway_echo", "hi");
            p.call_oneway("oneway_slow");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1000, "oneway calls took " + millis + " ms");
            assertEquals("after oneway", p.call("echo", "after oneway"));
            assertEquals(false, p.getattr("verbose"));
        } finally {
            p.close();
        }
    }

    @Test
    @Order(4)
    void jpyroProxiesOfBothProtocolsOnTheSamePort() {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            try (Proxy p = new Proxy(uri, PyroConfig.defaults(version).with(ConfigItem.COMMTIMEOUT, 10.0))) {
                assertEquals("via " + version, p.call("echo", "via " + version));
                PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> p.call("error"));
                assertEquals("builtins.ValueError", e.pythonType());
            }
        }
    }

    @Test
    @Order(5)
    void shutdownEndsTheProcess() throws Exception {
        PyroProxy p = new PyroProxy(new net.razorvine.pyro.PyroURI(uri.toString()));
        try {
            assertNull(p.call("shutdown"));
        } finally {
            p.close();
        }
        assertEquals(0, server.awaitExit(Duration.ofSeconds(10)), "exit code of the echo server\n" + server.report());
    }
}
