package org.jpyro.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a Pyro connection: a TCP {@link Socket} or a Unix domain {@link SocketChannel}, with buffered
 * streams. Reads and writes are blocking; a TCP connection honours the read timeout set at creation.
 * Not thread-safe: one request/response at a time, as the Pyro protocol is.
 */
public final class Connection implements Closeable {
    private static final int BUFFER = 64 * 1024;

    private final Socket socket;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Connection(Socket socket, SocketChannel channel, InputStream in, OutputStream out, String description) {
        this.socket = socket;
        this.channel = channel;
        this.in = in;
        this.out = out;
        this.description = description;
    }

    /** Wraps a connected TCP socket. */
    public static Connection of(Socket socket) throws IOException {
        return new Connection(socket, null, new BufferedInputStream(socket.getInputStream(), BUFFER),
                new BufferedOutputStream(socket.getOutputStream(), BUFFER), String.valueOf(socket.getRemoteSocketAddress()));
    }

    /** Wraps a connected, blocking Unix domain socket channel. */
    public static Connection of(SocketChannel channel) throws IOException {
        SocketAddress remote = channel.getRemoteAddress();
        SocketAddress local = channel.getLocalAddress();
        String desc = "unix:" + (remote != null && !String.valueOf(remote).isEmpty() ? remote : local);
        return new Connection(null, channel, new BufferedInputStream(Channels.newInputStream(channel), BUFFER),
                new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER), desc);
    }

    /** Buffered input; read frames with {@code org.jpyro.protocol.MessageIO}. */
    public InputStream in() {
        return in;
    }

    /** Buffered output; flush after each frame. */
    public OutputStream out() {
        return out;
    }

    /** The TCP socket, or {@code null} for a Unix domain socket. */
    public Socket socket() {
        return socket;
    }

    /** The peer's address for TCP, {@code null} for Unix domain sockets. */
    public SocketAddress remoteAddress() {
        return socket != null ? socket.getRemoteSocketAddress() : null;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Closes the socket, waking any thread blocked on it. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                if (socket != null) {
                    socket.close();
                } else {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }

    @Override
    public String toString() {
        return "Connection[" + description + "]";
    }
}
