package org.jpyro.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;

/**
 * Read and write timeouts of client connections: a peer that stops reading makes a write time out (TCP and Unix
 * domain), a silent peer makes a Unix domain read time out, the connection is closed then; without a timeout no
 * guard is installed. Also the address order of PREFER_IP_VERSION.
 */
@Timeout(30)
class ConnectionTimeoutTest {
    private static final int TIMEOUT = 300;
    /** Far more than any socket buffer, so a peer that does not read blocks the writer. */
    private static final byte[] CHUNK = new byte[1 << 20];

    @Test
    void tcpWriteTimesOutWhenThePeerDoesNotRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PyroURI uri = PyroURI.of("x", "127.0.0.1", server.getLocalPort());
            PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, TIMEOUT / 1000.0);
            try (Connection c = Connections.connect(uri, config, null); Socket peer = server.accept()) {
                assertEquals(TIMEOUT, c.timeoutMillis());
                assertWriteTimesOut(c);
                assertTrue(peer.isConnected());
            }
            try (Connection c = Connections.connect(uri, config, null); Socket peer = server.accept()) {
                assertReadTimesOut(c);
            }
        }
    }

    @Test
    void unixWriteAndReadTimeOut() throws Exception {
        Path dir = Files.createTempDirectory("jpyro-conn");
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            PyroURI uri = PyroURI.unix("x", path.toString());
            PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, TIMEOUT / 1000.0);
            try (Connection c = Connections.connect(uri, config); SocketChannel peer = server.accept()) {
                assertWriteTimesOut(c);
            }
            try (Connection c = Connections.connect(uri, config); SocketChannel peer = server.accept()) {
                assertReadTimesOut(c);
            }
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void unixReadWithinTheTimeoutGetsTheData() throws Exception {
        Path dir = Files.createTempDirectory("jpyro-conn");
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            PyroURI uri = PyroURI.unix("x", path.toString());
            PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, 5.0);
            try (Connection c = Connections.connect(uri, config); SocketChannel peer = server.accept()) {
                OutputStream out = c.out();
                out.write(new byte[] {1, 2, 3});
                out.flush();
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(3);
                while (b.hasRemaining()) {
                    peer.read(b);
                }
                peer.write(java.nio.ByteBuffer.wrap(new byte[] {9}));
                InputStream in = c.in();
                assertEquals(9, in.read());
                assertFalse(c.timedOut());
            }
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void unixConnectTimesOutWhenTheBacklogIsFull() throws Exception {
        Path dir = Files.createTempDirectory("jpyro-conn");
        Path path = dir.resolve("s.sock");
        List<Connection> open = new java.util.ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path), 1);
            PyroURI uri = PyroURI.unix("x", path.toString());
            PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, TIMEOUT / 1000.0);
            org.jpyro.api.TimeoutException timeout = null;
            for (int i = 0; i < 20 && timeout == null; i++) {
                try {
                    open.add(Connections.connect(uri, config));
                } catch (org.jpyro.api.TimeoutException e) {
                    timeout = e;
                }
            }
            assertTrue(timeout != null, "the backlog never filled up");
            assertEquals("connection to ./u:" + path + " timed out", timeout.getMessage());
        } finally {
            open.forEach(Connection::close);
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void connectFailureIsACommunicationError() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, 2.0);
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> Connections.connect(PyroURI.of("x", "127.0.0.1", free), config));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + free), e.getMessage());
    }

    @Test
    void preferIpVersionOrdersTheAddresses() throws Exception {
        List<InetAddress> v4 = Connections.addressesOf("127.0.0.1", 6);
        assertInstanceOf(Inet4Address.class, v4.get(0));
        List<InetAddress> v6 = Connections.addressesOf("::1", 4);
        assertInstanceOf(Inet6Address.class, v6.get(0));
        List<InetAddress> all = Connections.addressesOf("localhost", 0);
        List<InetAddress> prefer6 = Connections.addressesOf("localhost", 6);
        List<InetAddress> prefer4 = Connections.addressesOf("localhost", 4);
        assertEquals(all.size(), prefer6.size());
        assertEquals(all.size(), prefer4.size());
        if (all.stream().anyMatch(a -> a instanceof Inet6Address)) {
            assertInstanceOf(Inet6Address.class, prefer6.get(0));
        }
        if (all.stream().anyMatch(a -> a instanceof Inet4Address)) {
            assertInstanceOf(Inet4Address.class, prefer4.get(0));
        }
    }

    private static void assertReadTimesOut(Connection c) {
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> c.in().read());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(SocketTimeoutException.class, e, e.toString());
        assertTrue(millis >= TIMEOUT - 50, "timed out after " + millis + " ms");
        assertTrue(c.timedOut());
        assertTrue(c.isClosed());
    }

    private static void assertWriteTimesOut(Connection c) {
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 1024; i++) {
                c.out().write(CHUNK);
            }
            c.out().flush();
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(SocketTimeoutException.class, e, e.toString());
        assertTrue(millis >= TIMEOUT - 50, "timed out after " + millis + " ms");
        assertTrue(c.timedOut());
        assertTrue(c.isClosed());
    }
}
