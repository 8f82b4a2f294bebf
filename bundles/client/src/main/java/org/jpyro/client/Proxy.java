package org.jpyro.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jpyro.api.HasProxyState;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.client.impl.DefaultConfig;
import org.jpyro.client.impl.ProxyCore;
import org.jpyro.client.impl.TypedProxyHandler;
import org.jpyro.transport.SocketSecurity;

/**
 * A Pyro proxy: calls the methods and attributes of one remote object in a Pyro daemon (Python Pyro5 or
 * Pyro4, or jpyro), speaking the protocol of {@link #protocol(ProtocolVersion)} (default: config
 * {@code PROTOCOL_VERSION}, Pyro5).
 * <p>
 * The proxy connects lazily on first use (or at {@link #bind()}), sends the CONNECT handshake and learns the
 * object's metadata: its methods, oneway methods and attributes. Calls of names the object does not expose fail
 * locally; methods the daemon marks oneway return {@code null} at once. A remote exception is thrown as the
 * {@link org.jpyro.api.PyroException} the serializer decoded (a {@link org.jpyro.api.PyroRemoteException} for
 * Python exceptions) with the remote traceback; a method returning an iterator yields a {@link RemoteIterator}.
 * <p>
 * Besides single calls: {@link #batch()} sends many calls in one request, {@link #callAsync} returns a
 * {@link CompletableFuture} (as do typed interface methods declared to return one).
 * <p>
 * <b>Threads.</b> Unlike Python's Pyro5 proxy (which refuses use from a thread other than its owner's), a jpyro
 * proxy may be shared between threads. A plain proxy has one connection and requests are serialized on it: one
 * thread's call waits while another's is in progress. For concurrent calls make a pooled proxy
 * ({@link #pooled(PyroURI, PyroConfig, int)}): it opens up to N connections as concurrent calls need them, and N
 * threads call at once. A daemon sees each pooled connection as a separate client.
 * <p>
 * <b>Failures.</b> When the connection breaks the call fails with a {@link org.jpyro.api.ConnectionClosedException},
 * or a {@link org.jpyro.api.TimeoutException} when connecting, sending or receiving took longer than COMMTIMEOUT
 * ({@link #timeout(Duration)}); the connection is dropped then (a late reply is never taken for the answer to a
 * later call) and the next call reconnects. With MAX_RETRIES ({@link #maxRetries(int)}) above 0 such a call is
 * retried at once on a new connection; as in Pyro, only for idempotent methods, since the request may have run.
 * {@link #reconnect(int)} re-connects with pauses, like {@code _pyroReconnect}.
 * <p>
 * <b>Names.</b> {@code PYRONAME:}/{@code PYROMETA:} uris are resolved on every connect and reconnect: through the
 * name server at the uri's location, or one located as Python's {@code locate_ns} does ({@link NameServerFinder}),
 * so a proxy follows an object that was registered again elsewhere; {@link #bind()} replaces the uri by the
 * resolved {@code PYRO:} one.
 *
 * <pre>{@code
 * try (Proxy p = new Proxy("PYRO:test.echoserver@localhost:9999")) {
 *     Object r = p.call("echo", "hello");
 * }
 * Echo echo = Proxy.create("PYRO:test.echoserver@localhost:9999", Echo.class);
 * }</pre>
 */
public class Proxy implements AutoCloseable, HasProxyState {
    private final ProxyCore core;
    private volatile Consumer<Object> handshakeValidator;

    /** A proxy for a uri text (any form {@link PyroURI#parse} accepts), with the default config. */
    public Proxy(String uri) {
        this(PyroURI.parse(uri));
    }

    /** A proxy for a uri, with the default config (Pyro defaults, {@code PYRO_*} environment, system properties). */
    public Proxy(PyroURI uri) {
        this(uri, DefaultConfig.get());
    }

    /** A proxy for a uri with the given config. */
    public Proxy(PyroURI uri, PyroConfig config) {
        this(uri, config, 1);
    }

