package org.jpyro.transport;

import org.jpyro.protocol.Message;

/**
 * Receives the frames of one {@link MultiplexConnection}, on the selector thread, one at a time and in order.
 * Answers go out with {@link MultiplexConnection#send(byte[])}; {@link MultiplexConnection#close()} ends the
 * connection after what was sent has been written.
 */
public interface FrameReceiver {

    /** One complete, validated frame (the first one detects the protocol version of the connection). */
    void received(Message message);

    /**
     * The bytes received could not be cut into a frame ({@code error} is what the
     * {@link org.jpyro.protocol.FrameDecoder} threw: a malformed or oversized frame, a Pyro4 HMAC failure). The
     * connection is closed after this returns, once anything sent from here is written.
     */
    default void undecodable(RuntimeException error) {
    }

    /** The connection ended, for whatever reason (either side closed it, a timeout, the server closing). Once. */
    default void closed() {
    }
}
