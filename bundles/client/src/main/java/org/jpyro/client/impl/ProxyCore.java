package org.jpyro.client.impl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jpyro.api.CallContext;
import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.TimeoutException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;
import org.jpyro.protocol.WireOptions;
import org.jpyro.transport.Connection;
import org.jpyro.transport.Connections;
import org.jpyro.transport.SocketSecurities;
import org.jpyro.transport.SocketSecurity;

/**
 * The machinery behind one proxy: its settings, its connection(s) ({@link ConnectionSlot} with a {@link Session}),
 * the sequence counter, the remote object's {@link Metadata}, the CONNECT handshake and the INVOKE/RESULT
 * exchanges, exactly as Python's Pyro4/Pyro5 proxies perform them.
 * <p>
 * Thread-safe. A plain proxy has one connection whose lock guards each request/response exchange and every
 * change of the connection: threads sharing the proxy take turns. A pooled proxy ({@link #ProxyCore(PyroURI,
 * PyroConfig, int)}) has up to N connections, opened lazily: a call takes a free connection (preferring one
 * already open), so N threads call concurrently; a thread finding all N busy waits for one. Results are
 * deserialized after the lock is released.
 */
public final class ProxyCore {
    /** Object id of every daemon's own object. */
    public static final String DAEMON_OBJECT = "Pyro.Daemon";
    /** Pause between the tries of {@link #reconnect(int, long)}, as Python's {@code _pyroReconnect}. */
    public static final long RECONNECT_WAIT_MILLIS = 2000;

    private static final System.Logger LOG = System.getLogger(ProxyCore.class.getName());
    private static final int PING_SERIALIZER_ID = 42;
    private static final byte[] PING_PAYLOAD = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, Object> NO_KWARGS = Map.of();

    private final PyroConfig config;
    private final ConnectionSlot[] slots;
    private final Semaphore permits;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private volatile int maxRetries;

    private volatile PyroURI uri;
    private volatile ProtocolVersion version;
    private volatile String serializerName;
    private volatile Object handshake = "hello";
    private volatile byte[] hmacKey;
    private volatile Metadata metadata = Metadata.NONE;
    private volatile boolean closed;
    private volatile Object handshakeResponse;
    private volatile SocketSecurity security;
    private volatile boolean securitySet;
    private volatile int timeoutMillis;
    private volatile Consumer<Object> handshakeValidator;
    private ThreadPoolExecutor asyncExecutor;

    /** A proxy core for a uri with one connection; nothing is connected until the first use. */
    public ProxyCore(PyroURI uri, PyroConfig config) {
        this(uri, config, 1);
    }