    /**
     * A proxy for a uri with up to {@code maxConnections} connections to the daemon, opened lazily as concurrent
     * calls need them (1: a plain proxy).
     */
    public Proxy(PyroURI uri, PyroConfig config, int maxConnections) {
        this.core = new ProxyCore(uri, config, maxConnections);
        core.handshakeValidator(this::validateHandshake);
    }

    /** A pooled proxy (up to {@code maxConnections} concurrent calls) with the default config. */
    public static Proxy pooled(String uri, int maxConnections) {
        return new Proxy(PyroURI.parse(uri), DefaultConfig.get(), maxConnections);
    }

    /**
     * A pooled proxy: up to {@code maxConnections} threads call at once, each over its own connection (opened on
     * demand, kept until {@link #release()} or a failure); a further thread waits for a free connection.
     */
    public static Proxy pooled(PyroURI uri, PyroConfig config, int maxConnections) {
        return new Proxy(uri, config, maxConnections);
    }

    /**
     * A live proxy from a decoded Pyro proxy object (what a daemon sends when it returns a remote object): its
     * uri, known metadata, handshake, serializer and Pyro4 HMAC key.
     */
    public static Proxy of(ProxyState state) {
        Proxy p = new Proxy(state.uri());
        p.core.adopt(state);
        return p;
    }

    /** The machinery behind this proxy (for tests in this package). */
    ProxyCore core() {
        return core;
    }

    /**
     * Calls a remote method with positional arguments.
     *
     * @return the result; {@code null} for oneway methods; a {@link RemoteIterator} for item streams
     * @throws org.jpyro.api.PyroException the remote method raised (remote traceback attached), the object does
     *                                     not expose the method, or communication failed
     */
    public Object call(String method, Object... args) {
        return core.call(method, args == null ? Tuple.of() : Tuple.wrap(args), Map.of(), false);
    }

    /** Calls a remote method with positional and keyword arguments. */
    public Object callKw(String method, List<?> args, Map<String, ?> kwargs) {
        return core.call(method, args == null ? Tuple.of() : Tuple.copyOf(args),
                kwargs == null ? Map.of() : Collections.<String, Object>unmodifiableMap(kwargs), false);
    }

    /** Calls a remote method oneway: the daemon sends no result and this returns as soon as the request is sent. */
    public void callOneway(String method, Object... args) {
        core.call(method, args == null ? Tuple.of() : Tuple.wrap(args), Map.of(), true);
    }

    /**
     * Calls a remote method asynchronously: the call runs on this proxy's own single caller thread, which takes
     * the asynchronous calls of this proxy from a queue one after the other, so the futures complete in call
     * order. The future completes with the result (as {@link #call} returns it) or exceptionally with the
     * {@link org.jpyro.api.PyroException} the call raised. The caller thread shares the proxy's connection with
     * synchronous calls (requests never interleave), and ends when idle or when the proxy is closed; calls
     * still queued at {@link #close()} fail. A pooled proxy runs up to N asynchronous calls at once, one per
     * connection; their futures then complete in any order.
     */
    public CompletableFuture<Object> callAsync(String method, Object... args) {
        List<Object> a = args == null ? Tuple.of() : Tuple.wrap(args.clone());
        return core.async(() -> core.call(method, a, Map.of(), false));
    }

    /**
     * {@link #callAsync} seen as Pyro4's {@code FutureResult}: what a call on {@code Pyro4.asyncproxy(p)} returns
     * (see {@link AsyncResult}).
     */
    public AsyncResult<Object> callAsyncResult(String method, Object... args) {
        return AsyncResult.of(callAsync(method, args));
    }

    /** {@link #callAsync} with positional and keyword arguments. */
    public CompletableFuture<Object> callKwAsync(String method, List<?> args, Map<String, ?> kwargs) {
        List<Object> a = args == null ? Tuple.of() : Tuple.copyOf(args);
        Map<String, Object> kw = kwargs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        return core.async(() -> core.call(method, a, kw, false));
    }

