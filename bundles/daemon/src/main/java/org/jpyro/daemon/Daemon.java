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
import org.jpyro.transport.MultiplexConnection;
import org.jpyro.transport.MultiplexServer;
import org.jpyro.transport.ServerOptions;
import org.jpyro.transport.SocketSecurity;
import org.jpyro.transport.SocketServer;
import org.jpyro.transport.ThreadPoolServer;

/**
 * A Pyro daemon: serves registered Java objects to Pyro4 and Pyro5 clients on one port (TCP or a Unix domain
 * socket). The SERVERTYPE config item (or {@link Builder#serverType}) chooses how: {@code thread} (the default)
 * serves each client connection on a worker of a bounded pool (THREADPOOL_SIZE; a connection that finds every
 * worker busy is refused with CONNECTFAIL "no free workers"); {@code multiplex} serves every connection on one
 * selector thread, one request at a time, the called method included (so a method must not wait for another
 * call to the same daemon), holding thousands of idle connections cheaply; it does not do SSL. Oneway calls
 * run on a separate thread unless ONEWAY_THREADED is false, with either server type. Multiplex daemons can share
 * one loop with {@link #combine(Daemon)}.
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
 * {@link #validateHandshake(Connection, Object)} to check the handshake data of new connections,
 * {@link #housekeeping()} for periodic work on the server and {@link #clientDisconnect(ClientInfo)} to learn of
 * connections that end. All methods are thread-safe.
 * <p>
 * The host to bind may be a host name, an IPv4 or IPv6 address ({@code ::1} or {@code [::1]}); host names are
 * resolved to an address of the family PREFER_IP_VERSION asks for (4, 6, or 0 for the resolver's first).
 */
