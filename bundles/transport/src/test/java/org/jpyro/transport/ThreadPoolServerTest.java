package org.jpyro.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ConfigItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ThreadPoolServerTest {
    private static final ServerOptions OPTIONS = new ServerOptions(4, 1, 0, true, 500);

    private ThreadPoolServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Echoes lines until the peer closes. */
    private static final ConnectionHandler ECHO = c -> {
        try {
            InputStream in = c.in();
            OutputStream out = c.out();
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
                if (b == '\n') {
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // connection gone
        }
    };

    private static String roundTrip(Socket s, String line) throws IOException {
        s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = s.getInputStream().read()) >= 0 && b != '\n') {
            sb.append((char) b);
        }
        return sb.toString();
    }

    private Socket connect() throws IOException {
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        Socket s = new Socket();
        s.connect(new InetSocketAddress(a.getAddress(), a.getPort()), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void servesTcpClientsConcurrentlyEachOnItsOwnWorker() throws Exception {
        server = ThreadPoolServer.bind("127.0.0.1", 0, OPTIONS, ECHO).start();
        assertTrue(server.port() > 0);
        assertEquals("127.0.0.1:" + server.port(), server.location());
        try (Socket a = connect(); Socket b = connect(); Socket c = connect()) {
            assertEquals("one", roundTrip(a, "one"));
            assertEquals("two", roundTrip(b, "two"));
            assertEquals("three", roundTrip(c, "three"));
            assertEquals("again", roundTrip(a, "again"));
            assertTrue(server.workerCount() >= 3);
        }
        assertTrue(server.toString().startsWith("<ThreadPoolServer on 127.0.0.1:"), server.toString());
    }

    @Test
    void acceptedSocketsGetNoDelayAndTheReadTimeout() throws Exception {
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(4);
        ServerOptions timeout = new ServerOptions(2, 1, 200, true, 500);
        server = ThreadPoolServer.bind("127.0.0.1", 0, timeout, c -> {
            try {
                seen.add(c.socket().getTcpNoDelay());
                seen.add(c.socket().getKeepAlive());
                c.in().read();
                seen.add("read returned");
            } catch (IOException e) {
                seen.add(e);
            }
        }).start();
        try (Socket s = connect()) {
            assertEquals(Boolean.TRUE, seen.poll(5, TimeUnit.SECONDS));
            assertEquals(Boolean.TRUE, seen.poll(5, TimeUnit.SECONDS));
            assertInstanceOf(SocketTimeoutException.class, seen.poll(5, TimeUnit.SECONDS));
            assertEquals(-1, s.getInputStream().read(), "the server closes the connection when the handler returns");
        }
    }

    @Test
    void commTimeoutAlsoBoundsWritesToAClientThatDoesNotRead() throws Exception {
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(4);
        server = ThreadPoolServer.bind("127.0.0.1", 0, new ServerOptions(1, 1, 300, true, 500), c -> {
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 100_000; i++) {
                    c.out().write(chunk);
                }
                seen.add("wrote everything");
            } catch (IOException e) {
                seen.add(e);
            }
        }).start();
        try (Socket s = connect()) {
            s.setReceiveBufferSize(4096);
            Object outcome = seen.poll(15, TimeUnit.SECONDS);
            assertInstanceOf(SocketTimeoutException.class, outcome, String.valueOf(outcome));
        }
    }

    @Test
    void ipv6Loopback() throws Exception {
        boolean hasIpv6;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            hasIpv6 = true;
        } catch (IOException e) {
            hasIpv6 = false;
        }
        assumeTrue(hasIpv6, "no IPv6 loopback here");
        server = ThreadPoolServer.bind("::1", 0, OPTIONS, ECHO).start();
        assertEquals("[::1]:" + server.port(), server.location());
        try (Socket s = connect()) {
            assertEquals("v6", roundTrip(s, "v6"));
        }
    }

    @Test
    void unixDomainSocket(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("pyro.sock");
        server = ThreadPoolServer.bindUnix(path.toString(), OPTIONS, ECHO).start();
        assertEquals("./u:" + path, server.location());
        assertEquals(path.toString(), server.unixSocketPath());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            ch.write(ByteBuffer.wrap("unix\n".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(5);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            assertEquals("unix\n", new String(buf.array(), StandardCharsets.UTF_8));
        }
        server.close();
        assertFalse(Files.exists(path), "the socket file is removed on close");
    }

    @Test
    void fullPoolGoesToTheRefusalHookAndOthersKeepWorking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        ConnectionHandler blocking = new ConnectionHandler() {
            @Override
            public void serve(Connection c) {
                try {
                    c.out().write("served\n".getBytes(StandardCharsets.UTF_8));
                    c.out().flush();
                    release.await();
                } catch (IOException | InterruptedException e) {
                    // closing
                }
            }

            @Override
            public void refuse(Connection c) {
                refused.incrementAndGet();
                try {
                    int b = c.in().read();
                    c.out().write(("busy " + (char) b + "\n").getBytes(StandardCharsets.UTF_8));
                    c.out().flush();
                } catch (IOException e) {
                    // gone
                }
            }
        };
        server = ThreadPoolServer.bind("127.0.0.1", 0, new ServerOptions(1, 1, 0, true, 2000), blocking).start();
        try (Socket first = connect()) {
            assertEquals("served", readLine(first));
            assertEquals(1, server.busyWorkers());
            try (Socket second = connect()) {
                assertEquals("busy x", roundTrip(second, "x"));
                assertEquals(-1, second.getInputStream().read(), "a refused connection is closed");
            }
            assertEquals(1, refused.get());
            release.countDown();
        }
        // the worker is free again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String answer = null;
        while (System.nanoTime() < deadline) {
            try (Socket third = connect()) {
                third.getOutputStream().write('x'); // lets a refusal answer at once
                third.getOutputStream().flush();
                answer = readLine(third);
                if ("served".equals(answer)) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        assertEquals("served", answer);
    }

    @Test
    void silentRefusedClientIsCutOffAtTheDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean refuseReturned = new AtomicBoolean();
        ConnectionHandler handler = new ConnectionHandler() {
            @Override
            public void serve(Connection c) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // closing
                }
            }

            @Override
            public void refuse(Connection c) {
                try {
                    c.in().read(); // the client never sends anything
                } catch (IOException e) {
                    // closed by the deadline
                }
                refuseReturned.set(true);
            }
        };
        server = ThreadPoolServer.bind("127.0.0.1", 0, new ServerOptions(1, 1, 0, true, 300), handler).start();
        try (Socket busy = connect(); Socket silent = connect()) {
            long start = System.nanoTime();
            assertEquals(-1, silent.getInputStream().read());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms < 3000, "closed after " + ms + " ms");
        } finally {
            release.countDown();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!refuseReturned.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(refuseReturned.get());
    }

    @Test
    void handlerExceptionsStayWithTheirConnection() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = ThreadPoolServer.bind("127.0.0.1", 0, OPTIONS, c -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            ECHO.serve(c);
        }).start();
        try (Socket s = connect()) {
            assertEquals(-1, s.getInputStream().read());
        }
        try (Socket s = connect()) {
            assertEquals("fine", roundTrip(s, "fine"));
        }
    }

    @Test
    void closeWakesEveryConnectionAndStopsAccepting() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch exited = new CountDownLatch(2);
        server = ThreadPoolServer.bind("127.0.0.1", 0, OPTIONS, c -> {
            entered.countDown();
            try {
                c.in().read();
            } catch (IOException e) {
                // woken by close
            } finally {
                exited.countDown();
            }
        }).start();
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        try (Socket a = connect(); Socket b = connect()) {
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            assertEquals(2, server.connectionCount());
            server.close();
            assertTrue(exited.await(5, TimeUnit.SECONDS), "blocked workers are woken");
            assertEquals(-1, a.getInputStream().read());
            assertEquals(-1, b.getInputStream().read());
        }
        assertTrue(server.isClosed());
        assertEquals(0, server.connectionCount());
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(address, 1000);
            }
        });
        server.close(); // idempotent
    }

    @Test
    void bindFailureIsACommunicationException() throws Exception {
        server = ThreadPoolServer.bind("127.0.0.1", 0, new ServerOptions(1, 1, 0, false, 0), ECHO);
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> ThreadPoolServer.bind("127.0.0.1", server.port(), new ServerOptions(1, 1, 0, false, 0), ECHO));
        assertTrue(e.getMessage().contains("cannot bind"), e.getMessage());
        assertThrows(CommunicationException.class,
                () -> ThreadPoolServer.bind("no-such-host.invalid", 0, OPTIONS, ECHO));
    }

    @Test
    void optionsFromConfig() {
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, 1.5)
                .with(ConfigItem.THREADPOOL_SIZE, 7).with(ConfigItem.THREADPOOL_SIZE_MIN, 9);
        ServerOptions o = ServerOptions.from(config);
        assertEquals(7, o.poolSize());
        assertEquals(7, o.poolMinSize(), "the minimum is capped to the size");
        assertEquals(1500, o.commTimeoutMillis());
        assertTrue(o.reuseAddress());
        assertEquals(80, ServerOptions.from(PyroConfig.defaults(ProtocolVersion.PYRO5)).poolSize());
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions(0, 0, 0, true, 0));
    }

    private static String readLine(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            sb.append((char) b);
        }
        return sb.toString();
    }
}
