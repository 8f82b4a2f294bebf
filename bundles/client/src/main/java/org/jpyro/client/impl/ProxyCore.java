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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jpyro.api.CallContext;
import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ConnectionClosedException;
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
import org.jpyro.transport.SocketSecurity;

/**
 * The machinery behind one proxy: its settings, its single connection ({@link Session}), the sequence counter,
 * the remote object's {@link Metadata}, the CONNECT handshake and the INVOKE/RESULT exchanges, exactly as
 * Python's Pyro4/Pyro5 proxies perform them.
 * <p>
 * Thread-safe: one lock guards each request/response exchange and every change of the connection; results
 * are deserialized after the lock is released.
 */
public final class ProxyCore {
    /** Object id of every daemon's own object. */
    public static final String DAEMON_OBJECT = "Pyro.Daemon";

    private static final System.Logger LOG = System.getLogger(ProxyCore.class.getName());
    private static final int PING_SERIALIZER_ID = 42;
    private static final byte[] PING_PAYLOAD = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, Object> NO_KWARGS = Map.of();

    private final PyroConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final int maxRetries;

    private volatile PyroURI uri;
    private volatile ProtocolVersion version;
    private volatile String serializerName;
    private volatile Object handshake = "hello";
    private volatile byte[] hmacKey;
    private volatile Metadata metadata = Metadata.NONE;
    private volatile Session session;
    private volatile boolean closed;
    private volatile Object handshakeResponse;
    private volatile SocketSecurity security;
    private volatile boolean securitySet;
    private int seq;
    private ThreadPoolExecutor asyncExecutor;