    /** A new, empty {@link BatchProxy} for this proxy's object: collects calls and sends them as one request. */
    public BatchProxy batch() {
        return new BatchProxy(this);
    }

    /** Reads an exposed remote attribute (a Python {@code @property}). */
    public Object getAttr(String name) {
        return core.getAttr(name);
    }

    /** Writes an exposed remote attribute. */
    public void setAttr(String name, Object value) {
        core.setAttr(name, value);
    }

    /** A typed proxy for a uri text: calls of the interface's methods go to the remote object. */
    public static <T> T create(String uri, Class<T> iface) {
        return create(PyroURI.parse(uri), iface);
    }

    /** A typed proxy with the default config. */
    public static <T> T create(PyroURI uri, Class<T> iface) {
        return create(uri, iface, DefaultConfig.get());
    }

    /**
     * A typed proxy ({@link java.lang.reflect.Proxy}) for a Java interface. An interface method calls the remote
     * method of the same name, or of the name in {@link org.jpyro.api.Expose#name()} on the method; getters and
     * setters read and write the remote attribute when the object exposes one of that property name;
     * {@code void} methods annotated {@link org.jpyro.api.Oneway} are called oneway; results are converted to
     * the declared (generic) return type; {@code Iterator}, {@code Stream} and {@code Iterable} return types
     * receive the remote item stream; a {@code CompletableFuture<T>} (or {@code CompletionStage<T>},
     * {@code Future<T>}) return type makes the call asynchronous as {@link #callAsync} does, the result converted
     * to {@code T}. Default methods run locally; {@code toString}, {@code equals},
     * {@code hashCode} are local; {@code close()} closes the proxy. The typed proxy also implements
     * {@link AutoCloseable} and {@link HasProxyState}.
     */
    public static <T> T create(PyroURI uri, Class<T> iface, PyroConfig config) {
        Proxy p = new Proxy(uri, config);
        return TypedProxyHandler.create(p.core, p, iface);
    }

    /** A typed proxy for the remote object of this proxy, sharing its connection. */
    public <T> T as(Class<T> iface) {
        return TypedProxyHandler.create(core, this, iface);
    }

    /**
     * The proxy behind a typed proxy (or the argument itself if it is a proxy).
     *
     * @throws IllegalArgumentException the object is neither
     */
    public static Proxy unwrap(Object typedProxy) {
        if (typedProxy instanceof Proxy p) {
            return p;
        }
        TypedProxyHandler h = TypedProxyHandler.of(typedProxy);
        if (h != null && h.owner() instanceof Proxy p) {
            return p;
        }
        throw new IllegalArgumentException("not a Pyro proxy: " + typedProxy);
    }

    /** Connects and handshakes now (otherwise that happens on first use); a name-server uri is replaced by the resolved one. */
    public Proxy bind() {
        core.bind();
        return this;
    }

    /** A PING message round trip with the daemon, on this proxy's connection. */
    public void ping() {
        core.ping();
    }

    /** Closes the connection(s); the proxy stays usable and reconnects on its next use ({@code _pyroRelease}). */
    public void release() {
        core.release();
    }

    /**
     * Releases the connection and connects anew until that succeeds, with 2 seconds between tries (Python's
     * {@code _pyroReconnect()}); a name-server uri is resolved again on each try.
     */
    public Proxy reconnect() {
        return reconnect(100_000_000);
    }

    /**
     * Releases the connection and tries up to {@code tries} times to connect anew, 2 seconds apart (Python's
     * {@code _pyroReconnect(tries)}).
     *
     * @throws org.jpyro.api.ConnectionClosedException "failed to reconnect" (the last failure as cause)
     */
    public Proxy reconnect(int tries) {
        return reconnect(tries, Duration.ofMillis(ProxyCore.RECONNECT_WAIT_MILLIS));
    }

