package org.jpyro.naming;

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

import org.jpyro.api.ConfigItem;
import org.jpyro.api.NamingException;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;

/**
 * Finds a name server the way Pyro's {@code locate_ns} does (protocol notes §9.3): without a host, first a
 * direct connection when NS_HOST is a loopback name (also {@code 127.0.1.1} when that resolves), then UDP
 * broadcast ({@code GET_NSURI} to every BROADCAST_ADDRS entry on NS_BCPORT, 3 rounds of 0.7 s; skipped when
 * PREFER_IP_VERSION is 6), then a direct connection to NS_HOST:NS_PORT; with a host, a direct connection.
 * Failure is {@code NamingError("Failed to locate the nameserver")}.
 */
public final class NameServerLocator {
    private static final System.Logger LOG = System.getLogger(NameServerLocator.class.getName());
    private static final int BROADCAST_TIMEOUT_MILLIS = 700;
    private static final int BROADCAST_ROUNDS = 3;

    private final PyroConfig config;

    /** A locator using that configuration (NS_HOST, NS_PORT, NS_BCPORT, BROADCAST_ADDRS, PREFER_IP_VERSION). */
    public NameServerLocator(PyroConfig config) {
        this.config = config;
    }

    /** {@code locate_ns()} with the configuration from the environment. */
    public static Proxy locate() {
        return new NameServerLocator(PyroConfig.fromEnvironment()).locate(null, 0, true);
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
        if (host == null || host.isEmpty()) {
            String nsHost = config.getString(ConfigItem.NS_HOST);
            if (isLoopback(nsHost)) {
                for (String h : loopbackCandidates(nsHost)) {
                    Proxy p = tryBind(uriFor(h, port != 0 ? port : config.getInt(ConfigItem.NS_PORT)));
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
                    return new Proxy(found, config);
                }
                LOG.log(Level.DEBUG, "broadcast locate failed, try direct connection on NS_HOST");
            }
            host = nsHost;
            port = config.getInt(ConfigItem.NS_PORT);
        } else if (port == 0) {
            port = config.getInt(ConfigItem.NS_PORT);
        }
        PyroURI uri = uriFor(host, port);
        Proxy proxy = new Proxy(uri, config);
        try {
            proxy.bind();
            return proxy;
        } catch (PyroException e) {
            proxy.close();
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
            byte[] buffer = new byte[100];
            for (int round = 0; round < rounds; round++) {
                for (String address : addresses) {
                    String a = "<broadcast>".equals(address) ? "255.255.255.255" : address;
                    try {
                        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(a), port);
                        socket.send(new DatagramPacket(BroadcastResponder.GET_NSURI,
                                BroadcastResponder.GET_NSURI.length, target));
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

    private Proxy tryBind(PyroURI uri) {
        Proxy proxy = new Proxy(uri, config);
        try {
            proxy.bind();
            return proxy;
        } catch (PyroException e) {
            proxy.close();
            return null;
        }
    }

    private static PyroURI uriFor(String host, int port) {
        if (host.startsWith("./u:")) {
            return PyroURI.parse("PYRO:" + NameServer.NAMESERVER_NAME + "@" + host);
        }
        return PyroURI.of(NameServer.NAMESERVER_NAME, host, port);
    }
}
