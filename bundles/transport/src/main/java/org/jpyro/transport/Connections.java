package org.jpyro.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.TimeoutException;

/** Opens client connections to Pyro daemons. */
public final class Connections {
    private Connections() {
    }

    /**
     * Connects to the location of a {@code PYRO:} uri (TCP host:port or Unix domain socket) with COMMTIMEOUT
     * as connect and read timeout, TCP_NODELAY and keep-alive.
     *
     * @throws TimeoutException       the connect timed out
     * @throws CommunicationException the connection could not be made
     */
    public static Connection connect(PyroURI uri, PyroConfig config) {
        return connect(uri, config, SocketSecurities.client(config));
    }

    /**
     * Like {@link #connect(PyroURI, PyroConfig)}, with TCP connections secured by {@code security} ({@code null}
     * for a plain socket) instead of what the configuration's SSL setting says.
     */
    public static Connection connect(PyroURI uri, PyroConfig config, SocketSecurity security) {
        try {
            if (uri.isUnixSocket()) {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(uri.sockname()));
                    return Connection.of(ch);
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
            }
            int timeout = config.commTimeoutMillis();
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                s.connect(new InetSocketAddress(uri.host(), uri.port()), timeout);
                s.setSoTimeout(timeout);
                if (security != null) {
                    Socket secured = security.secureConnected(s, uri.host(), uri.port());
                    try {
                        return Connection.of(secured);
                    } catch (IOException | RuntimeException e) {
                        secured.close();
                        throw e;
                    }
                }
                return Connection.of(s);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        } catch (SocketTimeoutException e) {
            throw new TimeoutException("connection to " + uri.location() + " timed out", e);
        } catch (ConnectException e) {
            throw new CommunicationException("cannot connect to " + uri.location() + ": " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommunicationException("cannot connect to " + uri.location() + ": " + e, e);
        }
    }

}
