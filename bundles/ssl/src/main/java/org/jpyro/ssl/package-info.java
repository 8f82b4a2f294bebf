/**
 * TLS for jpyro daemons and proxies: builds {@link javax.net.ssl.SSLContext}s from Pyro's SSL_* configuration
 * (PEM files) or Java key stores and plugs them into the transport's {@link org.jpyro.transport.SocketSecurity} SPI.
 */
@Export
@Version("1.0.0")
package org.jpyro.ssl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
