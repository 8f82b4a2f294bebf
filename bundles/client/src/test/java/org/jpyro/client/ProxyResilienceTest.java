package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.SecurityException;
import org.jpyro.api.TimeoutException;
import org.jpyro.api.serializer.Call;

/**
 * Reconnecting, retries, timeouts, item streams across reconnects and abandoned streams, handshake validation
 * and Pyro4-style async results, against the scripted {@link FakeDaemon}.
 */
@Timeout(60)
class ProxyResilienceTest {

    private static PyroConfig config(ProtocolVersion v) {
        return PyroConfig.defaults(v).with(ConfigItem.COMMTIMEOUT, 5.0);
    }

    private static List<Object> streamIdsAsked(FakeDaemon d) {
        List<Object> ids = new ArrayList<>();
        for (Call c : d.calls()) {
            if (c.method().equals("get_next_stream_item")) {
                ids.add(c.args().get(0));
            }
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void streamResumesWithTheSameIdAfterReconnect(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.put("count", args -> IntStream.range(0, 5).iterator());
            RemoteIterator it = (RemoteIterator) p.call("count");
            assertEquals(0, it.next());
            p.release();
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, it::hasNext);
            assertTrue(e.getMessage().contains("reconnect"), e.getMessage());
            p.reconnect(1);
            List<Object> rest = new ArrayList<>();
            it.forEachRemaining(rest::add);
            assertEquals(List.of(1, 2, 3, 4), rest);
            assertEquals(2, d.connections.get());
            assertTrue(streamIdsAsked(d).stream().allMatch(it.streamId()::equals));
            assertFalse(it.hasNext());
        }
    }

