package org.jpyro.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.NamingException;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;

/**
 * Finds a name server the way Pyro's {@code locate_ns} does (protocol notes §9.3): without a host, first a
 * direct connection when NS_HOST is a loopback name (also {@code 127.0.1.1} when that resolves), then UDP
 * broadcast ({@code GET_NSURI} to every BROADCAST_ADDRS entry on NS_BCPORT, 3 rounds of 0.7 s; skipped when
 * PREFER_IP_VERSION is 6), then a direct connection to NS_HOST:NS_PORT; with a host, a direct connection.
 * Failure is {@code NamingError("Failed to locate the nameserver")}.
 * <p>
 * What "a connection" is stays with the caller: a binder function that connects to a candidate uri and returns
 * the bound proxy, or throws a {@link PyroException} (having closed what it opened); {@link #locate(String, int,
 * boolean)} binds a {@link Proxy}. The naming bundle's {@code NameServerLocator} and the {@code PYRONAME:}
 * resolution of proxies (on every connect and reconnect) both use this.
 */
public final class NameServerFinder {
    /** Object id of a name server. */
    public static final String NAMESERVER_OBJECT = "Pyro.NameServer";
    /** The discovery datagram. */
    public static final byte[] GET_NSURI = "GET_NSURI".getBytes(StandardCharsets.US_ASCII);
    /** Wait for a broadcast answer per round. */
    public static final int BROADCAST_TIMEOUT_MILLIS = 700;
    /** Broadcast rounds. */
    public static final int BROADCAST_ROUNDS = 3;

    private static final System.Logger LOG = System.getLogger(NameServerFinder.class.getName());

    private final PyroConfig config;

    /** A finder using that configuration (NS_HOST, NS_PORT, NS_BCPORT, BROADCAST_ADDRS, PREFER_IP_VERSION). */
    public NameServerFinder(PyroConfig config) {
        this.config = config;
    }

    /**
     * Locates a name server and returns a bound proxy for it.
     *
     * @param host      host (or {@code ./u:path} Unix socket location); {@code null}/empty to search
     * @param port      port, 0 for the configured one (NS_PORT, or NS_BCPORT for the broadcast)
     * @param broadcast whether the broadcast search may be used
     * @throws NamingException "Failed to locate the nameserver"
     */
    public Proxy locate(String host, int port, boolean broadcast) {
        return locate(host, port, broadcast, uri -> {
            Proxy proxy = new Proxy(uri, config);
            try {
                return proxy.bind();
            } catch (PyroException e) {
                proxy.close();
                throw e;
            }
        });
    }

    /**
     * Locates a name server and returns what {@code binder} made of the first uri that answered.
     *
     * @param host      host (or {@code ./u:path} Unix socket location); {@code null}/empty to search
     * @param port      port, 0 for the configured one (NS_PORT, or NS_BCPORT for the broadcast)
     * @param broadcast whether the broadcast search may be used
     * @param binder    connects to a candidate name server uri; throws {@link PyroException} when it cannot
     * @throws NamingException "Failed to locate the nameserver"
     */
    public <P> P locate(String host, int port, boolean broadcast, Function<PyroURI, P> binder) {
        if (host == null || host.isEmpty()) {
            String nsHost = config.getString(ConfigItem.NS_HOST);
            if (isLoopback(nsHost)) {
                for (String h : loopbackCandidates(nsHost)) {
                    P p = tryBind(binder, uriFor(h, port != 0 ? port : config.getInt(ConfigItem.NS_PORT)));
                    if (p != null) {
                        return p;
                    }
                }
            }
            if (broadcast && config.getInt(ConfigItem.PREFER_IP_VERSION) != 6) {
                int bcPort = port != 0 ? port : config.getInt(ConfigItem.NS_BCPORT);
                PyroURI found = broadcastLookup(config.getStringList(ConfigItem.BROADCAST_ADDRS), bcPort,
                        BROADCAST_TIMEOUT_MILLIS, BROADCAST_ROUNDS);
                if (found != null) {
                    P p = tryBind(binder, found);
                    if (p != null) {
                        return p;
                    }
                }
                LOG.log(Level.DEBUG, "broadcast locate failed, try direct connection on NS_HOST");
            }
            host = nsHost;
            port = config.getInt(ConfigItem.NS_PORT);
        } else if (port == 0) {
            port = config.getInt(ConfigItem.NS_PORT);
        }
        try {
            return binder.apply(uriFor(host, port));
        } catch (PyroException e) {
            throw new NamingException("Failed to locate the nameserver", e);
        }
    }

    /**
     * Sends {@code GET_NSURI} to each address on the port, up to {@code rounds} times, and returns the URI of the
     * first reply, or {@code null}. {@code <broadcast>} means 255.255.255.255.
     */
    public static PyroURI broadcastLookup(List<String> addresses, int port, int timeoutMillis, int rounds) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            socket.setSoTimeout(timeoutMillis);
            byte[] buffer = new byte[256];
            for (int round = 0; round < rounds; round++) {
                for (String address : addresses) {
                    String a = "<broadcast>".equals(address) ? "255.255.255.255" : address;
                    try {
                        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(a), port);
                        socket.send(new DatagramPacket(GET_NSURI, GET_NSURI.length, target));
                    } catch (IOException e) {
                        LOG.log(Level.DEBUG, "cannot send GET_NSURI to {0}: {1}", a, e);
                    }
                }
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(reply);
                    String text = new String(buffer, 0, reply.getLength(), StandardCharsets.ISO_8859_1);
                    LOG.log(Level.DEBUG, "located NS: {0}", text);
                    return PyroURI.parse(text);
                } catch (SocketTimeoutException e) {
                    // next round
                }
            }
        } catch (IOException | PyroException e) {
            LOG.log(Level.DEBUG, "broadcast locate failed: {0}", e);
        }
        return null;
    }

    /** The name server uri at a host (or {@code ./u:path}) and port. */
    public static PyroURI uriFor(String host, int port) {
        if (host.startsWith("./u:")) {
            return PyroURI.unix(NAMESERVER_OBJECT, host.substring(4));
        }
        return PyroURI.of(NAMESERVER_OBJECT, host, port);
    }

    private static <P> P tryBind(Function<PyroURI, P> binder, PyroURI uri) {
        try {
            return binder.apply(uri);
        } catch (PyroException e) {
            LOG.log(Level.DEBUG, "no name server at {0}: {1}", uri, e);
            return null;
        }
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || "::1".equals(host) || host.startsWith("127.");
    }

    private static List<String> loopbackCandidates(String nsHost) {
        List<String> hosts = new ArrayList<>();
        hosts.add(nsHost);
        if (!nsHost.contains(":") && !"127.0.1.1".equals(nsHost)
                && !System.getProperty("os.name", "").startsWith("Windows")) {
            try {
                InetAddress a = InetAddress.getByName("127.0.1.1");
                if (!a.getCanonicalHostName().equals("127.0.1.1")) {
                    hosts.add("127.0.1.1");
                }
            } catch (IOException e) {
                // not resolvable: skip it
            }
        }
        return hosts;
    }
}
