package org.jpyro.naming;

import java.util.List;

import org.jpyro.api.NamingException;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.client.NameServerFinder;

/**
 * Finds a name server the way Pyro's {@code locate_ns} does (protocol notes §9.3): without a host, first a
 * direct connection when NS_HOST is a loopback name (also {@code 127.0.1.1} when that resolves), then UDP
 * broadcast ({@code GET_NSURI} to every BROADCAST_ADDRS entry on NS_BCPORT, 3 rounds of 0.7 s; skipped when
 * PREFER_IP_VERSION is 6), then a direct connection to NS_HOST:NS_PORT; with a host, a direct connection.
 * Failure is {@code NamingError("Failed to locate the nameserver")}.
 * <p>
 * The search itself lives in the client bundle ({@link NameServerFinder}), where proxies
 * of {@code PYRONAME:} uris use it on every (re)connect; this class hands out bound {@link Proxy} objects.
 */
public final class NameServerLocator {
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
        return new NameServerFinder(config).locate(host, port, broadcast);
    }

    /**
     * Sends {@code GET_NSURI} to each address on the port, up to {@code rounds} times, and returns the URI of the
     * first reply, or {@code null}. {@code <broadcast>} means 255.255.255.255.
     */
    public static PyroURI broadcastLookup(List<String> addresses, int port, int timeoutMillis, int rounds) {
        return NameServerFinder.broadcastLookup(addresses, port, timeoutMillis, rounds);
    }
}