    /** {@link #reconnect(int)} with another pause between tries. */
    public Proxy reconnect(int tries, Duration wait) {
        core.reconnect(tries, wait == null ? 0 : wait.toMillis());
        return this;
    }

    /**
     * The connect, read and write timeout of this proxy ({@code _pyroTimeout}); {@code null} or zero for none.
     * Default: COMMTIMEOUT. A live connection is released and the next one uses the new timeout.
     */
    public Proxy timeout(Duration timeout) {
        long millis = timeout == null || timeout.isNegative() || timeout.isZero() ? 0
                : Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        core.timeoutMillis((int) millis);
        return this;
    }

    /** The timeout of this proxy, {@link Duration#ZERO} for none. */
    public Duration timeout() {
        return Duration.ofMillis(core.timeoutMillis());
    }

    /** How often a call failing with a closed connection or a timeout is retried ({@code _pyroMaxRetries}). */
    public Proxy maxRetries(int retries) {
        core.maxRetries(retries);
        return this;
    }

    /**
     * Checks the handshake response of the daemon on each new connection (Python's
     * {@code _pyroValidateHandshake(response)}); the default calls the {@link #handshakeValidator(Consumer)} if one
     * is set. Override it in a subclass, or set a validator; throwing refuses the connection: it is closed and the
     * call (or {@link #bind()}) fails with the exception (a non-Pyro one wrapped in a
     * {@link org.jpyro.api.CommunicationException}).
     *
     * @param response the daemon's handshake response (what its {@code validateHandshake} returned)
     */
    protected void validateHandshake(Object response) {
        Consumer<Object> validator = handshakeValidator;
        if (validator != null) {
            validator.accept(response);
        }
    }

    /** Sets the check of {@link #validateHandshake(Object)} ({@code null}: accept every response). */
    public Proxy handshakeValidator(Consumer<Object> validator) {
        this.handshakeValidator = validator;
        return this;
    }

    /** The daemon's handshake response on the current connection, {@code null} when not connected. */
    public Object handshakeResponse() {
        return core.handshakeResponse();
    }

    /** Closes the connection (waking a call in progress) for good: later calls fail. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    /** Exposed methods of the remote object as far as known (empty before the proxy connected). */
    public Set<String> methods() {
        return core.metadata().methods();
    }

    /** Oneway methods of the remote object as far as known. */
    public Set<String> oneway() {
        return core.metadata().oneway();
    }

    /** Exposed attributes of the remote object as far as known. */
    public Set<String> attrs() {
        return core.metadata().attrs();
    }

    /** The uri of the remote object. */
    public PyroURI uri() {
        return core.uri();
    }

    /** Sets the handshake data sent with the next CONNECT (default {@code "hello"}). */
    public Proxy handshake(Object data) {
        core.handshake(data);
        return this;
    }

    /** Uses this serializer (by name, e.g. {@code serpent}, {@code json}); a connection using another is released. */
    public Proxy serializer(String name) {
        core.serializer(name);
        return this;
    }

    /** Speaks this protocol; a connection speaking another is released. */
    public Proxy protocol(ProtocolVersion version) {
        core.protocol(version);
        return this;
    }

    /**
     * Pyro4 only: the HMAC-SHA1 key that signs and checks every message (Pyro4's {@code _pyroHmacKey}), or
     * {@code null} for none; used from the next connection on.
     */
    public Proxy hmacKey(byte[] key) {
        core.hmacKey(key);
        return this;
    }

    /**
     * Secures this proxy's next connections with {@code security} (e.g. TLS from the ssl bundle), or uses plain
     * sockets when {@code null}, whatever the config's SSL item says.
     */
    public Proxy socketSecurity(SocketSecurity security) {
        core.socketSecurity(security);
        return this;
    }

    @Override
    public ProxyState proxyState() {
        return core.state();
    }

    @Override
    public String toString() {
        return "<Proxy for " + core + ">";
    }
}
