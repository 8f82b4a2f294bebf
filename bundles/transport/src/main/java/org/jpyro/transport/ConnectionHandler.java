package org.jpyro.transport;

/**
 * What a {@link ThreadPoolServer} does with the connections it accepts; supplied by the daemon. Both methods run
 * on server threads and must not let exceptions escape (the server logs and swallows any that do). The server
 * closes the connection when a method returns.
 */
public interface ConnectionHandler {

    /**
     * Serves one accepted connection for as long as it lives, on a worker thread of its own (Pyro's
     * one-worker-per-client-connection semantics). Return to end the connection.
     */
    void serve(Connection connection);

    /**
     * Called instead of {@link #serve} when every worker is busy, on a short-lived thread. The connection is
     * closed by the server after the refusal deadline even if this method is still blocked reading, so a silent
     * client cannot hold the thread. The default just lets the server close the connection.
     */
    default void refuse(Connection connection) {
    }

    /**
     * Called every {@link ServerOptions#pollMillis()} while the server runs (Pyro's daemon housekeeping), on a
     * timer thread of the server. The default does nothing.
     */
    default void housekeeping() {
    }
}
