package org.jpyro.naming;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jpyro.api.PyroURI;

/**
 * Answers Pyro's UDP name server discovery: a datagram of exactly {@code GET_NSURI} gets the name server URI as
 * ISO-8859-1 text, sent back to the sender; anything else is ignored. When the name server is bound to
 * {@code 0.0.0.0} the reply carries the local address that routes to the requester instead, as Pyro does.
 * Runs in one daemon thread until {@link #close()}.
 */
public final class BroadcastResponder implements AutoCloseable {
    /** The request datagram. */
    public static final byte[] GET_NSURI = "GET_NSURI".getBytes(StandardCharsets.US_ASCII);
    private static final System.Logger LOG = System.getLogger(BroadcastResponder.class.getName());

    private final DatagramSocket socket;
    private final PyroURI nsUri;
    private final Thread thread;
    private volatile boolean running = true;

    private BroadcastResponder(DatagramSocket socket, PyroURI nsUri) {
        this.socket = socket;
        this.nsUri = nsUri;
        this.thread = new Thread(this::loop, "jpyro-ns-broadcast-" + socket.getLocalPort());
        thread.setDaemon(true);
    }

    /**
     * Binds (SO_REUSEADDR, SO_BROADCAST) and starts answering.
     *
     * @param bcHost address to bind, {@code null} or empty for all interfaces
     * @param bcPort UDP port, 0 for any free one
     */
    public static BroadcastResponder start(PyroURI nsUri, String bcHost, int bcPort) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.setBroadcast(true);
            InetSocketAddress bind = bcHost == null || bcHost.isEmpty() ? new InetSocketAddress(bcPort)
                    : new InetSocketAddress(bcHost, bcPort);
            socket.bind(bind);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        BroadcastResponder responder = new BroadcastResponder(socket, nsUri);
        responder.thread.start();
        LOG.log(Level.INFO, "ns broadcast server created on {0}", responder.locationStr());
        return responder;
    }

    /** The bound UDP port. */
    public int port() {
        return socket.getLocalPort();
    }

    /** {@code host:port} of the bound socket. */
    public String locationStr() {
        InetAddress a = socket.getLocalAddress();
        String host = a.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getLocalPort();
    }

    private void loop() {
        byte[] buffer = new byte[100];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                if (packet.getLength() != GET_NSURI.length || !Arrays.equals(buffer, 0, GET_NSURI.length,
                        GET_NSURI, 0, GET_NSURI.length)) {
                    continue;
                }
                byte[] reply = replyFor(packet.getAddress()).toString().getBytes(StandardCharsets.ISO_8859_1);
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                LOG.log(Level.DEBUG, "responded to broadcast request from {0}", packet.getAddress());
            } catch (SocketException e) {
                if (running) {
                    LOG.log(Level.DEBUG, "broadcast socket error: {0}", e);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "broadcast request failed: {0}", e);
            }
        }
    }

    /** The URI to send to a requester, with {@code 0.0.0.0} replaced by the interface routing to it. */
    PyroURI replyFor(InetAddress requester) {
        if (!"0.0.0.0".equals(nsUri.host())) {
            return nsUri;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(requester, 9);
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                return nsUri;
            }
            return new PyroURI(nsUri.protocol(), nsUri.object(), local.getHostAddress(), nsUri.port(), nsUri.sockname());
        } catch (IOException | RuntimeException e) {
            return nsUri;
        }
    }

    /** Stops answering and closes the socket. Idempotent. */
    @Override
    public void close() {
        running = false;
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
