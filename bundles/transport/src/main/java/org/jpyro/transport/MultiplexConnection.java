package org.jpyro.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

import org.jpyro.protocol.FrameDecoder;

/**
 * One client connection of a {@link MultiplexServer}: a non-blocking channel, the decoder that cuts its frames
 * and the queue of what could not be written yet. It holds no buffer of its own while idle: bytes are read into
 * the server's shared buffer and the decoder copies each frame's body straight into arrays of its exact size.
 * <p>
 * Meant to be used from the server's selector thread (where the {@link FrameReceiver} runs); {@link #send} and
 * {@link #close} from another thread are handed to the selector thread.
 */
public final class MultiplexConnection {
    final MultiplexServer server;
    final SocketChannel channel;
    final FrameDecoder decoder;
    private final String description;
    private final SocketAddress remote;
    SelectionKey key;
    FrameReceiver receiver;
    /** Frames (or their rest) waiting for the socket to take them; {@code null} until first needed. */
    ArrayDeque<ByteBuffer> pending;
    /** When bytes last moved in either direction (System.nanoTime). */
    long lastProgress;
    /** Closing once the pending output is written: nothing more is read. */
    boolean closing;
    volatile boolean closed;
    private Connection view;

    MultiplexConnection(MultiplexServer server, SocketChannel channel, SocketAddress remote, String description) {
        this.server = server;
        this.channel = channel;
        this.remote = remote;
        this.description = description;
        this.decoder = new FrameDecoder(server.handler().wireOptions());
    }

    /**
     * Queues a complete frame for the client: written at once as far as the socket takes it, the rest when the
     * socket can take more (the connection is not read meanwhile). Never blocks.
     *
     * @throws IOException the connection is closed or closing, or the write failed (the connection is then closed)
     */
    public void send(byte[] frame) throws IOException {
        server.host().send(this, frame);
    }

    /** Closes the connection once what was sent is written (or the write stalls). Idempotent; any thread. */
    public void close() {
        server.host().closeGracefully(this);
    }

    /** Whether the connection is closed (or closing). */
    public boolean isClosed() {
        return closed || closing;
    }

    /** The client's address ({@code InetSocketAddress}), {@code null} for a Unix domain socket. */
    public SocketAddress remoteAddress() {
        return remote;
    }

    /** The server side address of the connection. */
    public SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A {@link Connection} view of this connection for code written for blocking connections, e.g. a
     * daemon's handshake validation that looks at the peer address. Made on first use (it allocates stream
     * buffers); its streams cannot be used (the channel is non-blocking) but closing it closes this connection.
     */
    public synchronized Connection asConnection() throws IOException {
        if (view == null) {
            view = server.isTcp() ? Connection.of(channel.socket()) : Connection.of(channel);
        }
        return view;
    }

    @Override
    public String toString() {
        return "MultiplexConnection[" + description + "]";
    }
}
