package org.jpyro.daemon.impl;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.DaemonException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.protocol.WireOptions;
import org.jpyro.transport.Connection;
import org.jpyro.transport.ConnectionHandler;
import org.jpyro.transport.FrameReceiver;
import org.jpyro.transport.MultiplexConnection;
import org.jpyro.transport.MultiplexHandler;

/**
 * Everything the connections of one daemon share: configuration, serializers, the object registry, item
 * streams, the oneway executor and the handshake hook. As the {@link ConnectionHandler} of a thread server it
 * runs a {@link ClientSession} per connection on that connection's worker; as the {@link MultiplexHandler} of a
 * multiplex server it makes a {@link ClientSession} the {@link FrameReceiver} of each connection. Either server
 * calls {@link #housekeeping()} periodically.
 */
public final class DaemonCore implements ConnectionHandler, MultiplexHandler {
    private static final System.Logger LOG = System.getLogger(DaemonCore.class.getName());
    private static final Set<String> NEVER_ON_PYRO5 = Set.of("pickle", "dill", "cloudpickle");

    /** The daemon's handshake check: returns the handshake response or throws to refuse the connection. */
    @FunctionalInterface
    public interface HandshakeValidator {
        /**
         * @param connection the client's connection, made on demand (on the multiplex server getting it
         *                   allocates a blocking view of the connection)
         */
        Object validate(Supplier<Connection> connection, Object data) throws Exception;
    }

    private final PyroConfig config;
    private final SerializerRegistry serializers;
    private final WireOptions wireOptions;
    private final Set<String> pyro4Accepted;
    private final boolean iterStreaming;
    private final HandshakeValidator validator;
    private final ObjectRegistry objects = new ObjectRegistry();
    private final ItemStreams streams = new ItemStreams();
    private final ThreadPoolExecutor onewayExecutor;
    private final boolean onewayThreaded;
    private volatile Runnable housekeeper = () -> { };
    private volatile BiConsumer<Connection, MultiplexConnection> disconnectListener = (c, m) -> { };
    private volatile String location = "?";
    private volatile String natLocation;
    private volatile Object server;

