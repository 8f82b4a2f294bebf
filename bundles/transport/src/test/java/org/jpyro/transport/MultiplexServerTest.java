package org.jpyro.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.MessageTooLargeException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageIO;
import org.jpyro.protocol.MessageType;
import org.jpyro.protocol.WireOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MultiplexServerTest {
    private static final WireOptions WIRE = new WireOptions(1024 * 1024, false, null);
    private static final FrameCodec CODEC = FrameCodec.of(ProtocolVersion.PYRO5);
    private static final ServerOptions OPTIONS = new ServerOptions(1, 0, 0, true, 0);

    private MultiplexServer server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Answers every frame with a frame of the same sequence number: PING echoes the payload, INVOKE answers
     * with a payload of as many bytes as the request's payload says (decimal). Counts what happens.
     */
    static final class Echo implements MultiplexHandler {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger housekeeping = new AtomicInteger();
        final BlockingQueue<RuntimeException> undecodable = new LinkedBlockingQueue<>();
        final AtomicReference<Thread> loopThread = new AtomicReference<>();
        volatile CountDownLatch block;

        @Override
        public WireOptions wireOptions() {
            return WIRE;
        }

        @Override
        public FrameReceiver accepted(MultiplexConnection connection) {
            accepted.incrementAndGet();
            return new FrameReceiver() {
                @Override
                public void received(Message m) {
                    loopThread.set(Thread.currentThread());
                    CountDownLatch b = block;
                    if (b != null && m.type() == MessageType.INVOKE && new String(m.payload()).equals("block")) {
                        try {
                            b.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    byte[] payload = m.payload();
                    if (m.type() == MessageType.INVOKE && !new String(payload).equals("block")) {
                        payload = new byte[Integer.parseInt(new String(payload))];
                    }
                    try {
                        connection.send(CODEC.encode(new Message(ProtocolVersion.PYRO5, MessageType.RESULT, 0, m.seq(),
                                1, null, Map.of(), payload), WIRE));
                    } catch (IOException e) {
                        // gone
                    }
                }

                @Override
                public void undecodable(RuntimeException error) {
                    undecodable.add(error);
                }

                @Override
                public void closed() {
                    closed.incrementAndGet();
                }
            };
        }

        @Override
        public void housekeeping() {
            housekeeping.incrementAndGet();
        }
    }

    private static byte[] frame(int type, int seq, String payload) {
        return CODEC.encode(new Message(ProtocolVersion.PYRO5, type, 0, seq, 1, null, Map.of(),
                payload.getBytes()), WireOptions.DEFAULT);
    }

    private Socket connect() throws IOException {
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        Socket s = new Socket();
        clients.add(s);
        s.connect(new InetSocketAddress(a.getAddress(), a.getPort()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static Message call(Socket s, int type, int seq, String payload) throws IOException {
        s.getOutputStream().write(frame(type, seq, payload));
        s.getOutputStream().flush();
        return read(s);
    }

    private static Message read(Socket s) throws IOException {
        return MessageIO.read(s.getInputStream(), CODEC, WireOptions.DEFAULT);
    }

    private static boolean closedByPeer(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(10);
        }
    }

    @Test
    void servesManyClientsOnOneThread() throws Exception {
        Echo echo = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, echo).start();
        assertEquals("127.0.0.1:" + server.port(), server.location());
        Socket a = connect();
        Socket b = connect();
        Message pa = call(a, MessageType.PING, 7, "ping a");
        assertEquals(7, pa.seq());
        assertArrayEquals("ping a".getBytes(), pa.payload());
        Thread first = echo.loopThread.get();
        assertEquals(100_000, call(b, MessageType.INVOKE, 8, "100000").payload().length);
        assertEquals(first, echo.loopThread.get());
        assertTrue(first.getName().startsWith("jpyro-multiplex-"), first.getName());
        // pipelined frames in one write are answered in order
        OutputStream out = a.getOutputStream();
        ByteBuffer both = ByteBuffer.allocate(200);
        both.put(frame(MessageType.PING, 1, "one")).put(frame(MessageType.PING, 2, "two")).flip();
        out.write(both.array(), 0, both.limit());
        out.flush();
        assertEquals(1, read(a).seq());
        assertEquals(2, read(a).seq());
        assertEquals(2, server.connectionCount());
        a.close();
        await(() -> echo.closed.get() == 1, "close seen");
        assertEquals(1, server.connectionCount());
        assertTrue(server.toString().contains("1 connections"), server.toString());
    }

    @Test
    void aFrameSplitIntoSingleByteWritesIsReassembled() throws Exception {
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, new Echo()).start();
        Socket s = connect();
        s.setTcpNoDelay(true);
        byte[] f = frame(MessageType.PING, 3, "split into bytes");
        OutputStream out = s.getOutputStream();
        for (byte b : f) {
            out.write(b);
            out.flush();
        }
        Message m = read(s);
        assertEquals(3, m.seq());
        assertArrayEquals("split into bytes".getBytes(), m.payload());
    }

    @Test
    void garbageAfterAValidFrameClosesThatConnectionOnly() throws Exception {
        Echo echo = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, echo).start();
        Socket good = connect();
        Socket bad = connect();
        byte[] f = frame(MessageType.PING, 1, "fine");
        byte[] withGarbage = new byte[f.length + 50];
        System.arraycopy(f, 0, withGarbage, 0, f.length);
        for (int i = f.length; i < withGarbage.length; i++) {
            withGarbage[i] = (byte) 'x';
        }
        bad.getOutputStream().write(withGarbage);
        bad.getOutputStream().flush();
        assertEquals(1, read(bad).seq(), "the valid frame is answered");
        assertTrue(closedByPeer(bad));
        assertNotNull(echo.undecodable.poll(10, TimeUnit.SECONDS));
        assertEquals(9, call(good, MessageType.PING, 9, "still here").seq());
    }

    @Test
    void anOversizedLengthFieldIsRefusedBeforeAnythingIsAllocated() throws Exception {
        Echo echo = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, echo).start();
        Socket s = connect();
        byte[] header = frame(MessageType.PING, 1, "");
        // Pyro5 header: the data length is the 32 bit int at offset 12; claim almost 2 GB
        byte[] forged = header.clone();
        ByteBuffer.wrap(forged).putInt(12, Integer.MAX_VALUE - 64);
        s.getOutputStream().write(forged);
        s.getOutputStream().flush();
        assertTrue(closedByPeer(s));
        RuntimeException e = echo.undecodable.poll(10, TimeUnit.SECONDS);
        assertNotNull(e);
        assertInstanceOf(MessageTooLargeException.class, e, "refused on the header, before the body is allocated");
        assertEquals(2, call(connect(), MessageType.PING, 2, "after").seq());
    }

    @Test
    void silentAndSlowClientsAreClosedAfterCommTimeout() throws Exception {
        Echo echo = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS.withCommTimeout(300), echo).start();
        Socket silent = connect();
        Socket halfFrame = connect();
        halfFrame.getOutputStream().write(frame(MessageType.PING, 1, "never finished"), 0, 20);
        halfFrame.getOutputStream().flush();
        Socket active = connect();
        long start = System.nanoTime();
        assertTrue(closedByPeer(silent));
        assertTrue(closedByPeer(halfFrame));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 8000);
        await(() -> echo.closed.get() >= 3, "all three closed");
        assertTrue(closedByPeer(active), "idle too long as well");
    }

    @Test
    void aClientThatDoesNotReadStallsOnlyItself() throws Exception {
        Echo echo = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS.withCommTimeout(1000), echo).start();
        Socket lazy = connect();
        lazy.setReceiveBufferSize(4096);
        // ask for far more than the socket buffers hold and never read it
        OutputStream out = lazy.getOutputStream();
        for (int i = 0; i < 4; i++) {
            out.write(frame(MessageType.INVOKE, i, "1000000"));
        }
        out.flush();
        Socket other = connect();
        for (int i = 0; i < 20; i++) {
            assertEquals(i, call(other, MessageType.PING, i, "ping").seq());
        }
        // the stalled one is closed once its output made no progress for COMMTIMEOUT
        await(() -> echo.closed.get() >= 1, "the stalled connection is closed");
        assertEquals(99, call(connect(), MessageType.PING, 99, "ping").seq());
    }

    @Test
    void aClientVanishingMidCallDoesNotDisturbTheOthers() throws Exception {
        Echo echo = new Echo();
        echo.block = new CountDownLatch(1);
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, echo).start();
        Socket leaving = connect();
        Socket staying = connect();
        leaving.getOutputStream().write(frame(MessageType.INVOKE, 1, "block"));
        leaving.getOutputStream().flush();
        staying.getOutputStream().write(frame(MessageType.PING, 5, "waiting"));
        staying.getOutputStream().flush();
        leaving.close();
        echo.block.countDown();
        assertEquals(5, read(staying).seq());
        await(() -> echo.closed.get() == 1, "the vanished client is closed");
        assertEquals(6, call(staying, MessageType.PING, 6, "again").seq());
    }

    @Test
    void holdsThousandsOfIdleConnections() throws Exception {
        Echo echo = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, echo).start();
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        int n = 1200;
        List<SocketChannel> idle = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                SocketChannel ch;
                try {
                    ch = SocketChannel.open(new InetSocketAddress(a.getAddress(), a.getPort()));
                } catch (IOException e) {
                    assumeTrue(i > 1000, "cannot open enough sockets here: " + e);
                    break;
                }
                idle.add(ch);
            }
            await(() -> server.connectionCount() == idle.size(), "all accepted: " + server.connectionCount());
            int threadsBefore = Thread.activeCount();
            assertEquals(1, call(connect(), MessageType.PING, 1, "still answering").seq());
            assertTrue(Thread.activeCount() <= threadsBefore + 1, "no thread per connection");
            // the last and the first idle connection are served as well
            for (SocketChannel ch : List.of(idle.get(idle.size() - 1), idle.get(0))) {
                ch.write(ByteBuffer.wrap(frame(MessageType.PING, 4, "me too")));
                Message m = MessageIO.read(Channels.newInputStream(ch), CODEC, WireOptions.DEFAULT);
                assertEquals(4, m.seq());
            }
        } finally {
            for (SocketChannel ch : idle) {
                ch.close();
            }
        }
        await(() -> server.connectionCount() == 1, "all closed: " + server.connectionCount());
    }

    @Test
    void anIdleLoopDoesNotSpin() throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadCpuTimeSupported(), "no thread CPU time here");
        Echo echo = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS.withCommTimeout(60_000).withPollMillis(50), echo).start();
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            idle.add(connect());
        }
        Socket s = connect();
        assertEquals(1, call(s, MessageType.INVOKE, 1, "70000").seq()); // a reply larger than one write, too
        long loopId = echo.loopThread.get().getId();
        long cpuBefore = threads.getThreadCpuTime(loopId);
        long wallBefore = System.nanoTime();
        Thread.sleep(1000);
        long cpu = threads.getThreadCpuTime(loopId) - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        assertTrue(cpu < wall / 5, "the loop used " + cpu / 1_000_000 + " ms CPU in " + wall / 1_000_000 + " ms");
    }

    @Test
    void unixDomainSockets(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("mx.sock");
        server = MultiplexServer.bindUnix(path.toString(), OPTIONS, new Echo()).start();
        assertEquals("./u:" + path, server.location());
        assertEquals(0, server.port());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            ch.write(ByteBuffer.wrap(frame(MessageType.PING, 2, "unix")));
            InputStream in = Channels.newInputStream(ch);
            assertEquals(2, MessageIO.read(in, CODEC, WireOptions.DEFAULT).seq());
        }
        server.close();
        assertTrue(!path.toFile().exists(), "socket file removed");
    }

    @Test
    void ipv6() throws Exception {
        boolean ipv6;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            ipv6 = true;
        } catch (IOException e) {
            ipv6 = false;
        }
        assumeTrue(ipv6, "no IPv6 loopback");
        server = MultiplexServer.bind("[::1]", 0, OPTIONS, new Echo()).start();
        assertEquals("[::1]:" + server.port(), server.location());
        assertEquals(1, call(connect(), MessageType.PING, 1, "v6").seq());
    }

    @Test
    void closeWakesTheLoopClosesConnectionsAndWorksFromTheLoopItself() throws Exception {
        Echo echo = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS.withPollMillis(20), echo).start();
        Socket s = connect();
        assertEquals(1, call(s, MessageType.PING, 1, "x").seq());
        await(() -> echo.housekeeping.get() >= 2, "housekeeping runs");
        long start = System.nanoTime();
        server.close();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000, "close does not wait for a poll");
        assertTrue(closedByPeer(s));
        assertEquals(1, echo.closed.get());
        assertTrue(server.awaitStopped(1, TimeUnit.SECONDS));
        assertThrows(IOException.class, this::connect);

        // closing from a handler call on the loop
        AtomicReference<MultiplexServer> self = new AtomicReference<>();
        MultiplexHandler closing = new MultiplexHandler() {
            @Override
            public WireOptions wireOptions() {
                return WIRE;
            }

            @Override
            public FrameReceiver accepted(MultiplexConnection connection) {
                return m -> self.get().close();
            }
        };
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, closing);
        self.set(server);
        server.start();
        Socket t = connect();
        t.getOutputStream().write(frame(MessageType.PING, 1, "stop"));
        t.getOutputStream().flush();
        assertTrue(closedByPeer(t));
        assertTrue(server.awaitStopped(5, TimeUnit.SECONDS));
        assertTrue(server.isClosed());
    }

    @Test
    void combinedServersShareOneLoop() throws Exception {
        Echo one = new Echo();
        Echo two = new Echo();
        server = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, one);
        MultiplexServer other = MultiplexServer.bind("127.0.0.1", 0, OPTIONS, two);
        try {
            server.combine(other);
            assertThrows(IllegalStateException.class, () -> server.combine(other));
            server.start();
            other.start(); // no effect: served by server's loop
            assertEquals(1, call(connect(), MessageType.PING, 1, "one").seq());
            InetSocketAddress a = (InetSocketAddress) other.localAddress();
            Socket s = new Socket(a.getAddress(), a.getPort());
            clients.add(s);
            s.setSoTimeout(10_000);
            assertEquals(2, call(s, MessageType.PING, 2, "two").seq());
            assertEquals(one.loopThread.get(), two.loopThread.get());
            assertEquals(1, other.connectionCount());
            other.close();
            assertTrue(closedByPeer(s));
            assertEquals(3, call(connect(), MessageType.PING, 3, "one still").seq());
        } finally {
            other.close();
        }
    }

    @Test
    void refusesTls() {
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
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> MultiplexServer.bind("127.0.0.1", 0, OPTIONS.withSecurity(tls), new Echo()));
        assertTrue(e.getMessage().contains("SSL needs SERVERTYPE thread"), e.getMessage());
        assertInstanceOf(CommunicationException.class, e);
    }
}
