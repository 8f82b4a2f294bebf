package org.jpyro.transport;

import java.io.IOException;
import java.net.Socket;

/**
 * Secures TCP sockets, e.g. with TLS; the {@code ssl} bundle provides the implementation. A server calls
 * {@link #secureAccepted} on each accepted socket, a client {@link #secureConnected} on each connected socket;
 * both return the socket to use from then on (typically a layered {@code SSLSocket} that performs its handshake
 * on first use). Unix domain sockets are never secured (as in Pyro). Implementations are thread-safe.
 */
public interface SocketSecurity {

    /** Secures a socket the server has just accepted. */
    Socket secureAccepted(Socket accepted) throws IOException;

    /** Secures a socket a client has just connected to {@code host:port}. */
    Socket secureConnected(Socket connected, String host, int port) throws IOException;
}
