package org.jpyro.daemon;

import java.net.SocketAddress;

/**
 * What {@link Daemon#clientDisconnect(ClientInfo)} learns about a client connection that ended.
 *
 * @param remoteAddress the client's address (an {@code InetSocketAddress}), {@code null} for a Unix domain socket
 * @param description   a description of the connection for logs
 */
public record ClientInfo(SocketAddress remoteAddress, String description) {
}
