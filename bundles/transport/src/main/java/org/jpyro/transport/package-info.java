/**
 * Sockets: a {@link org.jpyro.transport.Connection} is one client or server side of a Pyro connection (TCP or
 * Unix domain socket) with buffered streams; {@link org.jpyro.transport.Connections} opens client connections
 * to a {@link org.jpyro.api.PyroURI}'s location with Pyro's socket options.
 */
@Export
@Version("1.0.0")
package org.jpyro.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
