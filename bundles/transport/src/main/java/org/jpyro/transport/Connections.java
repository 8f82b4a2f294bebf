package org.jpyro.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.TimeoutException;

/**
 * Opens client connections to Pyro daemons: TCP (IPv4 and IPv6; host names resolved with the configured
 * {@code PREFER_IP_VERSION}) or Unix domain sockets, with COMMTIMEOUT as connect, read and write timeout
 * (see {@link Connection}), TCP_NODELAY and keep-alive.
 */
public final class Connections {
    private Connections() {
    }

    /**
     * Connects to the location of a {@code PYRO:} uri (TCP host:port or Unix domain socket) with COMMTIMEOUT
     * as connect, read and write timeout, TCP_NODELAY and keep-alive.
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
        return connect(uri, config, security, config.commTimeoutMillis());
    }

    /**
     * Like {@link #connect(PyroURI, PyroConfig, SocketSecurity)} with an explicit timeout in milliseconds (0: none)
     * for connecting, reading and writing instead of COMMTIMEOUT.
     */
    public static Connection connect(PyroURI uri, PyroConfig config, SocketSecurity security, int timeoutMillis) {
        try {
            if (uri.isUnixSocket()) {
                return connectUnix(uri.sockname(), timeoutMillis);
            }
            return connectTcp(uri, config, security, timeoutMillis);
        } catch (SocketTimeoutException e) {
            throw new TimeoutException("connection to " + uri.location() + " timed out", e);
        } catch (ConnectException e) {
            throw new CommunicationException("cannot connect to " + uri.location() + ": " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommunicationException("cannot connect to " + uri.location() + ": " + e, e);
        }
    }

    /**
     * The addresses of a host in the order to try them: with {@code preferVersion} 4 (or 6) the IPv4 (IPv6)
     * addresses first, then the others; with 0 in the resolver's order.
     */
    public static List<InetAddress> addressesOf(String host, int preferVersion) throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(host);
        if (preferVersion != 4 && preferVersion != 6) {
            return List.of(all);
        }
        Class<?> preferred = preferVersion == 4 ? Inet4Address.class : Inet6Address.class;
        List<InetAddress> ordered = new ArrayList<>(all.length);
        for (InetAddress a : all) {
            if (preferred.isInstance(a)) {
                ordered.add(a);
            }
        }
        for (InetAddress a : all) {
            if (!preferred.isInstance(a)) {
                ordered.add(a);
            }
        }
        return ordered;
    }

    private static Connection connectTcp(PyroURI uri, PyroConfig config, SocketSecurity security, int timeout)
            throws IOException {
        List<InetAddress> addresses = addressesOf(uri.host(), config.getInt(ConfigItem.PREFER_IP_VERSION));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        IOException last = null;
        for (InetAddress address : addresses) {
            int remaining = 0;
            if (timeout > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new SocketTimeoutException("connect timed out");
                }
                remaining = (int) left;
            }
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                s.connect(new InetSocketAddress(address, uri.port()), remaining);
            } catch (SocketTimeoutException e) {
                s.close();
                throw e;
            } catch (IOException | RuntimeException e) {
                s.close();
                if (e instanceof IOException io) {
                    last = io;
                    continue;
                }
                throw e;
            }
            return wrap(s, uri, security, timeout);
        }
        throw last != null ? last : new ConnectException("no address for " + uri.host());
    }

    private static Connection wrap(Socket s, PyroURI uri, SocketSecurity security, int timeout) throws IOException {
        try {
            if (security != null) {
                if (timeout > 0) {
                    s.setSoTimeout(timeout); // bounds the TLS handshake; reads after it are watched as well
                }
                Socket secured = security.secureConnected(s, uri.host(), uri.port());
                try {
                    return Connection.of(secured, s, timeout);
                } catch (IOException | RuntimeException e) {
                    secured.close();
                    throw e;
                }
            }
            return Connection.of(s, s, timeout);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static Connection connectUnix(String path, int timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
            if (timeout <= 0) {
                ch.connect(address);
            } else {
                // Linux connects Unix domain sockets synchronously (a full backlog blocks, or fails non-blocking
                // with EAGAIN): connect blocking, with the watchdog closing the channel at the deadline
                Connection.ConnectGuard guard = Connection.guard(ch, timeout);
                try {
                    ch.connect(address);
                } catch (IOException e) {
                    if (guard.done()) {
                        throw timedOut(e);
                    }
                    throw e;
                }
                if (guard.done()) {
                    throw timedOut(null);
                }
            }
            return Connection.of(ch, timeout);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static SocketTimeoutException timedOut(Throwable cause) {
        SocketTimeoutException e = new SocketTimeoutException("connect timed out");
        e.initCause(cause);
        return e;
    }
}