    /**
     * A proxy core for a uri with up to {@code maxConnections} connections to the daemon, opened as concurrent
     * calls need them.
     */
    public ProxyCore(PyroURI uri, PyroConfig config, int maxConnections) {
        if (uri == null || config == null) {
            throw new IllegalArgumentException("uri and config are required");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        this.uri = uri;
        this.config = config;
        this.version = config.protocolVersion();
        this.maxRetries = Math.max(0, config.getInt(ConfigItem.MAX_RETRIES));
        this.timeoutMillis = config.commTimeoutMillis();
        this.slots = new ConnectionSlot[maxConnections];
        for (int i = 0; i < maxConnections; i++) {
            slots[i] = new ConnectionSlot(i);
        }
        this.permits = maxConnections > 1 ? new Semaphore(maxConnections, true) : null;
    }

    // ------------------------------------------------------------------ settings

    /** Takes over a received proxy's state: metadata, handshake, serializer, HMAC key. */
    public void adopt(ProxyState state) {
        metadata = new Metadata(state.methods(), state.oneway(), state.attrs());
        handshake = state.handshake();
        serializerName = state.serializer();
        hmacKey = state.hmacKey() == null ? null : state.hmacKey().clone();
    }

    public PyroURI uri() {
        return uri;
    }

    public PyroConfig config() {
        return config;
    }

    public Metadata metadata() {
        return metadata;
    }

    public ProtocolVersion version() {
        return version;
    }

    /** The most connections this proxy opens at once (1 unless pooled). */
    public int maxConnections() {
        return slots.length;
    }

    /** How many connections are open now. */
    public int openConnections() {
        int n = 0;
        for (ConnectionSlot slot : slots) {
            if (slot.session != null) {
                n++;
            }
        }
        return n;
    }

    /** The serializer name set explicitly for this proxy, or {@code null} (config {@code SERIALIZER}). */
    public String explicitSerializer() {
        return serializerName;
    }

    /** The handshake data sent on the next connect. */
    public void handshake(Object data) {
        this.handshake = data;
    }

    /**
     * Checks the daemon's handshake response of every new connection (Python's {@code _pyroValidateHandshake}):
     * throwing refuses the connection. {@code null}: accept every response.
     */
    public void handshakeValidator(Consumer<Object> validator) {
        this.handshakeValidator = validator;
    }

    /** The handshake response of the daemon on the latest connection, or {@code null} when not connected. */
    public Object handshakeResponse() {
        return handshakeResponse;
    }

    /** Number of retries of a call that failed with a closed connection or a timeout (Python's {@code _pyroMaxRetries}). */
    public void maxRetries(int retries) {
        this.maxRetries = Math.max(0, retries);
    }

    public int maxRetries() {
        return maxRetries;
    }

    /**
     * The connect, read and write timeout of the next connections in milliseconds (0: none); live connections
     * are released so the next call uses it.
     */
    public void timeoutMillis(int millis) {
        this.timeoutMillis = Math.max(0, millis);
        release();
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    /** Sets the serializer by name; a live connection using another one is released. */
    public void serializer(String name) {
        this.serializerName = name;
        dropWhere(s -> !s.serializer().name().equals(effectiveSerializerName()));
    }

    /** Sets the protocol; a live connection speaking another one is released. */
    public void protocol(ProtocolVersion v) {
        if (v == null) {
            throw new IllegalArgumentException("protocol version is required");
        }
        this.version = v;
        dropWhere(s -> s.version() != v);
    }

    private void dropWhere(Predicate<Session> test) {
        for (ConnectionSlot slot : slots) {
            slot.lock.lock();
            try {
                Session s = slot.session;
                if (s != null && test.test(s)) {
                    drop(slot, s);
                }
            } finally {
                slot.lock.unlock();
            }
        }
    }

    /** Secures the next connections with {@code security} ({@code null}: plain), overriding the config's SSL. */
    public void socketSecurity(SocketSecurity security) {
        this.security = security;
        this.securitySet = true;
    }

    /** The Pyro4 HMAC key for the next connection, or {@code null}. */
    public void hmacKey(byte[] key) {
        this.hmacKey = key == null ? null : key.clone();
    }

    /** The state to send this proxy as a Pyro proxy object. */
    public ProxyState state() {
        Metadata md = metadata;
        return new ProxyState(uri, md.oneway(), md.methods(), md.attrs(), handshake, serializerName,
                timeoutMillis / 1000.0, hmacKey, maxRetries);
    }

    /** Whether any connection is open. */
    public boolean isConnected() {
        for (ConnectionSlot slot : slots) {
            if (slot.session != null) {
                return true;
            }
        }
        return false;
    }

    boolean isConnected(int slotIndex) {
        return slots[slotIndex].session != null;
    }

    /** Whether the client checks names against the metadata (always in Pyro5; config METADATA in Pyro4). */
    boolean metadataEnabled() {
        return version == ProtocolVersion.PYRO5 || config.getBoolean(ConfigItem.METADATA);
    }

    private String effectiveSerializerName() {
        String name = serializerName;
        return name != null ? name : config.getString(ConfigItem.SERIALIZER);
    }

    // ------------------------------------------------------------------ connection

    /** Connects and handshakes now if not connected; like Python's {@code _pyroBind} it adopts the resolved uri. */
    public void bind() {
        ConnectionSlot slot = slots[0];
        slot.lock.lock();
        try {
            Session s = slot.session;
            if (s == null) {
                connect(slot, true);
            } else {
                ensureMetadata(slot);
            }
        } finally {
            slot.lock.unlock();
        }
    }

    /** Connected, with metadata when the protocol uses it: what every checked call needs first. */
    public void ensureReady() {
        if (!metadataEnabled()) {
            return;
        }
        if (!metadata.isEmpty() && (isConnected() || closed)) {
            return;
        }
        ConnectionSlot slot = acquire();
        try {
            if (slot.session == null) {
                connect(slot, false);
            } else {
                ensureMetadata(slot);
            }
        } finally {
            release(slot);
        }
    }

    /**
     * Releases the connection(s) and connects anew, trying up to {@code tries} times with {@code waitMillis}
     * between the tries (Python's {@code _pyroReconnect}); a {@code PYRONAME:}/{@code PYROMETA:} uri is resolved
     * again each time. A try fails on a communication error or when the name server does not know the name (yet).
     *
     * @throws ConnectionClosedException "failed to reconnect", all tries failed (the last failure is the cause)
     */
    public void reconnect(int tries, long waitMillis) {
        release();
        PyroException last = null;
        for (int left = tries; left > 0; left--) {
            ConnectionSlot slot = slots[0];
            slot.lock.lock();
            try {
                if (slot.session == null) {
                    connect(slot, false);
                }
                return;
            } catch (CommunicationException | NamingException e) {
                last = e;
                LOG.log(System.Logger.Level.DEBUG, "reconnect failed: {0}", e);
            } finally {
                slot.lock.unlock();
            }
            if (closed) {
                break;
            }
            if (left > 1 && waitMillis > 0) {
                try {
                    Thread.sleep(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectionClosedException("failed to reconnect: interrupted", e);
                }
            }
        }
        throw new ConnectionClosedException("failed to reconnect", last);
    }

    /** Closes the connection(s); the proxy reconnects on its next use. */
    public void release() {
        for (ConnectionSlot slot : slots) {
            slot.lock.lock();
            try {
                Session s = slot.session;
                if (s != null) {
                    drop(slot, s);
                    LOG.log(System.Logger.Level.DEBUG, "connection released: {0}", s);
                }
            } finally {
                slot.lock.unlock();
            }
        }
    }

    /** Closes the connections at once (waking blocked calls) and refuses further use. */
    public void close() {
        closed = true;
        shutdownAsync();
        for (ConnectionSlot slot : slots) {
            Session s = slot.session;
            if (s != null) {
                s.close();
            }
        }
        release();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Takes a connection slot for one exchange (blocking while all are busy); pair with {@link #release(ConnectionSlot)}. */
    private ConnectionSlot acquire() {
        if (permits == null) {
            ConnectionSlot slot = slots[0];
            slot.lock.lock();
            return slot;
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted while waiting for a connection of " + uri, e);
        }
        int n = slots.length;
        int start = Math.floorMod(nextSlot.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            ConnectionSlot slot = slots[(start + i) % n];
            if (slot.session != null && slot.lock.tryLock()) {
                return slot;
            }
        }
        for (int i = 0; i < n; i++) {
            ConnectionSlot slot = slots[(start + i) % n];
            if (slot.lock.tryLock()) {
                return slot;
            }
        }
        ConnectionSlot slot = slots[start];
        slot.lock.lock();
        return slot;
    }

    private void release(ConnectionSlot slot) {
        slot.lock.unlock();
        if (permits != null) {
            permits.release();
        }
    }

    /** Caller holds the slot's lock. */
    private Session ensureConnected(ConnectionSlot slot) {
        Session s = slot.session;
        return s != null ? s : connect(slot, false);
    }

    /** Caller holds the slot's lock. */
    private Session connect(ConnectionSlot slot, boolean replaceUri) {
        if (closed) {
            throw new ConnectionClosedException("the proxy for " + uri + " is closed");
        }
        ProtocolVersion v = version;
        Serializer serializer = lookupSerializer(effectiveSerializerName(), v);
        int serializerId = serializer.id(v);
        PyroURI target = NameResolver.resolve(uri, this);
        Connection connection = Connections.connect(target, config,
                securitySet ? security : SocketSecurities.client(config), timeoutMillis);
        Session s = new Session(connection, v, serializer, serializerId, target,
                new WireOptions(config.maxMessageSize(), config.getBoolean(ConfigItem.COMPRESSION), hmacKey));
        boolean withMetadata = metadataEnabled();
        Object response;
        try {
            Message reply = handshake(s, slot.seq, target, withMetadata);
            response = reply.payload().length > 0 ? deserializeAny(reply, s) : "?";
            if (reply.type() == MessageType.CONNECTFAIL) {
                throw new CommunicationException("connection to " + target.location() + " rejected: " + response);
            }
            if (reply.type() != MessageType.CONNECTOK) {
                throw new ProtocolException("cannot connect to " + target.location() + ": invalid msg type "
                        + reply.type() + " received");
            }
            if (v == ProtocolVersion.PYRO5 || reply.has(Flags.META_ON_CONNECT)) {
                if (!(response instanceof Map<?, ?> dict)) {
                    throw new ProtocolException("cannot connect to " + target.location()
                            + ": invalid handshake response " + response);
                }
                processMetadata(dict.get("meta"));
                response = dict.get("handshake");
            }
            validateHandshake(response, target);
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        slot.session = s;
        handshakeResponse = response;
        if (replaceUri) {
            uri = target;
        }
        LOG.log(System.Logger.Level.DEBUG, "connected: {0}", s);
        if (withMetadata) {
            ensureMetadata(slot);
        }
        return s;
    }

    private void validateHandshake(Object response, PyroURI target) {
        Consumer<Object> validator = handshakeValidator;
        if (validator == null) {
            return;
        }
        try {
            validator.accept(response);
        } catch (PyroException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CommunicationException("connection to " + target.location() + " refused: handshake response "
                    + "not accepted: " + e.getMessage(), e);
        }
    }

    /**
     * Sends CONNECT and reads the answer. Failures that are no communication errors (an HMAC mismatch, a
     * handshake the serializer refuses) become a {@link CommunicationException} "cannot connect to ...", as in
     * Python.
     */
    private Message handshake(Session s, int seq, PyroURI target, boolean withMetadata) {
        try {
            Map<String, Object> data = new LinkedHashMap<>(4);
            data.put("handshake", handshake);
            int flags = 0;
            if (withMetadata) {
                data.put("object", target.object());
                if (s.version() == ProtocolVersion.PYRO4) {
                    flags |= Flags.META_ON_CONNECT;
                }
            }
            byte[] payload = s.serializer().serializeData(data, s.version());
            s.send(new Message(s.version(), MessageType.CONNECT, flags, seq, s.serializerId(),
                    CallContext.correlationId(), CallContext.annotations(), payload));
            Message reply = s.receive();
            CallContext.received(reply.annotations());
            return reply;
        } catch (CommunicationException e) {
            throw e;
        } catch (PyroException e) {
            throw new CommunicationException("cannot connect to " + target.location() + ": " + e.getMessage(), e);
        }
    }

    /** Fetches the metadata from {@code Pyro.Daemon} when none is known (Python's {@code _pyroGetMetadata}). */
    private void ensureMetadata(ConnectionSlot slot) {
        Session s = slot.session;
        if (s != null && metadata.isEmpty() && metadataEnabled()) {
            Object result = decode(exchange(slot, DAEMON_OBJECT, "get_metadata", pythonList(s.objectId()), NO_KWARGS, 0));
            processMetadata(result);
        }
    }

    private void processMetadata(Object value) {
        Metadata md = Metadata.fromPython(value);
        if (md == null) {
            return;
        }
        if (md.isEmpty()) {
            throw new PyroException("remote object '" + uri + "' doesn't expose any methods or attributes. "
                    + "Did you forget setting @expose on them?");
        }
        metadata = md;
    }

    /** Caller holds the slot's lock. */
    private void drop(ConnectionSlot slot, Session s) {
        if (slot.session == s) {
            slot.session = null;
            if (!isConnected()) {
                handshakeResponse = null;
            }
        }
        s.close();
    }

    static Serializer lookupSerializer(String name, ProtocolVersion v) {
        Serializer s = SerializerRegistry.defaultRegistry().byName(name);
        if (s == null) {
            throw new SerializeException("serializer '" + name + "' is unknown or not available");
        }
        if (s.id(v) == Serializer.NOT_AVAILABLE) {
            throw new SerializeException("serializer '" + name + "' is not available in " + v.libraryName());
        }
        return s;
    }

    private static Object deserializeAny(Message reply, Session s) {
        Serializer serializer = s.serializer();
        if (reply.serializerId() != s.serializerId()) {
            serializer = SerializerRegistry.defaultRegistry().byId(s.version(), reply.serializerId());
            if (serializer == null) {
                throw new SerializeException("invalid serializer in response: " + reply.serializerId());
            }
        }
        return serializer.deserializeData(reply.payload(), s.version());
    }

    // ------------------------------------------------------------------ calls

    /**
     * A call as the user asked for it: checked against the metadata, sent oneway when asked or when the
     * metadata says so, retried up to MAX_RETRIES times (re-connecting, and re-resolving a name-server uri) when
     * it failed with a closed connection or a timeout. As in Pyro, a retried call may run twice on the daemon
     * when the failure came after the request was sent: MAX_RETRIES is meant for idempotent methods.
     */
    public Object call(String method, List<Object> args, Map<String, Object> kwargs, boolean oneway) {
        if (method == null) {
            throw new IllegalArgumentException("method name is required");
        }
        for (int attempt = 0; ; attempt++) {
            try {
                ensureReady();
                if (metadataEnabled() && !metadata.methods().contains(method)) {
                    throw new PyroException("remote object '" + uri + "' has no exposed attribute or method '"
                            + method + "'");
                }
                return invoke(null, method, args, kwargs, oneway ? Flags.ONEWAY : 0);
            } catch (ConnectionClosedException | TimeoutException e) {
                if (!retryable(e, attempt)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "retrying {0} after: {1}", method, e);
            }
        }
    }

    private boolean retryable(CommunicationException e, int attempt) {
        return attempt < maxRetries && !closed && e.remoteTraceback() == null;
    }

    /** The remote method name of a batch request. */
    public static final String BATCH_METHOD = "<batch>";

    /**
     * Sends one {@code <batch>} request: {@code calls} is the list of {@code (method, vargs, kwargs)} tuples,
     * keyword arguments are None, flags BATCH (and ONEWAY). Not retried: a batch is not idempotent.
     *
     * @return the daemon's result list (an {@link org.jpyro.api.serializer.ExceptionWrapper} where it stopped),
     *         {@code null} for a oneway batch
     */
    public Object invokeBatch(List<Object> calls, boolean oneway) {
        ensureReady();
        return invoke(null, BATCH_METHOD, calls, null, Flags.BATCH | (oneway ? Flags.ONEWAY : 0));
    }

    /**
     * Runs a call on this proxy's own asynchronous caller: a single thread (created on first use, ended after
     * {@value #ASYNC_IDLE_SECONDS} idle seconds and at {@link #close()}) that takes the submitted calls from a
     * queue one after the other, so their results complete in submission order. A pooled proxy has one such
     * thread per connection: up to N calls run at once, completing in any order. The caller's
     * {@link CallContext} correlation id and annotations at submission travel with the call.
     */
    public <T> CompletableFuture<T> async(Supplier<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        UUID correlationId = CallContext.correlationId();
        Map<String, byte[]> annotations = CallContext.annotations();
        Map<String, byte[]> sendAnnotations = annotations.isEmpty() ? Map.of() : new LinkedHashMap<>(annotations);
        Runnable task = () -> {
            CallContext.setCorrelationId(correlationId);
            CallContext.setAnnotations(sendAnnotations);
            try {
                future.complete(call.get());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            } finally {
                CallContext.clear();
            }
        };
        try {
            asyncExecutor().execute(task);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new ConnectionClosedException("the proxy for " + uri + " is closed"));
        }
        return future;
    }

    /** Idle time after which the asynchronous caller's thread ends. */
    public static final int ASYNC_IDLE_SECONDS = 30;

    private synchronized ThreadPoolExecutor asyncExecutor() {
        if (closed) {
            throw new RejectedExecutionException("closed");
        }
        if (asyncExecutor == null) {
            String name = "jpyro-async " + uri;
            int threads = slots.length;
            asyncExecutor = new ThreadPoolExecutor(threads, threads, ASYNC_IDLE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, name);
                        t.setDaemon(true);
                        return t;
                    });
            asyncExecutor.allowCoreThreadTimeOut(true);
        }
        return asyncExecutor;
    }

    /** Stops accepting asynchronous calls; queued ones still run (and fail, the proxy being closed). */
    private synchronized void shutdownAsync() {
        if (asyncExecutor != null) {
            asyncExecutor.shutdown();
        }
    }

    /** Reads an exposed attribute ({@code __getattr__}). */
    public Object getAttr(String name) {
        return attributeCall("__getattr__", name, Tuple.of(name));
    }

    /** Writes an exposed attribute ({@code __setattr__}). */
    public void setAttr(String name, Object value) {
        attributeCall("__setattr__", name, Tuple.of(name, value));
    }

    private Object attributeCall(String method, String name, List<Object> args) {
        for (int attempt = 0; ; attempt++) {
            try {
                ensureReady();
                if (metadataEnabled() && !metadata.attrs().contains(name)) {
                    throw new PyroException("remote object '" + uri + "' has no exposed attribute '" + name + "'");
                }
                return invoke(null, method, args, null, 0);
            } catch (ConnectionClosedException | TimeoutException e) {
                if (!retryable(e, attempt)) {
                    throw e;
                }
            }
        }
    }

    /**
     * One INVOKE exchange without client-side checks (Python's {@code _pyroInvoke}).
     *
     * @param objectId target object, {@code null} for this proxy's object
     * @param args     positional arguments; a {@link Tuple} travels as a tuple, another list as a list
     * @param kwargs   keyword arguments, {@code null} for Python's None
     * @param flags    extra {@link Flags} (ONEWAY, BATCH)
     * @return the result, a {@link StreamIterator} for an item stream, {@code null} for oneway calls
     */
    public Object invoke(String objectId, String method, List<Object> args, Map<String, Object> kwargs, int flags) {
        ConnectionSlot slot = acquire();
        Object outcome;
        try {
            outcome = exchange(slot, objectId, method, args, kwargs, flags);
        } finally {
            release(slot);
        }
        return decode(outcome);
    }

    /**
     * {@link #invoke} on one particular connection (the one an item stream came from), connecting it if needed.
     */
    Object invokeOn(int slotIndex, String objectId, String method, List<Object> args, Map<String, Object> kwargs,
            int flags) {
        ConnectionSlot slot = slots[slotIndex];
        slot.lock.lock();
        Object outcome;
        try {
            outcome = exchange(slot, objectId, method, args, kwargs, flags);
        } finally {
            slot.lock.unlock();
        }
        return decode(outcome);
    }

    /** A received RESULT to deserialize once the connection's lock is released. */
    private record Reply(Session session, Message message) {
    }

    /** Caller holds the slot's lock; returns a {@link Reply}, a {@link StreamIterator} or {@code null} (oneway). */
    private Object exchange(ConnectionSlot slot, String objectId, String method, List<Object> args,
            Map<String, Object> kwargs, int flags) {
        Session s = ensureConnected(slot);
        try {
            if (!slot.abandonedStreams.isEmpty()) {
                closeAbandonedStreams(slot, s);
            }
            String target = objectId != null ? objectId : s.objectId();
            byte[] payload = s.serializer().serializeCall(new Call(target, method, args, kwargs), s.version());
            if (objectId == null && metadata.oneway().contains(method)) {
                flags |= Flags.ONEWAY;
            }
            int seq = slot.nextSeq();
            s.send(new Message(s.version(), MessageType.INVOKE, flags, seq, s.serializerId(),
                    CallContext.correlationId(), CallContext.annotations(), payload));
            if ((flags & Flags.ONEWAY) != 0) {
                return null;
            }
            Message reply = s.receive();
            CallContext.received(reply.annotations());
            checkReply(reply, s, seq);
            if (reply.has(Flags.ITEMSTREAMRESULT)) {
                byte[] id = reply.annotations().get("STRM");
                if (id == null || id.length == 0) {
                    throw new ProtocolException(
                            "result of call is an iterator, but the server is not configured to allow streaming");
                }
                return new StreamIterator(this, slot.index, new String(id, StandardCharsets.UTF_8));
            }
            return new Reply(s, reply);
        } catch (RuntimeException | Error e) {
            drop(slot, s);
            throw e;
        }
    }

    private Object decode(Object outcome) {
        if (!(outcome instanceof Reply r)) {
            return outcome;
        }
        Session s = r.session();
        Object data = s.serializer().deserializeData(r.message().payload(), s.version());
        if (r.message().has(Flags.EXCEPTION)) {
            throw remoteException(data);
        }
        return data;
    }

    private void checkReply(Message reply, Session s, int seq) {
        if (reply.type() != MessageType.RESULT) {
            throw new ProtocolException("invoke: invalid msg type " + reply.type() + " received");
        }
        if (reply.seq() != seq) {
            throw new ProtocolException("invoke: reply sequence out of sync, got " + reply.seq() + " expected " + seq);
        }
        if (reply.serializerId() != s.serializerId()) {
            throw new SerializeException("invalid serializer in response: " + reply.serializerId());
        }
    }

    // ------------------------------------------------------------------ item streams

    /**
     * Notes that the iterator of a stream was abandoned without being closed: {@code close_stream} is sent on its
     * connection at once if that is free, else before the next request on it.
     */
    void streamAbandoned(int slotIndex, String streamId) {
        if (closed) {
            return;
        }
        ConnectionSlot slot = slots[slotIndex];
        slot.abandonedStreams.add(streamId);
        if (slot.lock.tryLock()) {
            try {
                Session s = slot.session;
                if (s != null) {
                    closeAbandonedStreams(slot, s);
                }
            } catch (PyroException e) {
                LOG.log(System.Logger.Level.DEBUG, "close_stream of abandoned streams failed: {0}", e);
                Session s = slot.session;
                if (s != null) {
                    drop(slot, s);
                }
            } finally {
                slot.lock.unlock();
            }
        }
    }

    /** Caller holds the slot's lock: oneway {@code close_stream} for every abandoned stream of the connection. */
    private void closeAbandonedStreams(ConnectionSlot slot, Session s) {
        String id;
        while ((id = slot.abandonedStreams.poll()) != null) {
            byte[] payload = s.serializer().serializeCall(new Call(DAEMON_OBJECT, "close_stream", pythonList(id),
                    NO_KWARGS), s.version());
            s.send(new Message(s.version(), MessageType.INVOKE, Flags.ONEWAY, slot.nextSeq(), s.serializerId(),
                    null, Map.of(), payload));
            LOG.log(System.Logger.Level.DEBUG, "closed abandoned stream {0}", id);
        }
    }

    /**
     * Call arguments that travel as a Python list rather than a tuple, as Python's proxy sends them for
     * {@code get_metadata([id])}, {@code get_next_stream_item([id])} and {@code close_stream([id])}: serializers
     * write a {@link Tuple} as a tuple and a plain {@link ArrayList} as a list.
     */
    static List<Object> pythonList(Object item) {
        List<Object> list = new ArrayList<>(1);
        list.add(item);
        return list;
    }

    /** The exception to throw for an EXCEPTION result. */
    public static PyroException remoteException(Object data) {
        if (data instanceof PyroException p) {
            return p;
        }
        if (data instanceof Throwable t) {
            return new PyroException(String.valueOf(t), t);
        }
        return new PyroException("remote exception: " + data);
    }

    /** A PING round trip on one of the proxy's connections (connecting first if needed). */
    public void ping() {
        ConnectionSlot slot = acquire();
        try {
            Session s = ensureConnected(slot);
            try {
                s.send(new Message(s.version(), MessageType.PING, 0, 0, PING_SERIALIZER_ID, null, Map.of(),
                        PING_PAYLOAD));
                Message reply = s.receive();
                if (reply.type() != MessageType.PING) {
                    throw new ProtocolException("ping: invalid msg type " + reply.type() + " received");
                }
            } catch (RuntimeException | Error e) {
                drop(slot, s);
                throw e;
            }
        } finally {
            release(slot);
        }
    }

    @Override
    public String toString() {
        return uri + (isConnected() ? " (connected)" : " (not connected)");
    }
}
