package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.Oneway;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;

/**
 * The proxy against the real Python Pyro4 4.82 echo server ({@code python3 -m Pyro4.test.echoserver}), speaking
 * protocol 48. Skipped when {@code /usr/bin/python3} has no Pyro4, unless {@code CI=true}.
 */
@Timeout(60)
class Pyro4EchoServerTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static Process server;
    private static PyroURI uri;

    /** The echo server as a Java interface. */
    public interface EchoServer extends AutoCloseable {
        Object echo(Object message);

        String echo(String message);

        void error();

        @Oneway
        void oneway_echo(Object message);

        Iterator<String> generator();

        Stream<String> generator_stream();

        boolean isVerbose();

        void setVerbose(boolean verbose);

        @Override
        void close();
    }

    @BeforeAll
    static void startServer() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean available = Files.isExecutable(Path.of(PYTHON)) && new ProcessBuilder(PYTHON, "-c", "import Pyro4")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!available) {
            if (ci) {
                fail(PYTHON + " with Pyro4 is required when CI=true");
            }
            Assumptions.abort(PYTHON + " has no Pyro4: skipping the Python interop test");
        }
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-u", "-m", "Pyro4.test.echoserver", "-H", "127.0.0.1", "-p", "0");
        pb.environment().put("PYRO_SERIALIZERS_ACCEPTED", "serpent,json,marshal");
        pb.environment().remove("PYRO_HMAC_KEY");
        pb.redirectErrorStream(true);
        server = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> uriLine = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("echo uri: ")) {
                        return line.substring("echo uri: ".length()).trim();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String text = uriLine.get(20, TimeUnit.SECONDS);
        if (text == null) {
            fail("the echo server did not print its uri");
        }
        uri = PyroURI.parse(text);
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "echoserver-output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static PyroConfig config() {
        return PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 10.0);
    }

    private static Proxy proxy() {
        return new Proxy(uri, config());
    }

    @Test
    void echoesManyValueTypes() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("a", 1);
        dict.put("b", List.of("x", 2.5));
        List<Object> values = Arrays.asList(42, -7, Long.MAX_VALUE, new BigInteger("123456789012345678901234567890"),
                3.25, -1e-9, true, false, null, "hello", "h\u00e9llo \u20ac \u4e2d\u6587 \uD83D\uDE00", "",
                List.of(1, "two", 3.0), Tuple.of(1, "a"), dict, Set.of(1, 2, 3), new ComplexNumber(1.5, -2.0),
                Double.POSITIVE_INFINITY, Map.of(1, "one"));
        try (Proxy p = proxy()) {
            for (Object v : values) {
                Object r = p.call("echo", v);
                assertEquals(v, r, "echo(" + v + ")");
            }
            assertTrue(((Double) p.call("echo", Double.NaN)).isNaN());
            assertInstanceOf(Tuple.class, p.call("echo", Tuple.of(1, 2)));
            Object bytes = p.call("echo", (Object) new byte[] {1, 2, 3});
            assertEquals(Map.of("data", "AQID", "encoding", "base64"), bytes);
        }
    }

    @Test
    void remoteErrorCarriesItsTraceback() {
        try (Proxy p = proxy()) {
            PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> p.call("error"));
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals("expected error from echoserver error() method", e.getMessage());
            assertFalse(e.remoteTraceback().isEmpty());
            assertTrue(e.formattedRemoteTraceback().contains("ValueError"));
            assertEquals("still there", p.call("echo", "still there"));
        }
    }

    @Test
    void metadataOnewayGeneratorAttributesAndPing() {
        try (Proxy p = proxy()) {
            p.bind();
            assertTrue(p.methods().containsAll(Set.of("echo", "error", "generator", "oneway_echo", "shutdown")));
            assertTrue(p.oneway().contains("oneway_echo"));
            assertEquals(Set.of("verbose"), p.attrs());

            assertNull(p.call("oneway_echo", "fire and forget"));
            p.callOneway("echo", "explicitly oneway");

            RemoteIterator it = assertInstanceOf(RemoteIterator.class, p.call("generator"));
            List<Object> items = new ArrayList<>();
            it.forEachRemaining(items::add);
            assertEquals(List.of("one", "two", "three"), items);
            try (RemoteIterator early = (RemoteIterator) p.call("generator")) {
                assertEquals("one", early.next());
            }

            assertEquals(false, p.getAttr("verbose"));
            p.setAttr("verbose", true);
            assertEquals(true, p.getAttr("verbose"));
            p.setAttr("verbose", false);

            p.ping();
            assertEquals("after ping", p.call("echo", "after ping"));
            PyroException local = assertThrows(PyroException.class, () -> p.call("no_such_method"));
            assertTrue(local.getMessage().contains("has no exposed attribute or method"));
        }
    }

    @Test
    void batchStopsAtTheFirstExceptionAndOnewayBatchReturnsAtOnce() {
        try (Proxy p = proxy()) {
            BatchResults r = p.batch().call("echo", "one").call("echo", Tuple.of(2, 3)).call("error")
                    .call("echo", "not reached").execute();
            assertEquals(3, r.size());
            assertEquals("one", r.get(0));
            assertEquals(Tuple.of(2, 3), r.get(1));
            PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> r.get(2));
            assertEquals("builtins.ValueError", e.pythonType());
            assertFalse(e.remoteTraceback().isEmpty());

            assertEquals(List.of("a", "b"), p.batch().call("echo", "a").call("echo", "b").execute().toList());
            p.batch().call("oneway_echo", "x").call("echo", "y").executeOneway();
            assertEquals("after oneway batch", p.call("echo", "after oneway batch"));
        }
    }

    /** A typed view with an asynchronous method. */
    interface AsyncEcho {
        java.util.concurrent.CompletableFuture<List<Integer>> echo(Object message);
    }

    @Test
    void asyncCallsCompleteInOrder() throws Exception {
        try (Proxy p = proxy()) {
            List<java.util.concurrent.CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(p.callAsync("echo", i));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(i, futures.get(i).get(5, java.util.concurrent.TimeUnit.SECONDS));
            }
            java.util.concurrent.CompletionException e = assertThrows(java.util.concurrent.CompletionException.class,
                    () -> p.callAsync("error").join());
            assertInstanceOf(PyroRemoteException.class, e.getCause());
            assertEquals(List.of(1, 2), p.as(AsyncEcho.class).echo(Tuple.of(1, 2))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void typedProxy() {
        try (EchoServer echo = Proxy.create(uri, EchoServer.class, config())) {
            assertEquals("typed", echo.echo("typed"));
            assertEquals(List.of(1, 2), echo.echo((Object) List.of(1, 2)));
            assertThrows(PyroRemoteException.class, echo::error);
            echo.oneway_echo("oneway");
            List<String> items = new ArrayList<>();
            echo.generator().forEachRemaining(items::add);
            assertEquals(List.of("one", "two", "three"), items);
            assertFalse(echo.isVerbose());
            echo.setVerbose(true);
            assertTrue(echo.isVerbose());
            echo.setVerbose(false);
            assertThrows(PyroException.class, echo::generator_stream);
        }
    }
}
