package org.jpyro.daemon;

import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.DaemonException;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.daemon.impl.DaemonCore;
import org.jpyro.daemon.impl.DaemonObject;
import org.jpyro.transport.Connection;
import org.jpyro.transport.ServerOptions;
import org.jpyro.transport.SocketSecurity;
import org.jpyro.transport.ThreadPoolServer;

/**
 * A Pyro daemon: serves registered Java objects to Pyro4 and Pyro5 clients on one port (TCP or a Unix domain
 * socket), with Pyro's thread-pool server semantics (one worker per client connection).
 * <pre>{@code
 * try (Daemon daemon = new Daemon("localhost", 9999)) {
 *     PyroURI uri = daemon.register(new Calculator(), "example.calculator");
 *     System.out.println(uri);
 *     daemon.requestLoop();
 * }
 * }</pre>
 * Only {@link org.jpyro.api.Expose @Expose} members of registered objects are callable; the daemon's own
 * object is registered as {@code Pyro.Daemon}. The socket is bound by the constructor (so URIs are known at
 * once); serving starts with {@link #start()} or {@link #requestLoop()}. Override
 * {@link #validateHandshake(Connection, Object)} to check the handshake data of new connections.
 * All methods are thread-safe.
 */
public class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    /** The id of the daemon's own object. */
    public static final String DAEMON_OBJECT_ID = DaemonObject.ID;

    private final PyroConfig config;
    private final DaemonCore core;
    private final ThreadPoolServer server;
    private final String location;
    private final String natHost;
    private final int natPort;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A daemon on the configured HOST (from {@link PyroConfig#fromEnvironment()}), on any free port. */
    public Daemon() {
        this(builder());
    }

    /** A daemon on that host and port (0 = any free port), configured from the environment. */
    public Daemon(String host, int port) {
        this(builder().host(host).port(port));
    }

    /** A daemon as the builder describes; for subclasses (e.g. to override {@link #validateHandshake}). */
    protected Daemon(Builder b) {
        this.config = b.config != null ? b.config : PyroConfig.fromEnvironment();
        SerializerRegistry serializers = b.serializers != null ? b.serializers : SerializerRegistry.defaultRegistry();
        String nat = b.natHost != null ? b.natHost : config.getString(ConfigItem.NATHOST);
        int natPortGiven = b.natPort != null ? b.natPort : config.getInt(ConfigItem.NATPORT);
        if (nat != null && nat.isBlank()) {
            nat = null;
        }
        if (nat != null && b.unixSocket != null) {
            throw new DaemonException("cannot use a NAT host together with a unix socket");
        }
        this.core = new DaemonCore(config, serializers, b.hmacKey, this::validateHandshake);
        ServerOptions options = ServerOptions.from(config);
        if (b.securitySet) {
            options = options.withSecurity(b.security);
        }
        if (b.unixSocket != null) {
            this.server = ThreadPoolServer.bindUnix(b.unixSocket, options, core);
        } else {
            String host = b.host != null ? b.host : config.getString(ConfigItem.HOST);
            this.server = ThreadPoolServer.bind(host, b.port, options, core);
        }
        this.location = server.location();
        this.natHost = nat;
        this.natPort = nat == null ? 0 : (natPortGiven > 0 ? natPortGiven : server.port());
        core.attach(server, location, natLocationStr());
        LOG.log(Level.DEBUG, "daemon created on {0}", location);
    }

    /** A builder for daemons with other settings. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ objects

    /**
     * Registers an object under a generated id ({@code obj_} + 32 hex digits, like Pyro's uuid4 hex).
     *
     * @return the object's URI
     * @throws DaemonException the object is already registered
     */
    public PyroURI register(Object object) {
        return register(object, null);
    }

    /**
     * Registers an object under an id ({@code null} for a generated one).
     *
     * @return the object's URI
     * @throws DaemonException the id is taken, the object is already registered, or the id is not a valid
     *                         object id (empty or containing whitespace)
     */
    public PyroURI register(Object object, String objectId) {
        if (object == null) {
            throw new IllegalArgumentException("object to register is null");
        }
        String id = objectId == null || objectId.isEmpty() ? "obj_" + UUID.randomUUID().toString().replace("-", "") : objectId;
        for (int i = 0; i < id.length(); i++) {
            if (Character.isWhitespace(id.charAt(i))) {
                throw new DaemonException("invalid object id (whitespace): '" + id + "'");
            }
        }
        core.objects().add(id, object);
        return uriFor(id);
    }

    /** Unregisters the object with this id; unknown ids and {@code Pyro.Daemon} are ignored. */
    public void unregister(String objectId) {
        if (objectId != null && !DAEMON_OBJECT_ID.equals(objectId)) {
            core.objects().remove(objectId);
        }
    }

    /**
     * Unregisters an object.
     *
     * @throws DaemonException the object is not registered
     */
    public void unregister(Object object) {
        if (object instanceof String) {
            unregister((String) object);
            return;
        }
        String id = core.objects().idOf(object);
        if (id == null) {
            throw new DaemonException("object isn't registered");
        }
        unregister(id);
    }

    /** The URI of an object id on this daemon (the NAT location if one is set); the id need not be registered. */
    public PyroURI uriFor(String objectId) {
        if (server.unixSocketPath() != null) {
            return PyroURI.unix(objectId, server.unixSocketPath());
        }
        if (natHost != null) {
            return PyroURI.of(objectId, natHost, natPort);
        }
        return PyroURI.parse("PYRO:" + objectId + "@" + location);
    }

    /**
     * The URI of a registered object.
     *
     * @throws DaemonException the object is not registered in this daemon
     */
    public PyroURI uriFor(Object object) {
        if (object instanceof String) {
            return uriFor((String) object);
        }
        String id = core.objects().idOf(object);
        if (id == null) {
            throw new DaemonException("object isn't registered in this daemon");
        }
        return uriFor(id);
    }

    /** The ids of all registered objects, {@code Pyro.Daemon} included, in registration order. */
    public Set<String> registered() {
        return new LinkedHashSet<>(core.objects().ids());
    }

    // ------------------------------------------------------------------ location

    /** Where the daemon listens: {@code 127.0.0.1:40123}, {@code [::1]:40123} or {@code ./u:/path}. */
    public String locationStr() {
        return location;
    }

    /** The NAT location URIs carry, or {@code null} when no NAT host is set. */
    public String natLocationStr() {
        if (natHost == null) {
            return null;
        }
        return (natHost.indexOf(':') >= 0 ? "[" + natHost + "]" : natHost) + ":" + natPort;
    }

    /** The URI of the daemon's own object, {@code PYRO:Pyro.Daemon@location}. */
    public PyroURI uri() {
        return uriFor(DAEMON_OBJECT_ID);
    }

    /** The configuration this daemon runs with. */
    public PyroConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts serving in background threads and returns at once. Idempotent.
     *
     * @throws DaemonException the daemon was closed
     */
    public Daemon start() {
        if (closed.get()) {
            throw new DaemonException("daemon is closed");
        }
        server.start();
        return this;
    }

    /** Serves (starting if needed) until {@link #shutdown()} or {@link #close()} is called. */
    public void requestLoop() {
        requestLoop(() -> true);
    }

    /**
     * Serves (starting if needed) until {@link #shutdown()} or {@link #close()}, or until the condition turns
     * false; it is checked at least every POLLTIMEOUT seconds. When the condition ends the loop, the daemon
     * keeps serving in the background until closed.
     */
    public void requestLoop(BooleanSupplier loopCondition) {
        start();
        LOG.log(Level.INFO, "daemon {0} entering requestloop", location);
        long pollMillis = Math.max(10, Math.round(config.getDouble(ConfigItem.POLLTIMEOUT) * 1000));
        try {
            while (loopCondition.getAsBoolean()) {
                if (shutdown.await(pollMillis, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.DEBUG, "daemon {0} exits requestloop", location);
    }

    /** Stops the daemon: no new connections, open ones closed, {@link #requestLoop()} returns. Any thread. */
    public void shutdown() {
        close();
    }

    /** Same as {@link #shutdown()}. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.DEBUG, "daemon {0} shutting down", location);
        try {
            server.close();
        } finally {
            core.close();
            shutdown.countDown();
        }
    }

    /** Whether the daemon was shut down. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Checks the handshake data a new connection sent (Python's {@code Daemon.validateHandshake}) and returns
     * the handshake response; throw any exception to refuse the connection, its message becomes the
     * CONNECTFAIL reason. The default accepts everything and answers {@code "hello"}.
     *
     * @param connection the client's connection (its socket, peer address...)
     * @param data       the handshake data the client sent
     */
    protected Object validateHandshake(Connection connection, Object data) throws Exception {
        return "hello";
    }

    @Override
    public String toString() {
        return "<Pyro daemon on " + location + (natHost == null ? "" : ", NAT " + natLocationStr()) + ">";
    }

    /** Settings for {@link Daemon#builder()}: anything not set comes from the config. */
    public static final class Builder {
        private String host;
        private int port;
        private String unixSocket;
        private PyroConfig config;
        private String natHost;
        private Integer natPort;
        private SerializerRegistry serializers;
        private byte[] hmacKey;
        private SocketSecurity security;
        private boolean securitySet;

        private Builder() {
        }

        /** Host name or address to bind (default: config HOST). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** TCP port, 0 (default) for any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("invalid port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Listen on a Unix domain socket at this path instead of TCP. */
        public Builder unixSocket(String path) {
            this.unixSocket = path;
            return this;
        }

        /** The configuration (default: {@link PyroConfig#fromEnvironment()}). */
        public Builder config(PyroConfig config) {
            this.config = config;
            return this;
        }

        /** Host to publish in URIs instead of the bound one (default: config NATHOST). */
        public Builder natHost(String natHost) {
            this.natHost = natHost;
            return this;
        }

        /** Port to publish with the NAT host; 0 = the bound port (default: config NATPORT). */
        public Builder natPort(int natPort) {
            this.natPort = natPort;
            return this;
        }

        /** The serializers to use (default: {@link SerializerRegistry#defaultRegistry()}). */
        public Builder serializers(SerializerRegistry serializers) {
            this.serializers = serializers;
            return this;
        }

        /** Pyro4 HMAC key: Pyro4 frames must carry an HMAC with this key, replies get one. */
        public Builder hmacKey(byte[] key) {
            this.hmacKey = key == null ? null : key.clone();
            return this;
        }

        /**
         * Secures accepted TCP connections with {@code security} (e.g. TLS from the ssl bundle's
         * {@code SslSecurity}), or serves plain sockets when {@code null}, whatever the config's SSL item says.
         */
        public Builder socketSecurity(SocketSecurity security) {
            this.security = security;
            this.securitySet = true;
            return this;
        }

        /**
         * Binds the daemon.
         *
         * @throws PyroException the socket cannot be bound, or the settings contradict each other
         */
        public Daemon build() {
            return new Daemon(this);
        }
    }
}
