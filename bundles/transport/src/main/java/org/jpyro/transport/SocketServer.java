package org.jpyro.transport;

import java.io.Closeable;

/**
 * What a daemon needs of its server, whichever type it is: {@link ThreadPoolServer} (Pyro's {@code thread}) or
 * {@link MultiplexServer} (Pyro's {@code multiplex}).
 */
public interface SocketServer extends Closeable {

    /** The Pyro location: {@code host:port}, {@code [ipv6]:port} or {@code ./u:path}. */
    String location();

    /** The bound TCP port, or 0 for a Unix domain socket. */
    int port();

    /** The Unix domain socket path, or {@code null} for TCP. */
    String unixSocketPath();

    /** Starts serving. Idempotent; a closed server stays closed. */
    SocketServer start();

    /** Stops serving and closes every connection. Idempotent; never throws. */
    @Override
    void close();
}
