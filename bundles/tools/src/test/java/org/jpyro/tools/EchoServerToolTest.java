package org.jpyro.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.client.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the echoserver tool as {@code java -jar jpyro.jar echoserver} would, and calls it. */
@Timeout(60)
class EchoServerToolTest {
    private static final Pattern URI_LINE = Pattern.compile("echo uri: (PYRO:test\\.echoserver@127\\.0\\.0\\.1:\\d+)");

    @Test
    void servesPyro4AndPyro5ProxiesOnOnePortAndShutsDownOnRequest() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = pool.submit(() -> Main.run(new String[] {"echoserver", "-H", "127.0.0.1", "-p", "0"}, out, out));
            String uri = awaitUri(bytes, exit);
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("Starting jpyro's built-in test echo server.\nobject name: test.echoserver\n"), text);
            for (ProtocolVersion version : ProtocolVersion.values()) {
                try (Proxy echo = new Proxy(uri).protocol(version)) {
                    assertEquals("hello", echo.call("echo", "hello"));
                    assertEquals(Set.of("verbose"), echo.attrs());
                    assertEquals(Set.of("oneway_echo", "oneway_slow"), echo.oneway());
                    assertTrue(echo.methods().containsAll(Set.of("echo", "error", "error_with_text", "slow", "generator",
                            "nan", "inf", "shutdown", "__dunder__")), echo.methods().toString());
                    PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> echo.call("error"));
                    assertEquals("builtins.ValueError", e.pythonType());
                    assertEquals("expected error from echoserver error() method", e.getMessage());
                    assertNotNull(e.remoteTraceback());
                    assertTrue(String.join("", e.remoteTraceback()).contains("EchoServer.error"));
                    assertTrue(Double.isNaN((Double) echo.call("nan")));
                    assertEquals(Double.POSITIVE_INFINITY, echo.call("inf"));
                    List<Object> items = new ArrayList<>();
                    ((Iterator<?>) echo.call("generator")).forEachRemaining(items::add);
                    assertEquals(List.of("one", "two", "three"), items);
                    assertEquals("should be allowed (dunder)", echo.call("__dunder__"));
                    assertEquals(Boolean.FALSE, echo.getAttr("verbose"));
                    echo.call("oneway_echo", "ignored");
                }
            }
            assertFalse(exit.isDone());
            try (Proxy echo = new Proxy(uri)) {
                echo.call("shutdown");
            }
            assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withDashCapitalNItStartsANameServerAndRegistersInIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        System.setProperty("PYRO_NS_PORT", "0");
        try {
            Future<Integer> exit = pool.submit(() -> Main.run(new String[] {"echoserver", "-H", "127.0.0.1", "-N"}, out, out));
            String uri = awaitUri(bytes, exit);
            Matcher ns = Pattern.compile("name server uri: (PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:\\d+)")
                    .matcher(bytes.toString(StandardCharsets.UTF_8));
            assertTrue(ns.find(), bytes.toString(StandardCharsets.UTF_8));
            try (Proxy nameServer = new Proxy(ns.group(1))) {
                assertEquals(uri, String.valueOf(nameServer.call("lookup", "test.echoserver")));
            }
            try (Proxy echo = new Proxy(uri)) {
                echo.call("shutdown");
            }
            assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        } finally {
            System.clearProperty("PYRO_NS_PORT");
            pool.shutdownNow();
        }
    }

    @Test
    void badOptionsGiveUsageErrors() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[] {"echoserver", "--bogus"}, err, err));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("no such option: --bogus"));
        assertEquals(2, Main.run(new String[] {"nosuchtool"}, err, err));
        assertEquals(0, Main.run(new String[] {"echoserver", "-h"}, err, err));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("--unixsocket"));
        assertEquals(0, Main.run(new String[] {"check-config"}, err, err));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("THREADPOOL_SIZE = "));
    }

    private static String awaitUri(ByteArrayOutputStream bytes, Future<Integer> exit) throws Exception {
        for (int i = 0; i < 200; i++) {
            Matcher m = URI_LINE.matcher(bytes.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            if (exit.isDone()) {
                break;
            }
            Thread.sleep(50);
        }
        if (exit.isDone()) {
            exit.get();
        }
        throw new AssertionError("no echo uri printed: " + bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void echoServerObjectIsExposedLikePyros() {
        EchoServer echo = new EchoServer(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 1);
        assertEquals("x", echo.echo("x"));
        assertInstanceOf(IllegalArgumentException.class, assertThrows(RuntimeException.class, echo::errorWithText));
        assertFalse(echo.mustShutdown());
        echo.shutdown();
        assertTrue(echo.mustShutdown());
    }
}
