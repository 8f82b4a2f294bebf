package org.jpyro.naming.impl;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jpyro.api.PyroURI;
import org.jpyro.naming.NameServer;
import org.jpyro.naming.Registration;

/**
 * NS_AUTOCLEAN: every {@code interval} checks that each registered object's daemon still accepts connections (a
 * TCP or Unix socket connect, as Pyro does; no Pyro call) and removes a name once its daemon has been unreachable
 * for the grace period (Pyro: 20 seconds), logging each removal. Skips the name server's own entry and URIs
 * without a location ({@code PYRONAME:}, {@code PYROMETA:}). A name registered again meanwhile is kept.
 * Runs on one daemon thread; {@link #close()} stops it.
 */
public final class AutoCleaner implements AutoCloseable {
    /** Smallest NS_AUTOCLEAN Pyro accepts (seconds). */
    public static final double MIN_INTERVAL_SECONDS = 3;
    /** Pyro's grace period: how long a registration may be unreachable before it is removed. */
    public static final Duration PYRO_GRACE = Duration.ofSeconds(20);

    private static final System.Logger LOG = System.getLogger(AutoCleaner.class.getName());

    private final NameServer nameServer;
    private final Duration grace;
    private final int connectTimeoutMillis;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    /** Name to the time (clock nanos) it was first found unreachable; touched only by the timer thread. */
    private final Map<String, Long> unreachableSince = new HashMap<>();

    private AutoCleaner(NameServer nameServer, Duration grace, Duration connectTimeout, LongSupplier clock) {
        this.nameServer = nameServer;
        this.grace = grace;
        this.connectTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jpyro-ns-autoclean");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts cleaning.
     *
     * @param interval       time between two sweeps (Pyro's NS_AUTOCLEAN)
     * @param grace          how long a name may stay unreachable ({@link #PYRO_GRACE} in Pyro)
     * @param connectTimeout how long one connection attempt may take (Pyro: COMMTIMEOUT, or 5 seconds)
     */
    public static AutoCleaner start(NameServer nameServer, Duration interval, Duration grace, Duration connectTimeout) {
        AutoCleaner cleaner = new AutoCleaner(nameServer, grace, connectTimeout, System::nanoTime);
        long period = Math.max(1, interval.toMillis());
        cleaner.timer.scheduleWithFixedDelay(cleaner::sweepSafely, period, period, TimeUnit.MILLISECONDS);
        LOG.log(Level.DEBUG, "autoclean enabled: every {0} ms, grace {1} ms", period, grace.toMillis());
        return cleaner;
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "autoclean: sweep failed: " + e, e);
        }
    }

    /** One pass over all registrations; returns how many were removed. */
    int sweep() {
        Map<String, Registration> all = nameServer.storage().everything();
        unreachableSince.keySet().retainAll(all.keySet());
        int removed = 0;
        for (Map.Entry<String, Registration> e : all.entrySet()) {
            String name = e.getKey();
            if (NameServer.NAMESERVER_NAME.equals(name) || "Pyro.Daemon".equals(name)) {
                continue;
            }
            String uri = e.getValue().uri();
            Boolean reachable = reachable(uri);
            if (reachable == null || reachable) {
                unreachableSince.remove(name);
                continue;
            }
            long now = clock.getAsLong();
            long since = unreachableSince.computeIfAbsent(name, n -> now);
            if (now - since >= grace.toNanos()) {
                unreachableSince.remove(name);
                if (nameServer.removeIfUnchanged(name, uri)) {
                    removed++;
                    LOG.log(Level.INFO, "autoclean: unregistering {0}; cannot connect uri {1} for {2} sec", name,
                            uri, grace.toSeconds());
                }
            }
        }
        if (!unreachableSince.isEmpty()) {
            LOG.log(Level.DEBUG, "autoclean: {0}/{1} names currently unreachable", unreachableSince.size(), all.size());
        }
        return removed;
    }

    /** Whether the URI's daemon accepts a connection; {@code null} for URIs without a location. */
    private Boolean reachable(String uriText) {
        PyroURI uri;
        try {
            uri = PyroURI.parse(uriText);
        } catch (RuntimeException e) {
            return null;
        }
        if (!"PYRO".equalsIgnoreCase(uri.protocol())) {
            return null;
        }
        if (uri.isUnixSocket()) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(uri.sockname()));
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.host(), uri.port()), connectTimeoutMillis);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(connectTimeoutMillis + 1000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