    /** A proxy core for a uri; nothing is connected until the first use. */
    public ProxyCore(PyroURI uri, PyroConfig config) {
        if (uri == null || config == null) {
            throw new IllegalArgumentException("uri and config are required");
        }
        this.uri = uri;
        this.config = config;
        this.version = config.protocolVersion();
        this.maxRetries = Math.max(0, config.getInt(ConfigItem.MAX_RETRIES));
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

    /** The serializer name set explicitly for this proxy, or {@code null} (config {@code SERIALIZER}). */
    public String explicitSerializer() {
        return serializerName;
    }

    /** The handshake data sent on the next connect. */
    public void handshake(Object data) {
        this.handshake = data;
    }

    /** The handshake response of the daemon on the current connection, or {@code null}. */
    public Object handshakeResponse() {
        return handshakeResponse;
    }

    /** Sets the serializer by name; a live connection using another one is released. */
    public void serializer(String name) {
        lock.lock();
        try {
            Session s = session;
            this.serializerName = name;
            if (s != null && !s.serializer().name().equals(effectiveSerializerName())) {
                drop(s);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sets the protocol; a live connection speaking another one is released. */
    public void protocol(ProtocolVersion v) {
        if (v == null) {
            throw new IllegalArgumentException("protocol version is required");
        }
        lock.lock();
        try {
            this.version = v;
            Session s = session;
            if (s != null && s.version() != v) {
                drop(s);
            }
        } finally {
            lock.unlock();
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
                config.getDouble(ConfigItem.COMMTIMEOUT), hmacKey, maxRetries);
    }

    public boolean isConnected() {
        return session != null;
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
        lock.lock();
        try {
            if (session == null) {
                connect(true);
            } else {
                ensureMetadata(session);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Connected, with metadata when the protocol uses it: what every checked call needs first. */
    public void ensureReady() {
        Session s = session;
        if (s != null && (!metadata.isEmpty() || !metadataEnabled())) {
            return;
        }
        lock.lock();
        try {
            s = session;
            if (s == null) {
                connect(false);
            } else {
                ensureMetadata(s);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection; the proxy reconnects on its next use. */
    public void release() {
        lock.lock();
        try {
            Session s = session;
            if (s != null) {
                drop(s);
                LOG.log(System.Logger.Level.DEBUG, "connection released: {0}", s);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection at once (waking a blocked call) and refuses further use. */
    public void close() {
        closed = true;
        shutdownAsync();
        Session s = session;
        if (s != null) {
            s.close();
        }
        release();
    }

    public boolean isClosed() {
        return closed;
    }

    private Session ensureConnected() {
        Session s = session;
        return s != null ? s : connect(false);
    }

    /** Caller holds the lock. */
    private Session connect(boolean replaceUri) {
        if (closed) {
            throw new ConnectionClosedException("the proxy for " + uri + " is closed");
        }
        ProtocolVersion v = version;
        Serializer serializer = lookupSerializer(effectiveSerializerName(), v);
        int serializerId = serializer.id(v);
        PyroURI target = NameResolver.resolve(uri, this);
        Connection connection = securitySet ? Connections.connect(target, config, security)
                : Connections.connect(target, config);
        Session s = new Session(connection, v, serializer, serializerId, target,
                new WireOptions(config.maxMessageSize(), config.getBoolean(ConfigItem.COMPRESSION), hmacKey));
        boolean withMetadata = metadataEnabled();
        Object response;
        try {
            Message reply = handshake(s, target, withMetadata);
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
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        session = s;
        handshakeResponse = response;
        if (replaceUri) {
            uri = target;
        }
        LOG.log(System.Logger.Level.DEBUG, "connected: {0}", s);
        if (withMetadata) {
            ensureMetadata(s);
        }
        return s;
    }

    /**
     * Sends CONNECT and reads the answer. Failures that are no communication errors (an HMAC mismatch, a
     * handshake the serializer refuses) become a {@link CommunicationException} "cannot connect to ...", as in
     * Python.
     */
    private Message handshake(Session s, PyroURI target, boolean withMetadata) {
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
    private void ensureMetadata(Session s) {
        if (metadata.isEmpty() && metadataEnabled()) {
            Object result = invoke(DAEMON_OBJECT, "get_metadata", pythonList(s.objectId()), NO_KWARGS, 0);
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

    /** Caller holds the lock. */
    private void drop(Session s) {
        if (session == s) {
            session = null;
            handshakeResponse = null;
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
     * metadata says so, retried up to MAX_RETRIES times on a closed connection or timeout.
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
                if (attempt >= maxRetries || closed || e.remoteTraceback() != null) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "retrying {0} after: {1}", method, e);
            }
        }
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
     * queue one after the other, so their results complete in submission order. The caller's
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
            asyncExecutor = new ThreadPoolExecutor(1, 1, ASYNC_IDLE_SECONDS, TimeUnit.SECONDS,
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
                if (attempt >= maxRetries || closed || e.remoteTraceback() != null) {
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
        Message reply;
        Session s;
        lock.lock();
        try {
            s = ensureConnected();
            String target = objectId != null ? objectId : s.objectId();
            byte[] payload = s.serializer().serializeCall(new Call(target, method, args, kwargs), s.version());
            if (objectId == null && metadata.oneway().contains(method)) {
                flags |= Flags.ONEWAY;
            }
            seq = (seq + 1) & 0xFFFF;
            try {
                s.send(new Message(s.version(), MessageType.INVOKE, flags, seq, s.serializerId(),
                        CallContext.correlationId(), CallContext.annotations(), payload));
                if ((flags & Flags.ONEWAY) != 0) {
                    return null;
                }
                reply = s.receive();
                CallContext.received(reply.annotations());
                checkReply(reply, s);
                if (reply.has(Flags.ITEMSTREAMRESULT)) {
                    byte[] id = reply.annotations().get("STRM");
                    if (id == null || id.length == 0) {
                        throw new ProtocolException(
                                "result of call is an iterator, but the server is not configured to allow streaming");
                    }
                    return new StreamIterator(this, new String(id, StandardCharsets.UTF_8));
                }
            } catch (RuntimeException | Error e) {
                drop(s);
                throw e;
            }
        } finally {
            lock.unlock();
        }
        Object data = s.serializer().deserializeData(reply.payload(), s.version());
        if (reply.has(Flags.EXCEPTION)) {
            throw remoteException(data);
        }
        return data;
    }

    private void checkReply(Message reply, Session s) {
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

    /** A PING round trip on the proxy's connection (connecting first if needed). */
    public void ping() {
        lock.lock();
        try {
            Session s = ensureConnected();
            try {
                s.send(new Message(s.version(), MessageType.PING, 0, 0, PING_SERIALIZER_ID, null, Map.of(),
                        PING_PAYLOAD));
                Message reply = s.receive();
                if (reply.type() != MessageType.PING) {
                    throw new ProtocolException("ping: invalid msg type " + reply.type() + " received");
                }
            } catch (RuntimeException | Error e) {
                drop(s);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return uri + (session != null ? " (connected)" : " (not connected)");
    }
}
