package org.jpyro.transport;

import org.jpyro.api.PyroConfig;

/**
 * Builds {@link SocketSecurity} from a Pyro configuration (SSL, SSL_SERVERCERT, SSL_CACERTS...). Found through
 * {@link java.util.ServiceLoader} in plain Java and registered in {@link SocketSecurities} by a DS component in an
 * OSGi framework.
 */
public interface SocketSecurityProvider {

    /** Security for a daemon's server socket configured by {@code config}. */
    SocketSecurity server(PyroConfig config);

    /** Security for a proxy's client connections configured by {@code config}. */
    SocketSecurity client(PyroConfig config);
}
