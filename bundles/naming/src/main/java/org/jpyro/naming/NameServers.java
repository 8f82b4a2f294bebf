package org.jpyro.naming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.NamingException;
import org.jpyro.daemon.Daemon;
import org.jpyro.naming.impl.AutoCleaner;
import org.jpyro.naming.impl.EmbeddedStorage;
import org.jpyro.naming.impl.JdbcStorage;
import org.jpyro.naming.impl.MemoryStorage;

/**
 * Starts name servers: {@code NameServers.start("127.0.0.1", 0)} for a quick one, {@link #builder()} for all
 * options. The daemon serves Pyro4 and Pyro5 clients; the broadcast responder is started unless disabled, bound
 * to a loopback address, to IPv6 or to a Unix socket (as Pyro does).
 */
public final class NameServers {
    private NameServers() {
    }

    /** A name server on that host and port (0 = any free port), without broadcast responder. */
    public static NameServerHandle start(String host, int port) {
        return builder().host(host).port(port).broadcast(false).start();
    }

    /** A fresh volatile in-memory store. */
    public static NameServerStorage memoryStorage() {
        return new MemoryStorage();
    }

    /**
     * The embedded persistent store in that file (created when missing): one name server per file; every
     * acknowledged change is on disk. Needs H2 (the {@code com.h2database:h2} jar / bundle).
     */
    public static NameServerStorage embeddedStorage(Path file) {
        try {
            return EmbeddedStorage.open(file);
        } catch (NoClassDefFoundError e) {
            throw missingLibrary("the embedded store needs H2 (com.h2database:h2)", e);
        }
    }

    /**
     * A store in a database shared by several name servers, e.g.
     * {@code jdbc:postgresql://db:5432/pyro?user=ns&password=...}; the table is created when missing. Needs
     * HikariCP and the database's JDBC driver (PostgreSQL: {@code org.postgresql:postgresql}).
     */
    public static NameServerStorage jdbcStorage(String jdbcUrl) {
        try {
            return JdbcStorage.open(jdbcUrl, 10);
        } catch (NoClassDefFoundError e) {
            throw missingLibrary("the JDBC store needs HikariCP (com.zaxxer:HikariCP) and, for PostgreSQL, its"
                    + " driver (org.postgresql:postgresql)", e);
        }
    }

    private static NamingException missingLibrary(String what, NoClassDefFoundError e) {
        return new NamingException(what + " on the class path or installed as bundles; missing: " + e.getMessage(), e);
    }

    /**
     * The store named as on the {@code ns -s} command line: {@code memory}, {@code embedded:PATH} (Pyro's
     * {@code sql:PATH} and {@code dbm:PATH} are accepted as aliases, but the file is jpyro's own format, not
     * Pyro's sqlite or dbm file) or a JDBC URL {@code jdbc:...}.
     *
     * @throws IllegalArgumentException "invalid storage type '...'" as Pyro says
     */
    public static NameServerStorage storage(String spec) {
        if (spec == null || spec.isEmpty() || spec.equals("memory")) {
            return memoryStorage();
        }
        for (String prefix : new String[] {"embedded:", "sql:", "dbm:"}) {
            if (spec.startsWith(prefix) && spec.length() > prefix.length()) {
                return embeddedStorage(Path.of(spec.substring(prefix.length())));
            }
        }
        if (spec.startsWith("jdbc:") && spec.length() > 5) {
            return jdbcStorage(spec);
        }
        throw new IllegalArgumentException("invalid storage type '" + spec
                + "' (use memory, embedded:PATH or jdbc:URL)");
    }

    /** Settings for a name server. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings for {@link NameServers#builder()}; anything not set comes from the config. */
    public static final class Builder {
        private String host;
        private Integer port;
        private String unixSocket;
        private String natHost;
        private Integer natPort;
        private boolean broadcast = true;
        private String bcHost;
        private Integer bcPort;
        private PyroConfig config;
        private NameServerStorage storage;
        private Duration autoClean;
        private Duration autoCleanGrace = AutoCleaner.PYRO_GRACE;

        Builder() {
        }

        /** Host to bind (default: config HOST). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** TCP port (default: config NS_PORT, 9090); 0 = any free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Listen on a Unix domain socket instead of TCP. */
        public Builder unixSocket(String path) {
            this.unixSocket = path;
            return this;
        }

        /** External host published in URIs. */
        public Builder natHost(String natHost) {
            this.natHost = natHost;
            return this;
        }

        /** External port published with the NAT host. */
        public Builder natPort(int natPort) {
            this.natPort = natPort;
            return this;
        }

