package org.jpyro.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
 * One connection per proxy. A proxy may be shared between threads: requests are serialized on its connection.
 * When the connection breaks, the call fails with a {@link org.jpyro.api.ConnectionClosedException} (or
 * {@link org.jpyro.api.TimeoutException} after COMMTIMEOUT) and the next call reconnects.
 * {@code PYRONAME:}/{@code PYROMETA:} uris are resolved through the name server at the uri's location (or
 * {@code NS_HOST:NS_PORT}) when connecting.
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
        this.core = new ProxyCore(uri, config);
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
     * still queued at {@link #close()} fail.
     */
    public CompletableFuture<Object> callAsync(String method, Object... args) {
        List<Object> a = args == null ? Tuple.of() : Tuple.wrap(args.clone());
        return core.async(() -> core.call(method, a, Map.of(), false));
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

    /** Closes the connection; the proxy stays usable and reconnects on its next use. */
    public void release() {
        core.release();
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
