package org.jpyro.transport;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;

/**
 * How a {@link ThreadPoolServer} or a {@link MultiplexServer} runs.
 *
 * @param poolSize          maximum number of worker threads, i.e. of concurrently served connections
 *                          (THREADPOOL_SIZE; thread server only)
 * @param poolMinSize       workers started up front and kept while idle (THREADPOOL_SIZE_MIN; thread server only)
 * @param commTimeoutMillis read timeout on accepted TCP sockets (thread server), idle/stall timeout per
 *                          connection (multiplex server); 0 for none (COMMTIMEOUT)
 * @param reuseAddress      SO_REUSEADDR on the listening TCP socket (SOCK_REUSE)
 * @param refusalMillis     how long a refused connection may take to send its first frame before it is closed
 * @param security          secures accepted TCP sockets (TLS), {@code null} for plain sockets
 * @param preferIpVersion   which address family a host name to bind is resolved to: 4, 6, or 0 for whatever
 *                          the resolver lists first (PREFER_IP_VERSION)
 * @param pollMillis        how often the server calls its handler's housekeeping (POLLTIMEOUT)
 */
public record ServerOptions(int poolSize, int poolMinSize, int commTimeoutMillis, boolean reuseAddress,
                            int refusalMillis, SocketSecurity security, int preferIpVersion, int pollMillis) {

    /** Default deadline for answering a connection that gets no worker. */
    public static final int DEFAULT_REFUSAL_MILLIS = 3000;
    /** Default housekeeping period: Pyro's POLLTIMEOUT default of 2 seconds. */
    public static final int DEFAULT_POLL_MILLIS = 2000;

    public ServerOptions {
        if (poolSize < 1) {
            throw new IllegalArgumentException("threadpool size must be at least 1, got " + poolSize);
        }
        if (preferIpVersion != 0 && preferIpVersion != 4 && preferIpVersion != 6) {
            throw new IllegalArgumentException("PREFER_IP_VERSION must be 4, 6 or 0, got " + preferIpVersion);
        }
        poolMinSize = Math.max(0, Math.min(poolMinSize, poolSize));
        commTimeoutMillis = Math.max(0, commTimeoutMillis);
        refusalMillis = refusalMillis <= 0 ? DEFAULT_REFUSAL_MILLIS : refusalMillis;
        pollMillis = pollMillis <= 0 ? DEFAULT_POLL_MILLIS : Math.max(10, pollMillis);
    }

    /** Options for plain (unsecured) sockets. */
    public ServerOptions(int poolSize, int poolMinSize, int commTimeoutMillis, boolean reuseAddress, int refusalMillis) {
        this(poolSize, poolMinSize, commTimeoutMillis, reuseAddress, refusalMillis, null);
    }

    /** Options with IPv4 preferred and the default housekeeping period. */
    public ServerOptions(int poolSize, int poolMinSize, int commTimeoutMillis, boolean reuseAddress, int refusalMillis,
                         SocketSecurity security) {
        this(poolSize, poolMinSize, commTimeoutMillis, reuseAddress, refusalMillis, security, 4, DEFAULT_POLL_MILLIS);
    }

    /** These options with accepted TCP sockets secured by {@code security} ({@code null}: plain sockets). */
    public ServerOptions withSecurity(SocketSecurity security) {
        return new ServerOptions(poolSize, poolMinSize, commTimeoutMillis, reuseAddress, refusalMillis, security,
                preferIpVersion, pollMillis);
    }

    /** These options with another COMMTIMEOUT (0 for none). */
    public ServerOptions withCommTimeout(int millis) {
        return new ServerOptions(poolSize, poolMinSize, millis, reuseAddress, refusalMillis, security,
                preferIpVersion, pollMillis);
    }

    /** These options with another housekeeping period. */
    public ServerOptions withPollMillis(int millis) {
        return new ServerOptions(poolSize, poolMinSize, commTimeoutMillis, reuseAddress, refusalMillis, security,
                preferIpVersion, millis);
    }

    /**
     * The options a Pyro config asks for: THREADPOOL_SIZE, THREADPOOL_SIZE_MIN, COMMTIMEOUT, SOCK_REUSE,
     * PREFER_IP_VERSION, POLLTIMEOUT, and SSL through {@link SocketSecurities#server}.
     */
    public static ServerOptions from(PyroConfig config) {
        return from(config, SocketSecurities.server(config));
    }

    /** The options a Pyro config asks for, with {@code security} instead of what its SSL items say. */
    public static ServerOptions from(PyroConfig config, SocketSecurity security) {
        int timeout = config.commTimeoutMillis();
        int prefer = config.getInt(ConfigItem.PREFER_IP_VERSION);
        return new ServerOptions(config.getInt(ConfigItem.THREADPOOL_SIZE), config.getInt(ConfigItem.THREADPOOL_SIZE_MIN),
                timeout, config.getBoolean(ConfigItem.SOCK_REUSE),
                timeout > 0 ? Math.min(timeout, DEFAULT_REFUSAL_MILLIS) : DEFAULT_REFUSAL_MILLIS,
                security, prefer == 4 || prefer == 6 ? prefer : 0,
                (int) Math.min(Integer.MAX_VALUE, Math.round(config.getDouble(ConfigItem.POLLTIMEOUT) * 1000)));
    }
}