        /** Whether to start the broadcast responder (default true; never for loopback, IPv6, Unix sockets). */
        public Builder broadcast(boolean enable) {
            this.broadcast = enable;
            return this;
        }

        /** Broadcast responder bind host (default: config NS_BCHOST, all interfaces). */
        public Builder bcHost(String bcHost) {
            this.bcHost = bcHost;
            return this;
        }

        /** Broadcast responder UDP port (default: config NS_BCPORT, 9091; 0 = any). */
        public Builder bcPort(int bcPort) {
            this.bcPort = bcPort;
            return this;
        }

        /** Configuration (default: {@link PyroConfig#fromEnvironment()}). */
        public Builder config(PyroConfig config) {
            this.config = config;
            return this;
        }

        /** The store (default: in memory). */
        public Builder storage(NameServerStorage storage) {
            this.storage = storage;
            return this;
        }

        /**
         * Auto-clean every {@code interval} (default: config NS_AUTOCLEAN seconds, 0 = off; Pyro refuses less than
         * 3 seconds in the config, this method does not), removing names unreachable for {@code grace} (Pyro: 20 s).
         */
        public Builder autoClean(Duration interval, Duration grace) {
            this.autoClean = interval;
            this.autoCleanGrace = grace;
            return this;
        }

        /** Binds, registers the name server, starts serving (and the responder) and returns the handle. */
        public NameServerHandle start() {
            PyroConfig cfg = config != null ? config : PyroConfig.fromEnvironment();
            Daemon.Builder db = Daemon.builder().config(cfg);
            if (unixSocket != null && !unixSocket.isEmpty()) {
                db.unixSocket(unixSocket);
            } else {
                db.host(host != null ? host : cfg.getString(ConfigItem.HOST));
                db.port(port != null ? port : cfg.getInt(ConfigItem.NS_PORT));
            }
            if (natHost != null) {
                db.natHost(natHost);
            }
            if (natPort != null) {
                db.natPort(natPort);
            }
            Duration cleanEvery = autoClean;
            if (cleanEvery == null) {
                double seconds = cfg.getDouble(ConfigItem.NS_AUTOCLEAN);
                if (seconds > 0 && seconds < AutoCleaner.MIN_INTERVAL_SECONDS) {
                    throw new IllegalArgumentException("NS_AUTOCLEAN cannot be smaller than "
                            + (int) AutoCleaner.MIN_INTERVAL_SECONDS);
                }
                cleanEvery = seconds > 0 ? Duration.ofMillis((long) (seconds * 1000)) : Duration.ZERO;
            }
            Daemon daemon = db.build();
            NameServer ns = new NameServer(storage != null ? storage : new MemoryStorage(),
                    cfg.protocolVersion() == null ? ProtocolVersion.PYRO5 : cfg.protocolVersion());
            BroadcastResponder responder = null;
            AutoCleaner cleaner = null;
            try {
                daemon.register(ns, NameServer.NAMESERVER_NAME);
                ns.registerSelf(daemon.uriFor(NameServer.NAMESERVER_NAME));
                NameServerHandle probe = new NameServerHandle(daemon, ns, null, null);
                if (broadcast && wantsBroadcast(probe)) {
                    responder = BroadcastResponder.start(probe.internalUri(),
                            bcHost != null ? bcHost : cfg.getString(ConfigItem.NS_BCHOST),
                            bcPort != null ? bcPort : cfg.getInt(ConfigItem.NS_BCPORT));
                }
                if (!cleanEvery.isZero() && !cleanEvery.isNegative()) {
                    double commTimeout = cfg.getDouble(ConfigItem.COMMTIMEOUT);
                    cleaner = AutoCleaner.start(ns, cleanEvery, autoCleanGrace,
                            commTimeout > 0 ? Duration.ofMillis((long) (commTimeout * 1000)) : Duration.ofSeconds(5));
                }
                daemon.start();
                return new NameServerHandle(daemon, ns, responder, cleaner);
            } catch (IOException e) {
                daemon.close();
                throw new UncheckedIOException("cannot start the broadcast responder: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (cleaner != null) {
                    cleaner.close();
                }
                if (responder != null) {
                    responder.close();
                }
                daemon.close();
                throw e;
            }
        }

        private boolean wantsBroadcast(NameServerHandle probe) {
            if (unixSocket != null && !unixSocket.isEmpty()) {
                return false;
            }
            String boundHost = probe.internalUri().host();
            return !boundHost.contains(":") && !boundHost.startsWith("127.");
        }
    }
}
