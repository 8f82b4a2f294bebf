package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jpyro.api.CallContext;
import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.DaemonException;
import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;
import org.jpyro.transport.Connection;
import org.jpyro.transport.SocketSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the daemon does the same way on both server types: hooks, shutdown, handshake context, binding. */
@Timeout(30)
class DaemonServerTypesTest {

    private static PyroConfig config(String serverType) {
        return PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.SERVERTYPE, serverType);
    }

    /** A service that can stop its own daemon and tells on which thread its oneway call ran. */
    public static class Service {
        volatile Daemon daemon;
        final BlockingQueue<String> onewayThreads = new LinkedBlockingQueue<>();

        @Expose
        public String stop() {
            daemon.shutdown();
            return "bye";
        }

        @Expose
        @Oneway
        public void note() {
            onewayThreads.add(Thread.currentThread().getName());
        }

        @Expose
        public String thread() {
            return Thread.currentThread().getName();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void housekeepingRunsEveryPollTimeout(String type) throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        PyroConfig fast = config(type).with(ConfigItem.POLLTIMEOUT, 0.05);
        try (Daemon d = new Daemon(Daemon.builder().host("127.0.0.1").config(fast)) {
            @Override
            protected void housekeeping() {
                three.countDown();
            }
        }) {
            assertEquals(3, three.getCount(), "not before the daemon serves");
            d.start();
            assertTrue(three.await(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void clientDisconnectHearsOfEveryEndedConnection(String type) throws Exception {
        BlockingQueue<ClientInfo> ended = new LinkedBlockingQueue<>();
        try (Daemon d = new Daemon(Daemon.builder().host("127.0.0.1").config(config(type))) {
            @Override
            protected void clientDisconnect(ClientInfo client) {
                ended.add(client);
            }
        }) {
            d.register(new Child(), "test.child");
            d.start();
            SocketAddress local;
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                assertEquals(MessageType.CONNECTOK, c.connect("test.child", "hello", 0).type());
                local = ((Socket) c.socket).getLocalSocketAddress();
            }
            ClientInfo info = ended.poll(10, TimeUnit.SECONDS);
            assertNotNull(info);
            assertEquals(((InetSocketAddress) local).getPort(), ((InetSocketAddress) info.remoteAddress()).getPort());
            // a connection that never finishes its handshake ends too
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                c.sendRaw("NOT A PYRO FRAME AT ALL".getBytes(StandardCharsets.ISO_8859_1));
                long start = System.nanoTime();
                assertTrue(c.closedByPeer());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "closed, not timed out");
            }
            assertNotNull(ended.poll(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void shutdownFromInsideACallAnswersThenStopsTheLoop(String type) throws Exception {
        Service service = new Service();
        Daemon d = Daemon.builder().host("127.0.0.1").config(config(type)).build();
        service.daemon = d;
        PyroURI uri = d.register(service, "svc");
        CountDownLatch loopEnded = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            d.requestLoop();
            loopEnded.countDown();
        });
        loop.start();
        try (RawClient c = new RawClient(uri, ProtocolVersion.PYRO5)) {
            assertEquals(MessageType.CONNECTOK, c.connect("svc", "hello", 0).type());
            assertEquals("bye", c.value(c.call("svc", "stop")));
            assertTrue(loopEnded.await(10, TimeUnit.SECONDS), "requestLoop returned");
            assertTrue(d.isClosed());
            assertTrue(c.closedByPeer());
        }
        assertThrows(IOException.class, () -> new RawClient(uri, ProtocolVersion.PYRO5).close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void requestLoopRechecksItsConditionEveryPollTimeout(String type) throws Exception {
        AtomicInteger checks = new AtomicInteger();
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(config(type).with(ConfigItem.POLLTIMEOUT, 0.05))
                .build()) {
            long start = System.nanoTime();
            d.requestLoop(() -> checks.incrementAndGet() < 4);
            assertEquals(4, checks.get());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void handshakeValidationRunsInTheCallContext(String type) throws Exception {
        AtomicReference<UUID> seenCorr = new AtomicReference<>();
        AtomicReference<byte[]> seenAnnotation = new AtomicReference<>();
        AtomicReference<SocketAddress> seenAddress = new AtomicReference<>();
        AtomicReference<ProtocolVersion> seenVersion = new AtomicReference<>();
        try (Daemon d = new Daemon(Daemon.builder().host("127.0.0.1").config(config(type))) {
            @Override
            protected Object validateHandshake(Connection connection, Object data) {
                seenCorr.set(CallContext.correlationId());
                seenAnnotation.set(CallContext.requestAnnotations().get("XTRA"));
                seenAddress.set(CallContext.clientAddress());
                seenVersion.set(CurrentCall.protocolVersion());
                if (!"let me in".equals(data)) {
                    throw new SecurityException("go away: " + data);
                }
                return "welcome";
            }
        }) {
            d.register(new Child(), "test.child");
            d.start();
            UUID corr = UUID.randomUUID();
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                byte[] payload = RawClient.SERPENT.serializeData(Map.of("handshake", "let me in", "object", "test.child"),
                        ProtocolVersion.PYRO5);
                c.send(new Message(ProtocolVersion.PYRO5, MessageType.CONNECT, 0, 0, 1, corr,
                        Map.of("XTRA", new byte[] {1, 2, 3}), payload));
                Message ok = c.read();
                assertEquals(MessageType.CONNECTOK, ok.type());
                assertEquals(corr, ok.correlationId());
                assertEquals("welcome", ((Map<?, ?>) c.value(ok)).get("handshake"));
                assertEquals(corr, seenCorr.get());
                assertArrayEquals(new byte[] {1, 2, 3}, seenAnnotation.get());
                assertEquals(((Socket) c.socket).getLocalPort(), ((InetSocketAddress) seenAddress.get()).getPort());
                assertEquals(ProtocolVersion.PYRO5, seenVersion.get());
                assertEquals("hello from child", c.value(c.call("test.child", "hello")));
            }
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO4)) {
                Message fail = c.connect("test.child", "knock knock", Flags.META_ON_CONNECT);
                assertEquals(MessageType.CONNECTFAIL, fail.type());
                assertEquals("go away: knock knock", c.value(fail));
                assertEquals(ProtocolVersion.PYRO4, seenVersion.get());
                assertTrue(c.closedByPeer());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void onewayCallsRunOnTheOnewayThreadsUnlessOnewayThreadedIsOff(String type) throws Exception {
        for (boolean threaded : new boolean[] {true, false}) {
            Service service = new Service();
            try (Daemon d = Daemon.builder().host("127.0.0.1")
                    .config(config(type).with(ConfigItem.ONEWAY_THREADED, threaded)).build().start()) {
                d.register(service, "svc");
                try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                    assertEquals(MessageType.CONNECTOK, c.connect("svc", "hello", 0).type());
                    c.invoke("svc", "note", List.of(), Map.of(), Flags.ONEWAY);
                    String callThread = (String) c.value(c.call("svc", "thread"));
                    String onewayThread = service.onewayThreads.poll(10, TimeUnit.SECONDS);
                    assertNotNull(onewayThread);
                    assertEquals(!threaded, onewayThread.equals(callThread), onewayThread + " / " + callThread);
                    assertEquals(threaded, onewayThread.startsWith("jpyro-oneway-"), onewayThread);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void bindsIpv6Addresses(String type) throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
        for (String host : new String[] {"::1", "[::1]"}) {
            try (Daemon d = Daemon.builder().host(host).config(config(type)).build().start()) {
                d.register(new Child(), "test.child");
                assertTrue(d.locationStr().startsWith("[::1]:"), d.locationStr());
                assertEquals("::1", d.uri().host());
                try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                    assertEquals(MessageType.CONNECTOK, c.connect("test.child", "hello", 0).type());
                    assertEquals("hello from child", c.value(c.call("test.child", "hello")));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void preferIpVersionChoosesTheAddressFamilyOfAHostName(String type) throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
        boolean localhostHasBoth = false;
        boolean has4 = false;
        boolean has6 = false;
        for (InetAddress a : InetAddress.getAllByName("localhost")) {
            has4 |= a instanceof java.net.Inet4Address;
            has6 |= a instanceof java.net.Inet6Address;
        }
        localhostHasBoth = has4 && has6;
        assumeTrue(localhostHasBoth, "localhost does not resolve to both families here");
        for (int prefer : new int[] {4, 6}) {
            try (Daemon d = Daemon.builder().host("localhost")
                    .config(config(type).with(ConfigItem.PREFER_IP_VERSION, prefer)).build().start()) {
                int port = d.uri().port();
                String literal = prefer == 6 ? "::1" : "127.0.0.1";
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getByName(literal), port), 5000);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void framesSplitIntoSingleBytesGarbageAndOversizedLengthsHitOnlyTheirConnection(String type) throws Exception {
        PyroConfig small = config(type).with(ConfigItem.MAX_MESSAGE_SIZE, 4096);
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(small).build().start()) {
            d.register(new Child(), "test.child");
            try (RawClient good = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                assertEquals(MessageType.CONNECTOK, good.connect("test.child", "hello", 0).type());

                // a call split into 1-byte writes
                try (RawClient split = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                    assertEquals(MessageType.CONNECTOK, split.connect("test.child", "hello", 0).type());
                    byte[] payload = RawClient.SERPENT.serializeCall(
                            new org.jpyro.api.serializer.Call("test.child", "hello", List.of(), Map.of()),
                            ProtocolVersion.PYRO5);
                    byte[] frame = org.jpyro.protocol.FrameCodec.of(ProtocolVersion.PYRO5).encode(new Message(
                            ProtocolVersion.PYRO5, MessageType.INVOKE, 0, 5, 1, null, Map.of(), payload),
                            org.jpyro.protocol.WireOptions.DEFAULT);
                    for (byte b : frame) {
                        split.sendRaw(new byte[] {b});
                    }
                    Message answer = split.read();
                    assertEquals(5, answer.seq());
                    assertEquals("hello from child", split.value(answer));
                }

                // garbage after a valid frame: the frame is answered, then the connection is closed
                try (RawClient garbage = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                    assertEquals(MessageType.CONNECTOK, garbage.connect("test.child", "hello", 0).type());
                    byte[] ping = org.jpyro.protocol.FrameCodec.of(ProtocolVersion.PYRO5).encode(new Message(
                            ProtocolVersion.PYRO5, MessageType.PING, 0, 9, 42, null, Map.of(), new byte[0]),
                            org.jpyro.protocol.WireOptions.DEFAULT);
                    byte[] withGarbage = java.util.Arrays.copyOf(ping, ping.length + 64);
                    java.util.Arrays.fill(withGarbage, ping.length, withGarbage.length, (byte) '#');
                    garbage.sendRaw(withGarbage);
                    assertEquals(MessageType.PING, garbage.read().type());
                    assertTrue(garbage.closedByPeer());
                }

                // a length field beyond MAX_MESSAGE_SIZE: closed without reading (or allocating) the body
                try (RawClient huge = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                    assertEquals(MessageType.CONNECTOK, huge.connect("test.child", "hello", 0).type());
                    byte[] header = org.jpyro.protocol.FrameCodec.of(ProtocolVersion.PYRO5).encode(new Message(
                            ProtocolVersion.PYRO5, MessageType.INVOKE, 0, 10, 1, null, Map.of(), new byte[0]),
                            org.jpyro.protocol.WireOptions.DEFAULT);
                    java.nio.ByteBuffer.wrap(header).putInt(12, 2_000_000_000);
                    huge.sendRaw(header);
                    assertTrue(huge.closedByPeer());
                }

                assertEquals("hello from child", good.value(good.call("test.child", "hello")), "others unaffected");
            }
        }
    }

    @Test
    void combineServesSeveralMultiplexDaemonsOnOneLoop() throws Exception {
        Service one = new Service();
        Service two = new Service();
        try (Daemon first = Daemon.builder().host("127.0.0.1").config(config("multiplex")).build();
             Daemon second = Daemon.builder().host("127.0.0.1").config(config("multiplex")).build()) {
            first.register(one, "svc");
            second.register(two, "svc");
            first.combine(second);
            first.start();
            String firstThread;
            try (RawClient a = new RawClient(first.uri(), ProtocolVersion.PYRO5);
                 RawClient b = new RawClient(second.uri(), ProtocolVersion.PYRO5)) {
                assertEquals(MessageType.CONNECTOK, a.connect("svc", "hello", 0).type());
                assertEquals(MessageType.CONNECTOK, b.connect("svc", "hello", 0).type());
                firstThread = (String) a.value(a.call("svc", "thread"));
                assertEquals(firstThread, b.value(b.call("svc", "thread")), "one loop serves both");
                assertTrue(firstThread.startsWith("jpyro-multiplex-"), firstThread);
            }
            assertThrows(DaemonException.class, () -> first.combine(second), "combined already");
        }
    }

    @Test
    void combineNeedsMultiplexDaemons() {
        try (Daemon threaded = Daemon.builder().host("127.0.0.1").config(config("thread")).build();
             Daemon multiplexed = Daemon.builder().host("127.0.0.1").config(config("multiplex")).build()) {
            assertThrows(DaemonException.class, () -> threaded.combine(multiplexed));
            assertThrows(DaemonException.class, () -> multiplexed.combine(threaded));
        }
    }

    @Test
    void multiplexRefusesTlsAndUnknownServerTypesAreRejected() {
        SocketSecurity tls = new SocketSecurity() {
            @Override
            public Socket secureAccepted(Socket accepted) {
                return accepted;
            }

            @Override
            public Socket secureConnected(Socket connected, String host, int port) {
                return connected;
            }
        };
        CommunicationException e = assertThrows(CommunicationException.class, () -> Daemon.builder().host("127.0.0.1")
                .config(config("multiplex")).socketSecurity(tls).build());
        assertTrue(e.getMessage().contains("SSL needs SERVERTYPE thread"), e.getMessage());
        assertThrows(DaemonException.class, () -> Daemon.builder().host("127.0.0.1").serverType("fork").build());
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(config("thread")).serverType("multiplex").build()) {
            assertEquals("multiplex", d.serverType());
        }
    }

    private static boolean ipv6Loopback() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            assertInstanceOf(java.net.Inet6Address.class, s.getInetAddress());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
