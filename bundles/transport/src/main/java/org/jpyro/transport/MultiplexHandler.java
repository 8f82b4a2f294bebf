package org.jpyro.transport;

import org.jpyro.protocol.WireOptions;

/**
 * What a {@link MultiplexServer} does with its connections; supplied by the daemon. Every method runs on the
 * server's selector thread, one at a time, and must not let exceptions escape (the server logs them and closes
 * the connection concerned).
 */
public interface MultiplexHandler {

    /** Size limit and HMAC key used to cut the frames of this handler's connections. */
    WireOptions wireOptions();

    /**
     * A connection was accepted; returns what receives its frames. Nothing has been read from it yet.
     */
    FrameReceiver accepted(MultiplexConnection connection);

    /** Called every {@link ServerOptions#pollMillis()} from the selector thread. The default does nothing. */
    default void housekeeping() {
    }
}