public class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());

    /** The id of the daemon's own object. */
    public static final String DAEMON_OBJECT_ID = DaemonObject.ID;
    /** SERVERTYPE value: a worker thread per client connection (the default). */
    public static final String SERVERTYPE_THREAD = "thread";
    /** SERVERTYPE value: every connection on one selector thread. */
    public static final String SERVERTYPE_MULTIPLEX = "multiplex";
    /** How long a shutdown asked for from inside a remote call waits, so that call can return its answer. */
    private static final long SHUTDOWN_FROM_CALL_DELAY_MILLIS = 50;

    private final PyroConfig config;
    private final DaemonCore core;
    private final SocketServer server;
    private final MultiplexServer multiplex;
    private final String serverType;
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
        String type = (b.serverType != null ? b.serverType : config.getString(ConfigItem.SERVERTYPE)).strip();
        if (!SERVERTYPE_THREAD.equals(type) && !SERVERTYPE_MULTIPLEX.equals(type)) {
            throw new DaemonException("invalid server type '" + type + "': use " + SERVERTYPE_THREAD + " or "
                    + SERVERTYPE_MULTIPLEX);
        }
        this.serverType = type;
        if (overridesValidateHandshake(getClass())) {
            this.core = new DaemonCore(config, serializers, b.hmacKey, (c, data) -> validateHandshake(c.get(), data));
        } else {
            // the default ignores the connection: a multiplex connection needs no blocking view made for it
            this.core = new DaemonCore(config, serializers, b.hmacKey, (c, data) -> validateHandshake(null, data));
        }
        core.hooks(this::runHousekeeping, this::disconnected);
        ServerOptions options = b.securitySet ? ServerOptions.from(config, b.security) : ServerOptions.from(config);
        String host = b.host != null ? b.host : config.getString(ConfigItem.HOST);
        if (SERVERTYPE_MULTIPLEX.equals(type)) {
            if (options.security() != null) {
                throw new org.jpyro.api.CommunicationException("SSL needs SERVERTYPE thread: the multiplex server"
                        + " does not do TLS");
            }
            this.multiplex = b.unixSocket != null ? MultiplexServer.bindUnix(b.unixSocket, options, core)
                    : MultiplexServer.bind(host, b.port, options, core);
            this.server = multiplex;
        } else {
            this.multiplex = null;
            this.server = b.unixSocket != null ? ThreadPoolServer.bindUnix(b.unixSocket, options, core)
                    : ThreadPoolServer.bind(host, b.port, options, core);
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
     * Registers an object, or a class, under a generated id ({@code obj_} + 32 hex digits, like Pyro's uuid4
     * hex). See {@link #register(Object, String)}.
     *
     * @return the object's URI
     * @throws DaemonException the object or class is already registered
     */
    public PyroURI register(Object objectOrClass) {
        return register(objectOrClass, null);
    }

    /**
     * Registers an object under an id ({@code null} for a generated one). Every call is served by this one object.
     * <p>
     * A {@link Class} is served through instances the daemon creates, per its
     * {@link org.jpyro.api.Behavior @Behavior} (Pyro's {@code @behavior}): {@link org.jpyro.api.InstanceMode#SESSION
     * SESSION} (the default: one instance per client connection, closed when the connection ends if it is
     * {@link AutoCloseable}), {@link org.jpyro.api.InstanceMode#SINGLE SINGLE} (one, created on first use) or
     * {@link org.jpyro.api.InstanceMode#PERCALL PERCALL} (one per call); made by the {@code @Behavior} instance
     * creator or the no-argument constructor.
     * <p>
     * With AUTOPROXY on (the default), the registered object (for a class: any instance of exactly that class)
     * travels as a Pyro proxy to this id wherever it appears in a value serialized in this JVM: results this or
     * another daemon sends, arguments a proxy sends (see {@link org.jpyro.api.serializer.AutoProxies}).
     *
     * @return the object's URI
     * @throws DaemonException the id is taken, the object is already registered, the id is not a valid object id
     *                         (empty or containing whitespace), or a class has no no-argument constructor
     */
    public PyroURI register(Object objectOrClass, String objectId) {
        return add(objectOrClass, objectId, false, null, null);
    }

    /**
     * Registers a class with an explicit instance mode and creator (Pyro's {@code instance_creator}), which take
     * precedence over its {@link org.jpyro.api.Behavior @Behavior}.
     *
     * @param objectId {@code null} for a generated id
     * @param mode     {@code null} for the class's {@code @Behavior} mode (SESSION without one)
     * @param creator  gets the class, returns a new instance of it; {@code null} for the {@code @Behavior} creator
     *                 or the no-argument constructor
     * @return the class's URI
     * @throws DaemonException the id or class is already registered, or there is no way to create instances
     */
    public PyroURI register(Class<?> type, String objectId, org.jpyro.api.InstanceMode mode,
                            java.util.function.Function<? super Class<?>, ?> creator) {
        return add(type, objectId, false, mode, creator);
    }

    /**
     * Registers an object (or class) without keeping it alive (Pyro5's {@code register(..., weak=True)}): once
     * nothing else references it, it is collected and its id silently disappears (calls then get "unknown
     * object"). Otherwise as {@link #register(Object, String)}.
     */
    public PyroURI registerWeak(Object objectOrClass, String objectId) {
        return add(objectOrClass, objectId, true, null, null);
    }

    private PyroURI add(Object objectOrClass, String objectId, boolean weak, org.jpyro.api.InstanceMode mode,
                        java.util.function.Function<? super Class<?>, ?> creator) {
        if (objectOrClass == null) {
            throw new IllegalArgumentException("object to register is null");
        }
        String id = objectId == null || objectId.isEmpty() ? "obj_" + UUID.randomUUID().toString().replace("-", "") : objectId;
        for (int i = 0; i < id.length(); i++) {
            if (Character.isWhitespace(id.charAt(i))) {
                throw new DaemonException("invalid object id (whitespace): '" + id + "'");
            }
        }
        org.jpyro.daemon.impl.Registration r = core.objects().add(id, objectOrClass, weak, mode, creator);
        PyroURI uri = uriFor(id);
        if (config.getBoolean(ConfigItem.AUTOPROXY)) {
            org.jpyro.daemon.impl.Metadata md = org.jpyro.daemon.impl.ExposedClass.of(r.servedClass()).metadata();
            org.jpyro.api.ProxyState state = new org.jpyro.api.ProxyState(uri, md.oneway(), md.methods(), md.attrs(),
                    "hello", null, config.getDouble(ConfigItem.COMMTIMEOUT), null, config.getInt(ConfigItem.MAX_RETRIES));
            java.util.function.Supplier<org.jpyro.api.ProxyState> live = () -> closed.get() ? null : state;
            r.attachAutoProxy(objectOrClass instanceof Class
                    ? org.jpyro.api.serializer.AutoProxies.registerClass((Class<?>) objectOrClass, live)
                    : org.jpyro.api.serializer.AutoProxies.registerObject(objectOrClass, weak, live));
            if (core.objects().registration(id) != r) {
                r.release(); // unregistered meanwhile
            }
        }
        return uri;
    }

    /** Unregisters what is registered under this id; unknown ids and {@code Pyro.Daemon} are ignored. */
    public void unregister(String objectId) {
        if (objectId != null && !DAEMON_OBJECT_ID.equals(objectId)) {
            core.objects().remove(objectId);
        }
    }

    /**
     * Unregisters an object or class (or, given a String, the id). Instances already created for a class are
     * not closed here: SESSION instances still end with their connections.
     *
     * @throws DaemonException the object is not registered
     */
    public void unregister(Object objectOrClass) {
        if (objectOrClass instanceof String) {
            unregister((String) objectOrClass);
            return;
        }
        String id = core.objects().idOf(objectOrClass);
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
     * The URI of a registered object or class.
     *
     * @throws DaemonException it is not registered in this daemon
     */
    public PyroURI uriFor(Object objectOrClass) {
        if (objectOrClass instanceof String) {
            return uriFor((String) objectOrClass);
        }
        String id = core.objects().idOf(objectOrClass);
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

    /** The server type: {@value #SERVERTYPE_THREAD} or {@value #SERVERTYPE_MULTIPLEX}. */
    public String serverType() {
        return serverType;
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
            if (closed.get() && multiplex != null) {
                // shut down from inside a call: the loop finishes that call, then closes its sockets
                multiplex.awaitStopped(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.DEBUG, "daemon {0} exits requestloop", location);
    }

    /**
     * Lets this daemon's loop also serve {@code other} (Pyro's {@code combine}): run this daemon's
     * {@link #requestLoop()} (or {@link #start()}) and both are served by one selector thread, each with its
     * own objects, handshake and hooks. Only for multiplex daemons; {@code other} must not have been started.
     * Shutting this daemon down stops serving {@code other} as well (close it too to release its resources).
     *
     * @throws DaemonException either daemon is not a multiplex daemon, or {@code other} was started or closed
     */
    public void combine(Daemon other) {
        if (multiplex == null || other.multiplex == null) {
            throw new DaemonException("combine needs SERVERTYPE " + SERVERTYPE_MULTIPLEX + " on both daemons");
        }
        try {
            multiplex.combine(other.multiplex);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new DaemonException(e.getMessage());
        }
    }

    /**
     * Stops the daemon: no new connections, open ones closed, {@link #requestLoop()} returns. Any thread; from
     * inside a remote call of a thread daemon the stop happens a moment later on another thread, so the call can
     * still return its answer (as in Pyro).
     */
    public void shutdown() {
        if (multiplex == null && org.jpyro.daemon.impl.CallContext.version() != null && !closed.get()) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(SHUTDOWN_FROM_CALL_DELAY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                close();
            }, "jpyro-shutdown " + location);
            t.setDaemon(true);
            t.start();
            return;
        }
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

    /**
     * Periodic work (Pyro's {@code housekeeping}): called every POLLTIMEOUT seconds while the daemon serves, on
     * the server's loop thread (multiplex) or timer thread (thread). Keep it short: on a multiplex daemon no
     * request is served while it runs. Exceptions are logged. The default does nothing.
     */
    protected void housekeeping() {
    }

    /**
     * Called when a client connection ends, for whatever reason (the client closed it, a timeout, a bad frame,
     * the daemon shutting down), after the connection's item streams were closed (Pyro's
     * {@code clientDisconnect}). Runs on the connection's worker (thread) or the loop (multiplex); exceptions are
     * logged. The default does nothing.
     */
    protected void clientDisconnect(ClientInfo client) {
    }

    private void runHousekeeping() {
        if (!closed.get()) {
            housekeeping();
        }
    }

    private void disconnected(Connection connection, MultiplexConnection link) {
        if (link != null) {
            clientDisconnect(new ClientInfo(link.remoteAddress(), link.toString()));
        } else if (connection != null) {
            clientDisconnect(new ClientInfo(connection.remoteAddress(), connection.toString()));
        }
    }

    private static boolean overridesValidateHandshake(Class<?> type) {
        for (Class<?> c = type; c != null && c != Daemon.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("validateHandshake", Connection.class, Object.class);
                return true;
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return false;
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
        private String serverType;

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

        /**
         * The server type, {@value Daemon#SERVERTYPE_THREAD} or {@value Daemon#SERVERTYPE_MULTIPLEX} (default:
         * config SERVERTYPE).
         */
        public Builder serverType(String serverType) {
            this.serverType = serverType;
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
