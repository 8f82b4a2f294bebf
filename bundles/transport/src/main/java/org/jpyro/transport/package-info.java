/**
 * Sockets: a {@link org.jpyro.transport.Connection} is one client or server side of a Pyro connection (TCP or
 * Unix domain socket) with buffered streams; {@link org.jpyro.transport.Connections} opens client connections
 * to a {@link org.jpyro.api.PyroURI}'s location with Pyro's socket options; a
 * {@link org.jpyro.transport.ThreadPoolServer} accepts connections and serves each on a worker thread of a
 * bounded pool through a {@link org.jpyro.transport.ConnectionHandler}, configured by
 * {@link org.jpyro.transport.ServerOptions}; a {@link org.jpyro.transport.MultiplexServer} serves every
 * connection on one NIO selector thread instead (Pyro's {@code multiplex} server type): non-blocking frame reads
 * through a {@link org.jpyro.protocol.FrameDecoder} per connection, queued non-blocking writes, COMMTIMEOUT as an
 * idle/stall timeout, thousands of idle connections without a thread or buffer each; its
 * {@link org.jpyro.transport.MultiplexHandler} gives each {@link org.jpyro.transport.MultiplexConnection} a
 * {@link org.jpyro.transport.FrameReceiver} that gets the connection's frames one by one.
 * {@link org.jpyro.transport.SocketSecurity} is the SPI through which
 * the ssl bundle secures TCP sockets ({@link org.jpyro.transport.SocketSecurities} finds it when SSL is configured).
 */
@Export
@Version("1.2.0")
package org.jpyro.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
