package org.jpyro.itests.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.TimeoutException;
import org.jpyro.client.AsyncResult;
import org.jpyro.client.Proxy;
import org.jpyro.client.RemoteIterator;
import org.jpyro.itests.PeerProcess;
import org.jpyro.itests.PythonPeer;

/**
 * The client features against Python Pyro4 daemons ({@code python/client_peer.py}): handshake refusal by an
 * overridden {@code Daemon.validateHandshake} and validation of its response, timeouts that drop the connection,
 * Unix domain sockets, IPv6, a pooled proxy calling concurrently, item streams resumed after a reconnect and
 * abandoned streams closed, Pyro4-style async results.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyToPyro4FeaturesTest {
    private static PeerProcess peer;
    private static Path dir;
    private static PyroURI tcp;
    private static PyroURI unix;
    private static PyroURI ipv6;
    private static PyroConfig pyro4;

    @BeforeAll
    static void start() throws Exception {
        PythonPeer.requirePyro4();
        dir = Files.createTempDirectory("jpyro-client-it");
        peer = PythonPeer.script("client_peer.py", Map.of(), dir.resolve("peer.sock").toString());
        tcp = PyroURI.parse(peer.awaitLine("tcp uri:", Duration.ofSeconds(30)));
        unix = PyroURI.parse(peer.awaitLine("unix uri:", Duration.ofSeconds(30)));
        String next = peer.awaitLine("", Duration.ofSeconds(30));
        ipv6 = next.startsWith("ipv6 uri:") ? PyroURI.parse(next.substring("ipv6 uri:".length()).trim()) : null;
        pyro4 = PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 10.0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("peer.sock"));
            Files.deleteIfExists(dir);
        }
    }

    private static Proxy admitted(PyroURI uri) {
        return new Proxy(uri, pyro4).handshake("secret");
    }

    @Test
    void handshakeRefusedByTheDaemonShowsItsReasonVerbatim() {
        try (Proxy p = new Proxy(tcp, pyro4).handshake("guess")) {
            CommunicationException e = assertThrows(CommunicationException.class, () -> p.call("echo", 1));
            assertEquals("connection to " + tcp.location() + " rejected: bad token 'guess'", e.getMessage());
            p.handshake("secret");
            assertEquals(2, p.call("echo", 2));
            assertEquals("welcome", p.handshakeResponse());
        }
    }

    @Test
    void handshakeResponseValidation() {
        try (Proxy p = admitted(tcp).handshakeValidator(r -> {
            if (!"hello".equals(r)) {
                throw new IllegalStateException("wrong daemon: " + r);
            }
        })) {
            CommunicationException e = assertThrows(CommunicationException.class, p::bind);
            assertTrue(e.getMessage().endsWith("wrong daemon: welcome"), e.getMessage());
            assertFalse(p.proxyState() == null);
            p.handshakeValidator("welcome"::equals);
            assertEquals("ok", p.call("echo", "ok"));
        }
    }

    @Test
    void timeoutDropsTheConnectionAndTheLateReplyIsNeverMatched() throws Exception {
        for (PyroURI uri : new PyroURI[] {tcp, unix}) {
            try (Proxy p = admitted(uri).timeout(Duration.ofMillis(300))) {
                assertThrows(TimeoutException.class, () -> p.call("slow", "late", 1.5));
                assertEquals("next", p.call("echo", "next"));
                Thread.sleep(1500);
                assertEquals("after", p.call("echo", "after"));
            }
        }
    }

    @Test
    void unixDomainSocket() {
        assertTrue(unix.isUnixSocket());
        try (Proxy p = new Proxy(unix, pyro4)) {
            assertEquals("via unix", p.call("echo", "via unix"));
            p.ping();
            try (RemoteIterator it = (RemoteIterator) p.call("count", 3)) {
                List<Object> items = new ArrayList<>();
                it.forEachRemaining(items::add);
                assertEquals(List.of(0, 1, 2), items);
            }
        }
    }

    @Test
    void ipv6Uri() {
        Assumptions.assumeTrue(ipv6 != null, "the peer has no IPv6 daemon");
        assertTrue(ipv6.toString().contains("@[::1]:"), ipv6.toString());
        try (Proxy p = new Proxy(PyroURI.parse(ipv6.toString()), pyro4)) {
            assertEquals("six", p.call("echo", "six"));
        }
    }

    @Test
    void pooledProxyCallsConcurrently() throws Exception {
        int n = 3;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try (Proxy p = Proxy.pooled(tcp, pyro4.with(ConfigItem.COMMTIMEOUT, 30.0), n).handshake("secret")) {
            p.call("expect", n);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(threads.submit(() -> p.call("meet")));
            }
            for (Future<Object> f : results) {
                assertEquals(Boolean.TRUE, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void streamResumesAfterReconnect() {
        try (Proxy p = admitted(tcp)) {
            RemoteIterator it = (RemoteIterator) p.call("count", 5);
            assertEquals(0, it.next());
            assertEquals(1, it.next());
            p.release();
            assertThrows(ConnectionClosedException.class, it::hasNext);
            p.reconnect(3, Duration.ofMillis(100));
            List<Object> rest = new ArrayList<>();
            it.forEachRemaining(rest::add);
            assertEquals(List.of(2, 3, 4), rest);
        }
    }

    @Test
    void abandonedStreamIsClosed() throws Exception {
        try (Proxy p = admitted(tcp)) {
            int before = ((Number) p.call("open_streams")).intValue();
            openAndAbandon(p);
            assertEquals(before + 1, ((Number) p.call("open_streams")).intValue());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int open = before + 1;
            while (open > before && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
                open = ((Number) p.call("open_streams")).intValue();
            }
            assertEquals(before, open);
        }
    }

    private static void openAndAbandon(Proxy p) {
        RemoteIterator it = (RemoteIterator) p.call("count", 100);
        assertEquals(0, it.next());
    }

    @Test
    void asyncResultLikePyro4FutureResult() {
        try (Proxy p = admitted(tcp)) {
            AsyncResult<Object> r = p.callAsyncResult("echo", 20);
            AsyncResult<Object> chained = r.then(x -> ((Number) x).intValue() + 22);
            assertTrue(chained.await(Duration.ofSeconds(30)));
            assertEquals(42, chained.value());
            assertTrue(r.ready());
        }
    }
}