    public DaemonCore(PyroConfig config, SerializerRegistry serializers, byte[] hmacKey, HandshakeValidator validator) {
        this.config = config;
        this.serializers = serializers;
        this.validator = validator;
        this.wireOptions = new WireOptions(config.maxMessageSize(), config.getBoolean(ConfigItem.COMPRESSION),
                hmacKey == null || hmacKey.length == 0 ? null : hmacKey.clone());
        Set<String> accepted = config.getStringSet(ConfigItem.SERIALIZERS_ACCEPTED);
        if (accepted.equals(ConfigItem.SERIALIZERS_ACCEPTED.defaultValue(config.protocolVersion()))) {
            // not configured: Pyro4 clients get Pyro4's own default whitelist
            @SuppressWarnings("unchecked")
            Set<String> pyro4Default = (Set<String>) ConfigItem.SERIALIZERS_ACCEPTED.defaultValue(ProtocolVersion.PYRO4);
            accepted = pyro4Default;
        }
        this.pyro4Accepted = Set.copyOf(accepted);
        if (pyro4Accepted.contains("pickle")) {
            // Pyro5 clients never get pickle; Pyro4 clients only because the configuration says so
            LOG.log(Level.WARNING, "pickle is unsafe: SERIALIZERS_ACCEPTED " + new java.util.TreeSet<>(pyro4Accepted)
                    + " lets any Pyro4 client that can reach this daemon run code in it; accept pickle only on"
                    + " trusted networks");
        }
        this.iterStreaming = config.getBoolean(ConfigItem.ITER_STREAMING);
        this.onewayThreaded = config.getBoolean(ConfigItem.ONEWAY_THREADED);
        AtomicInteger n = new AtomicInteger();
        this.onewayExecutor = new ThreadPoolExecutor(0, Math.max(4, config.getInt(ConfigItem.THREADPOOL_SIZE)), 30,
                TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "jpyro-oneway-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        objects.add(DaemonObject.ID, new DaemonObject(this));
    }

    /** Tells the core where it is served, for {@code info()}. */
    public void attach(Object server, String location, String natLocation) {
        this.server = server;
        this.location = location;
        this.natLocation = natLocation;
    }

    public PyroConfig config() {
        return config;
    }

    public ObjectRegistry objects() {
        return objects;
    }

    public ItemStreams streams() {
        return streams;
    }

    public WireOptions wireOptions() {
        return wireOptions;
    }

    public boolean iterStreaming() {
        return iterStreaming;
    }

    /**
     * The serializer for a frame's serializer id if this daemon accepts it: installed, and for Pyro4 named in
     * SERIALIZERS_ACCEPTED, for Pyro5 anything but pickle; {@code null} otherwise.
     */
    public Serializer acceptedSerializer(ProtocolVersion version, int id) {
        Serializer s = serializers.byId(version, id);
        if (s == null) {
            return null;
        }
        if (version == ProtocolVersion.PYRO4 ? !pyro4Accepted.contains(s.name()) : NEVER_ON_PYRO5.contains(s.name())) {
            return null;
        }
        return s;
    }

    /**
     * A serializer to answer with when the request's cannot be used: the request's own if installed, else
     * marshal (as Pyro does), serpent, or any installed one; {@code null} if none is.
     */
    public Serializer replySerializer(ProtocolVersion version, int requestId) {
        Serializer s = serializers.byId(version, requestId);
        if (s != null) {
            return s;
        }
        for (String name : new String[] {"marshal", "serpent", "json"}) {
            s = serializers.byName(name);
            if (s != null && s.id(version) != Serializer.NOT_AVAILABLE) {
                return s;
            }
        }
        for (Serializer any : serializers.all()) {
            if (any.id(version) != Serializer.NOT_AVAILABLE) {
                return any;
            }
        }
        return null;
    }

    /**
     * The metadata of a registered object.
     *
     * @throws DaemonException "unknown object"
     */
    public Metadata metadata(Object objectId) {
        Object target = objectId instanceof String ? objects.get((String) objectId) : null;
        if (target == null) {
            LOG.log(Level.DEBUG, "unknown object requested: {0}", objectId);
            throw new DaemonException("unknown object");
        }
        return ExposedClass.of(objects.servedClass((String) objectId)).metadata();
    }

    /** Runs the daemon's handshake check. */
    public Object validateHandshake(Supplier<Connection> connection, Object data) throws Exception {
        return validator.validate(connection, data);
    }

    /**
     * Runs a oneway call: with ONEWAY_THREADED (the default) off the connection's thread (in the caller when
     * every oneway thread is busy), else right here, as Pyro does.
     */
    public void runOneway(Runnable call) {
        if (onewayThreaded) {
            onewayExecutor.execute(call);
        } else {
            call.run();
        }
    }

    /**
     * Sets the daemon's hooks: {@code housekeeper} runs every POLLTIMEOUT on the server, {@code disconnected}
     * when a client connection ends (with the blocking connection or the multiplex one, the other {@code null}).
     */
    public void hooks(Runnable housekeeper, BiConsumer<Connection, MultiplexConnection> disconnected) {
        this.housekeeper = housekeeper;
        this.disconnectListener = disconnected;
    }

    /** Called by the server every POLLTIMEOUT: runs the daemon's housekeeping hook. */
    @Override
    public void housekeeping() {
        housekeeper.run();
    }

    /** A session's connection ended; never throws. */
    void clientDisconnected(Connection connection, MultiplexConnection link) {
        try {
            disconnectListener.accept(connection, link);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "clientDisconnect failed for " + (link != null ? link : connection), e);
        }
    }

    /** Pyro's {@code info()} text. */
    public String info() {
        return DaemonObject.ID + " bound on " + location + ", NAT " + (natLocation == null ? "None" : natLocation)
                + ", " + objects.size() + " objects registered. Servertype: " + server;
    }

    @Override
    public void serve(Connection connection) {
        new ClientSession(this, connection).run();
    }

    @Override
    public FrameReceiver accepted(MultiplexConnection connection) {
        return new ClientSession(this, connection);
    }

    @Override
    public void refuse(Connection connection) {
        new ClientSession(this, connection).refuse("no free workers, increase server threadpool size");
    }

    /** Stops the oneway threads, drops every item stream and every registration (and its autoproxy entry). */
    public void close() {
        onewayExecutor.shutdownNow();
        streams.closeAll();
        objects.close();
    }

    /** A random (version 4) UUID from a fast non-blocking source: correlation ids need no secrecy. */
    static UUID newCorrelationId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
