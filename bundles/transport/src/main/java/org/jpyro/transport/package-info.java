/**
 * Sockets: a {@link org.jpyro.transport.Connection} is one client or server side of a Pyro connection (TCP or
 * Unix domain socket) with buffered streams; {@link org.jpyro.transport.Connections} opens client connections
 * to a {@link org.jpyro.api.PyroURI}'s location with Pyro's socket options; a
 * {@link org.jpyro.transport.ThreadPoolServer} accepts connections and serves each on a worker thread of a
 * bounded pool through a {@link org.jpyro.transport.ConnectionHandler}, configured by
 * {@link org.jpyro.transport.ServerOptions}. {@link org.jpyro.transport.SocketSecurity} is the SPI through which
 * the ssl bundle secures TCP sockets ({@link org.jpyro.transport.SocketSecurities} finds it when SSL is configured).
 */
@Export
@Version("1.1.0")
package org.jpyro.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
