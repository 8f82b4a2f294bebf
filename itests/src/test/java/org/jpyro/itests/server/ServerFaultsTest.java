package org.jpyro.itests.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;
import org.jpyro.protocol.WireOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a jpyro daemon does when clients misbehave or the network fails, on both server types, driven by jpyro
 * {@link Proxy proxies} and raw sockets: silent and slow clients, clients vanishing mid-call, an exhausted
 * worker pool, a daemon restarted under a proxy.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerFaultsTest {
    private static final String ID = "faults";

    private static PyroConfig config(String serverType) {
        return PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.SERVERTYPE, serverType);
    }

    private static Daemon daemon(PyroConfig config, int port, FaultService service) {
        Daemon d = Daemon.builder().host("127.0.0.1").port(port).config(config).build();
        d.register(service, ID);
        return d.start();
    }

    private static Socket rawConnect(Daemon d) throws IOException {
        PyroURI uri = d.uri();
        Socket s = new Socket();
        s.connect(new InetSocketAddress(uri.host(), uri.port()), 5000);
        s.setSoTimeout(20_000);
        return s;
    }

    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void silentAndHalfSentClientsAreDroppedAfterCommTimeoutAndHoldNothing(String type) throws Exception {
        // a pool of one: on the thread server, a silent client holds the only worker until COMMTIMEOUT frees it
        PyroConfig config = config(type).with(ConfigItem.COMMTIMEOUT, 0.5).with(ConfigItem.THREADPOOL_SIZE, 1);
        try (Daemon d = daemon(config, 0, new FaultService());
             Socket silent = rawConnect(d);
             Socket halfFrame = rawConnect(d)) {
            halfFrame.getOutputStream().write("PYRO\u0001\u00f6".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            halfFrame.getOutputStream().flush();
            long start = System.nanoTime();
            assertTrue(closedByPeer(silent));
            assertTrue(closedByPeer(halfFrame));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
            try (Proxy p = new Proxy(d.uriFor(ID), config)) {
                p.timeout(Duration.ofSeconds(10));
                assertEquals("after", p.call("echo", "after"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void aClientDisconnectingMidCallDoesNotStopTheServer(String type) throws Exception {
        FaultService service = new FaultService();
        PyroConfig config = config(type);
        try (Daemon d = daemon(config, 0, service)) {
            Proxy leaving = new Proxy(d.uriFor(ID), config);
            CompletableFuture<Object> pending = leaving.callAsync("slow", 500);
            assertTrue(service.slowStarted.await(20, TimeUnit.SECONDS));
            leaving.close(); // the daemon's answer finds the connection gone
            try (Proxy staying = new Proxy(d.uriFor(ID), config)) {
                assertEquals("still", staying.call("echo", "still"));
                Thread.sleep(700); // past the end of the slow call
                assertEquals(List.of(1, 2), staying.call("echo", List.of(1, 2)));
            }
            pending.handle((r, e) -> null).get(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void aClientThatNeverReadsItsAnswersIsDroppedAfterCommTimeout(String type) throws Exception {
        PyroConfig config = config(type).with(ConfigItem.COMMTIMEOUT, 0.5).with(ConfigItem.THREADPOOL_SIZE, 1)
                .with(ConfigItem.THREADPOOL_SIZE_MIN, 1);
        try (Daemon d = daemon(config, 0, new FaultService()); Socket lazy = rawConnect(d)) {
            lazy.setReceiveBufferSize(8192);
            Serializer serpent = SerializerRegistry.defaultRegistry().byName("serpent");
            FrameCodec codec = FrameCodec.of(ProtocolVersion.PYRO5);
            int serpentId = serpent.id(ProtocolVersion.PYRO5);
            java.io.OutputStream out = lazy.getOutputStream();
            out.write(codec.encode(new Message(ProtocolVersion.PYRO5, MessageType.CONNECT, 0, 0, serpentId, null, Map.of(),
                    serpent.serializeData(Map.of("handshake", "hello", "object", ID), ProtocolVersion.PYRO5)),
                    WireOptions.DEFAULT));
            // small requests (they cannot block this thread), answers far larger than the socket buffers hold
            for (int seq = 1; seq <= 3; seq++) {
                out.write(codec.encode(new Message(ProtocolVersion.PYRO5, MessageType.INVOKE, 0, seq, serpentId, null,
                        Map.of(), serpent.serializeCall(new Call(ID, "big", List.of(16 * 1024 * 1024), Map.of()),
                                ProtocolVersion.PYRO5)), WireOptions.DEFAULT));
            }
            out.flush();
            // the daemon blocks (thread) or queues (multiplex) on the answers nobody reads, until COMMTIMEOUT
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Object answer = null;
            while (answer == null) {
                try (Proxy p = new Proxy(d.uriFor(ID), config)) {
                    p.timeout(Duration.ofSeconds(5));
                    answer = p.call("echo", "through");
                } catch (PyroException busy) {
                    assertTrue(System.nanoTime() < end, "the stalled connection still holds the server: " + busy);
                    Thread.sleep(100);
                }
            }
            assertEquals("through", answer);
        }
    }

    @Test
    void anExhaustedPoolRefusesWithNoFreeWorkersThenAcceptsAgain() throws Exception {
        PyroConfig config = config("thread").with(ConfigItem.THREADPOOL_SIZE, 1).with(ConfigItem.THREADPOOL_SIZE_MIN, 1);
        try (Daemon d = daemon(config, 0, new FaultService())) {
            Proxy holder = new Proxy(d.uriFor(ID), config);
            assertEquals("held", holder.call("echo", "held"));
            try (Proxy refused = new Proxy(d.uriFor(ID), config)) {
                CommunicationException e = assertThrows(CommunicationException.class, () -> refused.call("echo", "x"));
                assertTrue(String.valueOf(e.getMessage()).contains("no free workers"), e.getMessage());
                holder.close(); // frees the worker
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                Object answer = null;
                while (answer == null) {
                    try {
                        answer = refused.call("echo", "in");
                    } catch (CommunicationException stillBusy) {
                        assertTrue(System.nanoTime() < end, "the freed worker takes the next connection");
                        Thread.sleep(50);
                    }
                }
                assertEquals("in", answer);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void aProxyReconnectsToARestartedServer(String type) throws Exception {
        PyroConfig config = config(type);
        Daemon first = daemon(config, 0, new FaultService());
        int port = first.uri().port();
        PyroURI uri = first.uriFor(ID);
        try (Proxy plain = new Proxy(uri, config); Proxy retrying = new Proxy(uri, config)) {
            retrying.maxRetries(1);
            assertEquals("one", plain.call("echo", "one"));
            assertEquals("one", retrying.call("echo", "one"));
            first.close();
            try (Daemon second = daemon(config, port, new FaultService())) {
                assertEquals(uri, second.uriFor(ID));
                // the dead connection costs the plain proxy at most the call that finds it
                Object answer;
                try {
                    answer = plain.call("echo", "two");
                } catch (PyroException closed) {
                    answer = plain.call("echo", "two");
                }
                assertEquals("two", answer);
                assertEquals("two", retrying.call("echo", "two"), "MAX_RETRIES retries on the new connection");
            }
        }
    }

    @Test
    void theMultiplexServerHoldsAThousandConcurrentIdleProxies() throws Exception {
        PyroConfig config = config("multiplex");
        List<Socket> idle = new ArrayList<>();
        try (Daemon d = daemon(config, 0, new FaultService())) {
            try {
                for (int i = 0; i < 1000; i++) {
                    idle.add(rawConnect(d));
                }
                List<Proxy> proxies = new ArrayList<>();
                try {
                    for (int i = 0; i < 20; i++) {
                        Proxy p = new Proxy(d.uriFor(ID), config);
                        proxies.add(p);
                        assertEquals(i, p.call("echo", i));
                    }
                } finally {
                    proxies.forEach(Proxy::close);
                }
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }
}
