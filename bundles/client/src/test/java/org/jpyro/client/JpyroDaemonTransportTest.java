package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.Expose;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.TimeoutException;
import org.jpyro.daemon.Daemon;
import org.jpyro.transport.Connection;

/**
 * Proxies against a jpyro {@link Daemon}: Unix domain sockets end to end (calls, read timeout), IPv6 uris,
 * a pooled proxy calling concurrently, and a daemon whose {@code validateHandshake} refuses connections.
 */
@Timeout(60)
class JpyroDaemonTransportTest {

    /** The served object. */
    @Expose
    public static class Service {
        private volatile CyclicBarrier barrier;

        public Object echo(Object x) {
            return x;
        }

        public Object slow(Object x, int millis) throws InterruptedException {
            Thread.sleep(millis);
            return x;
        }

        public void expect(int parties) {
            barrier = new CyclicBarrier(parties);
        }

        /** Returns once {@code parties} calls are in progress at the same time. */
        public boolean meet() throws Exception {
            barrier.await(20, TimeUnit.SECONDS);
            return true;
        }
    }

    private static PyroConfig config(ProtocolVersion v, double timeout) {
        return PyroConfig.defaults(v).with(ConfigItem.COMMTIMEOUT, timeout);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void unixDomainSocketEndToEnd(ProtocolVersion v) throws Exception {
        Path dir = Files.createTempDirectory("jpyro-client");
        Path socket = dir.resolve("d.sock");
        Daemon daemon = Daemon.builder().unixSocket(socket.toString()).config(PyroConfig.defaults(v)).build();
        try {
            PyroURI uri = daemon.register(new Service(), "svc");
            daemon.start();
            assertEquals("PYRO:svc@./u:" + socket, uri.toString());
            try (Proxy p = new Proxy(PyroURI.parse("PYRO:svc@./u:" + socket), config(v, 0.3))) {
                assertEquals("over unix", p.call("echo", "over unix"));
                p.ping();
                assertThrows(TimeoutException.class, () -> p.call("slow", "late", 1500));
                assertFalse(p.core().isConnected());
                assertEquals("next", p.call("echo", "next"));
                Thread.sleep(1500); // the late reply arrived on the dropped connection only
                assertEquals("after", p.call("echo", "after"));
            }
        } finally {
            daemon.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void ipv6LoopbackUri() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            Assumptions.assumeTrue(probe.getInetAddress() instanceof Inet6Address);
        } catch (java.io.IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e);
        }
        Daemon daemon = Daemon.builder().host("::1").port(0).config(PyroConfig.defaults(ProtocolVersion.PYRO5)).build();
        try {
            PyroURI registered = daemon.register(new Service(), "svc6");
            daemon.start();
            String text = "PYRO:svc6@[::1]:" + registered.port();
            try (Proxy p = new Proxy(PyroURI.parse(text), config(ProtocolVersion.PYRO5, 5.0))) {
                assertEquals("six", p.call("echo", "six"));
                assertEquals(text, p.uri().toString());
            }
            // a host name resolving to both families reaches the IPv6-only daemon with either preference
            for (int prefer : new int[] {0, 4, 6}) {
                PyroConfig cfg = config(ProtocolVersion.PYRO5, 5.0).with(ConfigItem.PREFER_IP_VERSION, prefer);
                boolean localhostHas6 = false;
                for (InetAddress a : InetAddress.getAllByName("localhost")) {
                    localhostHas6 |= a instanceof Inet6Address;
                }
                if (localhostHas6) {
                    try (Proxy p = new Proxy(PyroURI.of("svc6", "localhost", registered.port()), cfg)) {
                        assertEquals(prefer, ((Number) p.call("echo", prefer)).intValue());
                    }
                }
            }
        } finally {
            daemon.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void pooledProxyCallsConcurrently(ProtocolVersion v) throws Exception {
        int n = 4;
        Daemon daemon = Daemon.builder().host("127.0.0.1").port(0).config(PyroConfig.defaults(v)).build();
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            PyroURI uri = daemon.register(new Service(), "svc");
            daemon.start();
            try (Proxy p = Proxy.pooled(uri, config(v, 30.0), n)) {
                p.call("expect", n);
                assertEquals(1, p.core().openConnections());
                List<Future<Object>> results = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    results.add(threads.submit(() -> p.call("meet")));
                }
                for (Future<Object> f : results) {
                    assertEquals(Boolean.TRUE, f.get(30, TimeUnit.SECONDS));
                }
                assertEquals(n, p.core().openConnections());
                // more threads than connections: they take turns, nothing more is opened
                List<Future<Object>> echoes = new ArrayList<>();
                for (int i = 0; i < 3 * n; i++) {
                    int x = i;
                    echoes.add(threads.submit(() -> p.call("echo", x)));
                }
                for (int i = 0; i < echoes.size(); i++) {
                    assertEquals(i, echoes.get(i).get(30, TimeUnit.SECONDS));
                }
                assertEquals(n, p.core().openConnections());
                // asynchronous calls of a pooled proxy run concurrently too
                p.call("expect", n);
                List<java.util.concurrent.CompletableFuture<Object>> async = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    async.add(p.callAsync("meet"));
                }
                for (java.util.concurrent.CompletableFuture<Object> f : async) {
                    assertEquals(Boolean.TRUE, f.get(30, TimeUnit.SECONDS));
                }
                p.release();
                assertEquals(0, p.core().openConnections());
                assertEquals("again", p.call("echo", "again"));
            }
        } finally {
            threads.shutdownNow();
            daemon.close();
        }
    }

    /** A daemon that admits only clients sending the handshake "secret" and answers them "welcome". */
    static final class GuardedDaemon extends Daemon {
        GuardedDaemon(Daemon.Builder b) {
            super(b);
        }

        @Override
        protected Object validateHandshake(Connection connection, Object data) {
            if (!"secret".equals(data)) {
                throw new IllegalArgumentException("bad token '" + data + "'");
            }
            return "welcome";
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void daemonRefusalAndProxyValidation(ProtocolVersion v) throws Exception {
        Daemon daemon = new GuardedDaemon(Daemon.builder().host("127.0.0.1").port(0).config(PyroConfig.defaults(v)));
        try {
            PyroURI uri = daemon.register(new Service(), "svc");
            daemon.start();
            try (Proxy p = new Proxy(uri, config(v, 5.0)).handshake("guess")) {
                CommunicationException e = assertThrows(CommunicationException.class, () -> p.call("echo", 1));
                assertTrue(e.getMessage().startsWith("connection to " + uri.location() + " rejected: "), e.getMessage());
                assertTrue(e.getMessage().contains("bad token 'guess'"), e.getMessage());
                assertFalse(p.core().isConnected());
                p.handshake("secret");
                assertEquals(2, p.call("echo", 2));
                assertEquals("welcome", p.handshakeResponse());
            }
            try (Proxy p = new Proxy(uri, config(v, 5.0)).handshake("secret")
                    .handshakeValidator(r -> {
                        if (!"hello".equals(r)) {
                            throw new IllegalStateException("expected hello, got " + r);
                        }
                    })) {
                CommunicationException e = assertThrows(CommunicationException.class, p::bind);
                assertTrue(e.getMessage().endsWith("expected hello, got welcome"), e.getMessage());
                assertFalse(p.core().isConnected());
            }
        } finally {
            daemon.close();
        }
    }
}
