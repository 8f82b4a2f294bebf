package org.jpyro.transport;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;

/**
 * How a {@link ThreadPoolServer} runs.
 *
 * @param poolSize          maximum number of worker threads, i.e. of concurrently served connections
 *                          (THREADPOOL_SIZE)
 * @param poolMinSize       workers started up front and kept while idle (THREADPOOL_SIZE_MIN)
 * @param commTimeoutMillis read timeout on accepted TCP sockets, 0 for none (COMMTIMEOUT)
 * @param reuseAddress      SO_REUSEADDR on the listening TCP socket (SOCK_REUSE)
 * @param refusalMillis     how long a refused connection may take to send its first frame before it is closed
 * @param security          secures accepted TCP sockets (TLS), {@code null} for plain sockets
 */
public record ServerOptions(int poolSize, int poolMinSize, int commTimeoutMillis, boolean reuseAddress,
                            int refusalMillis, SocketSecurity security) {

    /** Default deadline for answering a connection that gets no worker. */
    public static final int DEFAULT_REFUSAL_MILLIS = 3000;

    public ServerOptions {
        if (poolSize < 1) {
            throw new IllegalArgumentException("threadpool size must be at least 1, got " + poolSize);
        }
        poolMinSize = Math.max(0, Math.min(poolMinSize, poolSize));
        commTimeoutMillis = Math.max(0, commTimeoutMillis);
        refusalMillis = refusalMillis <= 0 ? DEFAULT_REFUSAL_MILLIS : refusalMillis;
    }

    /** Options for plain (unsecured) sockets. */
    public ServerOptions(int poolSize, int poolMinSize, int commTimeoutMillis, boolean reuseAddress, int refusalMillis) {
        this(poolSize, poolMinSize, commTimeoutMillis, reuseAddress, refusalMillis, null);
    }

    /** These options with accepted TCP sockets secured by {@code security} ({@code null}: plain sockets). */
    public ServerOptions withSecurity(SocketSecurity security) {
        return new ServerOptions(poolSize, poolMinSize, commTimeoutMillis, reuseAddress, refusalMillis, security);
    }

    /**
     * The options a Pyro config asks for: THREADPOOL_SIZE, THREADPOOL_SIZE_MIN, COMMTIMEOUT, SOCK_REUSE, and SSL
     * through {@link SocketSecurities#server}.
     */
    public static ServerOptions from(PyroConfig config) {
        int timeout = config.commTimeoutMillis();
        return new ServerOptions(config.getInt(ConfigItem.THREADPOOL_SIZE), config.getInt(ConfigItem.THREADPOOL_SIZE_MIN),
                timeout, config.getBoolean(ConfigItem.SOCK_REUSE),
                timeout > 0 ? Math.min(timeout, DEFAULT_REFUSAL_MILLIS) : DEFAULT_REFUSAL_MILLIS,
                SocketSecurities.server(config));
    }
}