    @Test
    void withMaxRetriesTheStreamReconnectsByItself() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v)).maxRetries(1)) {
            d.methods.put("count", args -> IntStream.range(0, 3).iterator());
            RemoteIterator it = (RemoteIterator) p.call("count");
            assertEquals(0, it.next());
            p.release();
            assertEquals(1, it.next());
            d.close();
            // the daemon is gone: one retry, then the failure; the stream is not finished
            assertThrows(CommunicationException.class, it::hasNext);
        }
    }

    @Test
    void abandonedIteratorClosesItsStream() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.put("count", args -> IntStream.range(0, 100).iterator());
            abandonAStream(p);
            assertEquals(1, d.openStreams());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (d.openStreams() > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
                p.ping(); // a request on the connection also sends pending close_stream calls
            }
            assertEquals(0, d.openStreams());
            assertEquals("still fine", p.call("echo", "still fine"));
        }
    }

    private static void abandonAStream(Proxy p) {
        RemoteIterator it = (RemoteIterator) p.call("count");
        assertEquals(0, it.next());
    }

    @Test
    void closedIteratorClosesTheStreamOnce() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.put("count", args -> IntStream.range(0, 100).iterator());
            try (RemoteIterator it = (RemoteIterator) p.call("count")) {
                assertEquals(0, it.next());
            }
            p.ping();
            assertEquals(0, d.openStreams());
            assertEquals(1, d.calls().stream().filter(c -> c.method().equals("close_stream")).count());
        }
    }

    @Test
    void reconnectTriesThenFails() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        FakeDaemon d = new FakeDaemon(v);
        try (Proxy p = new Proxy(d.uri("obj"), config(v))) {
            p.bind();
            d.close();
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class,
                    () -> p.reconnect(3, Duration.ofMillis(10)));
            assertEquals("failed to reconnect", e.getMessage());
            assertInstanceOf(CommunicationException.class, e.getCause());
            assertFalse(p.core().isConnected());
        }
    }

    @Test
    void reconnectReplacesALiveConnection() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            p.bind();
            p.reconnect(1);
            assertEquals(2, d.connections.get());
            assertEquals("x", p.call("echo", "x"));
            assertEquals(2, d.connections.get());
        }
    }

    @Test
    void retriesStopAtMaxRetries() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v)).maxRetries(2)) {
            p.bind();
            d.tamper = m -> null;
            assertThrows(ConnectionClosedException.class, () -> p.call("echo", 1));
            // first connection + 2 reconnects; each attempt's request reached the daemon
            assertEquals(3, d.connections.get());
            assertEquals(3, d.calls().stream().filter(c -> c.method().equals("echo")).count());
        }
    }

    @Test
    void remoteTimeoutErrorIsNotRetried() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v)).maxRetries(3)) {
            d.methods.put("remote_timeout", args -> {
                throw new PyroRemoteException("Pyro5.errors.TimeoutError", List.of("remote"), Map.of());
            });
            PyroException e = assertThrows(PyroException.class, () -> p.call("remote_timeout"));
            assertEquals("remote", e.getMessage());
            assertEquals(1, d.calls().stream().filter(c -> c.method().equals("remote_timeout")).count());
        }
    }

    @Test
    void perProxyTimeoutDropsTheConnectionAndALateReplyIsNeverMatched() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            p.timeout(Duration.ofMillis(200));
            assertEquals(Duration.ofMillis(200), p.timeout());
            p.bind();
            d.delayMillis = 800;
            assertThrows(TimeoutException.class, () -> p.call("echo", "late"));
            assertFalse(p.core().isConnected());
            d.delayMillis = 0;
            assertEquals("next", p.call("echo", "next"));
            assertEquals("again", p.call("echo", "again"));
        }
    }

    @Test
    void writeTimeoutWhenTheDaemonDoesNotRead() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            d.methods.put("block", args -> {
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            p.timeout(Duration.ofMillis(300));
            p.callOneway("block"); // the daemon's connection thread now sleeps instead of reading
            String huge = "x".repeat(48 << 20);
            // without a write timeout the send would block until the daemon reads again (30 s), then succeed
            TimeoutException e = assertThrows(TimeoutException.class, () -> p.call("echo", huge));
            assertEquals("sending: timeout", e.getMessage());
            release.countDown();
            assertFalse(p.core().isConnected());
            assertEquals("small", p.call("echo", "small"));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void connectFailReasonIsShownVerbatim(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.connectFail = "go away: you are not on the list";
            CommunicationException e = assertThrows(CommunicationException.class, p::bind);
            assertEquals("connection to 127.0.0.1:" + d.port() + " rejected: go away: you are not on the list",
                    e.getMessage());
        }
    }

    /** A proxy that accepts only the handshake response "welcome". */
    static final class PickyProxy extends Proxy {
        final List<Object> seen = new ArrayList<>();

        PickyProxy(FakeDaemon d) {
            super(d.uri("obj"), config(d.version));
        }

        @Override
        protected void validateHandshake(Object response) {
            seen.add(response);
            if (!"welcome".equals(response)) {
                throw new IllegalStateException("unexpected handshake response " + response);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void overriddenHandshakeValidationRefusesTheConnection(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); PickyProxy p = new PickyProxy(d)) {
            CommunicationException e = assertThrows(CommunicationException.class, () -> p.call("echo", 1));
            assertTrue(e.getMessage().endsWith("handshake response not accepted: unexpected handshake response hello"),
                    e.getMessage());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(List.of("hello"), p.seen);
            assertFalse(p.core().isConnected());
            assertEquals(0, d.calls().size());
        }
    }

    @Test
    void handshakeValidatorSeesTheResponseAndMayThrowAPyroException() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            AtomicReference<Object> seen = new AtomicReference<>();
            p.handshakeValidator(seen::set);
            assertEquals(1, p.call("echo", 1));
            assertEquals("hello", seen.get());
            assertEquals("hello", p.handshakeResponse());
            SecurityException refusal = new SecurityException("not my daemon");
            p.handshakeValidator(r -> {
                throw refusal;
            });
            p.release();
            assertSame(refusal, assertThrows(SecurityException.class, () -> p.call("echo", 2)));
            assertNull(p.handshakeResponse());
            p.handshakeValidator(null);
            assertEquals(3, p.call("echo", 3));
        }
    }

    @Test
    void asyncResultMapsPyro4FutureResult() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.put("fail", args -> {
                throw new PyroRemoteException("builtins.ValueError", List.of("bad value"), Map.of());
            });
            AsyncResult<Object> r = p.callAsyncResult("echo", 20);
            AsyncResult<Integer> chained = r.then(x -> (Integer) x + 1).then(x -> x * 2);
            assertTrue(chained.await(Duration.ofSeconds(10)));
            assertTrue(chained.ready());
            assertEquals(42, chained.value());
            assertEquals(20, r.value());

            AtomicReference<Throwable> error = new AtomicReference<>();
            AsyncResult<Object> failed = p.callAsyncResult("fail").iferror(error::set);
            PyroRemoteException e = assertThrows(PyroRemoteException.class, failed::value);
            assertEquals("bad value", e.getMessage());
            assertTrue(failed.await(null));
            assertSame(e, error.get());
            AsyncResult<Object> skipped = failed.then(x -> "never");
            assertSame(e, assertThrows(PyroRemoteException.class, skipped::value));

            CompletableFuture<Object> never = new CompletableFuture<>();
            AsyncResult<Object> pending = AsyncResult.of(never);
            assertFalse(pending.ready());
            assertFalse(pending.await(Duration.ofMillis(20)));
            assertSame(never, pending.future());
        }
    }
}
