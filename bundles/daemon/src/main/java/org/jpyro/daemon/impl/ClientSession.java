package org.jpyro.daemon.impl;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.DaemonException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.jpyro.api.serializer.PythonExceptions;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageIO;
import org.jpyro.protocol.MessageType;
import org.jpyro.transport.Connection;
import org.jpyro.transport.FrameReceiver;
import org.jpyro.transport.MultiplexConnection;

/**
 * The daemon side of one client connection: detects the protocol version from the first frame, performs the
 * handshake, then answers INVOKE and PING frames one after the other until the client goes away. Any failure to
 * read a frame (closed, timeout, bad frame, HMAC, size) ends this connection only.
 * <p>
 * The per-message logic ({@link #handle(Message)}: one frame in, zero or one reply frame out) serves both
 * server types: the thread server runs {@link #run()} on the connection's worker, which reads frames with
 * blocking reads and hands each to it; the multiplex server calls this session, as the connection's
 * {@link FrameReceiver}, on its selector thread for every frame its decoder completes. Replies are encoded
 * once and written to the blocking stream or queued on the multiplex connection; the bytes are the same.
 * <p>
 * Replies follow Pyro: the request's sequence number and serializer; a correlation id adopted from the request
 * or freshly generated, on every Pyro5 reply and on Pyro4 replies except exception and item stream results;
 * no reply at all to ONEWAY requests.
 */
final class ClientSession implements FrameReceiver {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());
    private static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);
    private static final String GETATTR = "__getattr__";
    private static final String SETATTR = "__setattr__";
    private static final String STREAM_ANNOTATION = "STRM";
    private static final int MARSHAL_PYRO4 = 3;

    private final DaemonCore core;
    /** The blocking connection (thread server), or a view made on demand of {@link #link}. */
    private Connection connection;
    /** The multiplex connection, or {@code null} on the thread server. */
    private final MultiplexConnection link;
    /** Whether the first frame (the handshake) was taken in. */
    private boolean started;
    /** Whether this session's thread is serving an INVOKE: replies then carry the method's response annotations. */
    private boolean serving;
    private ProtocolVersion version;
    private FrameCodec codec;

    ClientSession(DaemonCore core, Connection connection) {
        this.core = core;
        this.connection = connection;
        this.link = null;
    }

    /** A session fed frame by frame by a multiplex server. */
    ClientSession(DaemonCore core, MultiplexConnection link) {
        this.core = core;
        this.connection = null;
        this.link = link;
    }

    /** Serves the connection until it ends. Never throws. */
    void run() {
        try {
            Message first = readFirst();
            if (first != null && handle(first)) {
                serveRequests();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection " + connection + " failed", e);
        } finally {
            ended();
        }
    }

    /**
     * Handles one frame of the connection: the first is the handshake (it fixes the protocol version), later
     * ones are requests. Replies are sent from here.
     *
     * @return whether the connection goes on; {@code false} when it must be closed
     */
    boolean handle(Message m) {
        if (!started) {
            started = true;
            version = m.version();
            codec = FrameCodec.of(version);
            return handshake(m);
        }
        return request(m);
    }

    /** Multiplex server: one frame arrived. */
    @Override
    public void received(Message message) {
        boolean goOn;
        try {
            goOn = handle(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection " + link + " failed", e);
            goOn = false;
        }
        if (!goOn) {
            link.close();
        }
    }

    /** Multiplex server: the bytes were no frame; as the blocking reads below handle the same failures. */
    @Override
    public void undecodable(RuntimeException error) {
        if (started) {
            LOG.log(Level.INFO, "{0}: bad frame, closing the connection: {1}", link, error);
        } else if (error instanceof org.jpyro.api.SecurityException e) {
            refuseHmac(e);
        } else {
            LOG.log(Level.INFO, "{0}: invalid first frame, closing: {1}", link, error);
        }
    }

    /** Multiplex server: the connection ended. */
    @Override
    public void closed() {
        ended();
    }

    /** The connection is over: its item streams go, the daemon hears of it. */
    private void ended() {
        try {
            core.streams().connectionClosed(this);
            core.objects().connectionClosed(this);
        } finally {
            core.clientDisconnected(connection, link);
            LOG.log(Level.DEBUG, "connection {0} ends", link != null ? link : connection);
        }
    }

    /** Reads the CONNECT of a connection that gets no worker and answers CONNECTFAIL with the reason. */
    void refuse(String reason) {
        Message first = readFirst();
        if (first != null) {
            connectFail(first, core.replySerializer(version, first.serializerId()), reason,
                    version == ProtocolVersion.PYRO5 ? DaemonCore.newCorrelationId() : null);
        }
    }

    private Message readFirst() {
        try {
            Message m = MessageIO.readFirst(connection.in(), core.wireOptions());
            version = m.version();
            codec = FrameCodec.of(version);
            return m;
        } catch (ConnectionClosedException e) {
            LOG.log(Level.DEBUG, "{0} closed before the handshake", connection);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0} failed before the handshake: {1}", connection, e);
        } catch (org.jpyro.api.SecurityException e) {
            refuseHmac(e);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "{0}: invalid first frame, closing: {1}", connection, e);
        }
        return null;
    }

    /** Pyro4 HMAC missing or wrong: Pyro4 still tells the client why (seq 0, marshal if it can). */
    private void refuseHmac(org.jpyro.api.SecurityException e) {
        LOG.log(Level.INFO, "{0}: {1}", link != null ? link : connection, e.getMessage());
        version = ProtocolVersion.PYRO4;
        codec = FrameCodec.of(version);
        Serializer s = core.replySerializer(version, MARSHAL_PYRO4);
        if (s != null) {
            try {
                send(MessageType.CONNECTFAIL, 0, 0, s.id(version), null, s.serializeData(e.getMessage(), version),
                        Map.of());
            } catch (IOException | RuntimeException failed) {
                LOG.log(Level.DEBUG, "cannot send CONNECTFAIL to {0}: {1}", connection, failed);
            }
        }
    }

    // ------------------------------------------------------------------ handshake

    private boolean handshake(Message m) {
        if (m.type() != MessageType.CONNECT) {
            connectFail(m, core.replySerializer(version, m.serializerId()), "invalid msg type " + m.type()
                    + " received", correlation(m));
            return false;
        }
        Serializer serializer = core.acceptedSerializer(version, m.serializerId());
        if (serializer == null) {
            connectFail(m, core.replySerializer(version, m.serializerId()),
                    "message used serializer that is not accepted: " + m.serializerId(),
                    version == ProtocolVersion.PYRO5 ? DaemonCore.newCorrelationId() : null);
            return false;
        }
        UUID corr = correlation(m);
        byte[] payload;
        int flags = 0;
        try {
            Object data = serializer.deserializeData(m.payload(), version);
            if (!(data instanceof Map) || !((Map<?, ?>) data).containsKey("handshake")) {
                throw new ProtocolException("invalid handshake data");
            }
            Map<?, ?> request = (Map<?, ?>) data;
            Object response = validateHandshake(m, corr, request.get("handshake"));
            Object reply = response;
            if (version == ProtocolVersion.PYRO5 || m.has(Flags.META_ON_CONNECT)) {
                Map<String, Object> withMeta = new LinkedHashMap<>();
                withMeta.put("handshake", response);
                withMeta.put("meta", core.metadata(request.get("object")).asDict(version == ProtocolVersion.PYRO4));
                reply = withMeta;
                if (version == ProtocolVersion.PYRO4) {
                    flags = Flags.META_ON_CONNECT;
                }
            }
            payload = serializer.serializeData(reply, version);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "handshake with {0} refused: {1}", connection, e);
            connectFail(m, serializer, reason(e), corr);
            return false;
        }
        try {
            send(MessageType.CONNECTOK, flags, m.seq(), m.serializerId(), corr, payload, Map.of());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot answer the handshake of {0}: {1}", connection, e);
            return false;
        }
    }

    /**
     * Runs the daemon's handshake check with the call context set as for a call: the CONNECT's correlation id
     * and annotations, the client address, the protocol version.
     */
    private Object validateHandshake(Message m, UUID corr, Object data) throws Exception {
        org.jpyro.api.CallContext.Saved saved = serve(m, corr);
        CallContext.enter(version);
        try {
            return core.validateHandshake(this::connection, data);
        } finally {
            CallContext.leave();
            saved.restore();
        }
    }

    /** The connection as a blocking {@link Connection} (on the multiplex server a view made on first use). */
    private Connection connection() {
        if (connection == null && link != null) {
            try {
                connection = link.asConnection();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return connection;
    }

    private void connectFail(Message m, Serializer serializer, String reason, UUID corr) {
        if (serializer == null) {
            LOG.log(Level.INFO, "{0} refused ({1}); no serializer to tell it", connection, reason);
            return;
        }
        try {
            send(MessageType.CONNECTFAIL, 0, m.seq(), serializer.id(version), corr,
                    serializer.serializeData(reason, version), Map.of());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot send CONNECTFAIL to {0}: {1}", connection, e);
        }
    }

    // ------------------------------------------------------------------ requests

    private void serveRequests() {
        while (true) {
            Message m;
            try {
                m = MessageIO.read(connection.in(), codec, core.wireOptions());
            } catch (ConnectionClosedException e) {
                LOG.log(Level.DEBUG, "{0} closed the connection", connection);
                return;
            } catch (SocketTimeoutException e) {
                LOG.log(Level.INFO, "{0} timed out (COMMTIMEOUT), closing", connection);
                return;
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "{0}: {1}", connection, e);
                return;
            } catch (PyroException e) {
                LOG.log(Level.INFO, "{0}: bad frame, closing the connection: {1}", connection, e);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, connection + ": cannot read a frame, closing", e);
                return;
            }
            if (!request(m)) {
                return;
            }
        }
    }

    /** Answers one request frame; {@code false} when the connection must end. */
    private boolean request(Message m) {
        try {
            if (m.type() == MessageType.INVOKE) {
                invoke(m);
            } else if (m.type() == MessageType.PING) {
                send(MessageType.PING, 0, m.seq(), m.serializerId(), correlation(m), PONG, Map.of());
            } else {
                LOG.log(Level.INFO, "{0}: invalid msg type {1} received, closing", this, m.type());
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot answer {0}: {1}", this, e);
            return false;
        }
    }

    private void invoke(Message m) throws IOException {
        UUID corr = correlation(m);
        org.jpyro.api.CallContext.Saved saved = serve(m, corr);
        serving = true;
        CallContext.enter(version);
        try {
            invokeInContext(m, corr);
        } finally {
            CallContext.leave();
            serving = false;
            saved.restore();
        }
    }

    /**
     * Shows the request to the called method through {@link org.jpyro.api.CallContext}: its correlation id (also
     * carried on by proxy calls the method makes), its annotations as Python's daemon shows them (Pyro4: with
     * {@code CORR}) and the client address.
     */
    private org.jpyro.api.CallContext.Saved serve(Message m, UUID corr) {
        Map<String, byte[]> annotations = m.annotations();
        if (version == ProtocolVersion.PYRO4 && m.correlationId() != null) {
            Map<String, byte[]> withCorr = new LinkedHashMap<>(annotations);
            withCorr.put("CORR", uuidBytes(m.correlationId()));
            annotations = withCorr;
        }
        return org.jpyro.api.CallContext.serve(corr, annotations,
                link != null ? link.remoteAddress() : connection.remoteAddress());
    }

    private static byte[] uuidBytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }

    private void invokeInContext(Message m, UUID corr) throws IOException {
        boolean oneway = m.has(Flags.ONEWAY);
        Serializer serializer = core.acceptedSerializer(version, m.serializerId());
        if (serializer == null) {
            if (!oneway) {
                sendException(m, core.replySerializer(version, m.serializerId()),
                        new SerializeException("message used serializer that is not accepted: " + m.serializerId()), corr);
            }
            return;
        }
        Call call;
        try {
            call = serializer.deserializeCall(m.payload(), version);
        } catch (RuntimeException e) {
            if (!oneway) {
                sendException(m, serializer, e instanceof SerializeException ? e
                        : new SerializeException("cannot deserialize the call: " + e, e), corr);
            }
            return;
        }
        Object result = null;
        Throwable error = null;
        int flags = 0;
        boolean stream = false;
        try {
            Object target = core.objects().target(call.objectId(), this);
            if (target == null) {
                LOG.log(Level.DEBUG, "unknown object requested: {0}", call.objectId());
                throw new DaemonException("unknown object");
            }
            String method = call.method();
            if (m.has(Flags.BATCH)) {
                result = runBatch(target, call.args());
                flags = Flags.BATCH;
            } else if (GETATTR.equals(method)) {
                result = ExposedClass.of(target.getClass()).requireAttribute(attributeName(call)).get(target);
            } else if (SETATTR.equals(method)) {
                if (call.args().size() != 2) {
                    throw PythonErrors.typeError("__setattr__ expects a name and a value");
                }
                ExposedClass.of(target.getClass()).requireAttribute(attributeName(call)).set(target, call.args().get(1));
            } else {
                RemoteMethod rm = ExposedClass.of(target.getClass()).requireMethod(method);
                if (oneway) {
                    ProtocolVersion callVersion = version;
                    core.runOneway(() -> {
                        org.jpyro.api.CallContext.Saved previous = serve(m, corr);
                        CallContext.enter(callVersion);
                        try {
                            runOneway(rm, target, call);
                        } finally {
                            CallContext.leave();
                            previous.restore();
                        }
                    });
                    return;
                }
                result = rm.invoke(target, call.args(), call.kwargs());
                stream = ItemStreams.isStream(result);
            }
        } catch (Throwable t) {
            error = t;
        }
        if (oneway) {
            if (error != null) {
                LOG.log(Level.DEBUG, "oneway request of {0} failed: {1}", connection, error);
            }
            return;
        }
        if (error != null) {
            LOG.log(Level.DEBUG, "exception while handling a request of {0}: {1}", connection, error);
            sendException(m, serializer, error, corr);
        } else if (stream) {
            sendStream(m, serializer, result, corr);
        } else {
            sendResult(m, serializer, flags, result, corr);
        }
    }

    private static String attributeName(Call call) {
        if (call.args().isEmpty() || !(call.args().get(0) instanceof String)) {
            throw PythonErrors.typeError(call.method() + " expects an attribute name");
        }
        return (String) call.args().get(0);
    }

    /** Pyro's batch: calls in order, stopping at the first exception, which ends the list wrapped. */
    private static List<Object> runBatch(Object target, List<Object> calls) throws Throwable {
        ExposedClass exposed = ExposedClass.of(target.getClass());
        List<Object> results = new ArrayList<>(calls.size());
        for (Object item : calls) {
            List<?> triple = sequence(item);
            if (triple == null || triple.size() != 3 || !(triple.get(0) instanceof String)) {
                throw PythonErrors.typeError("invalid batch call: " + item);
            }
            RemoteMethod rm = exposed.requireMethod((String) triple.get(0));
            List<?> vargs = triple.get(1) == null ? List.of() : sequence(triple.get(1));
            if (vargs == null) {
                throw PythonErrors.typeError("invalid batch call arguments: " + triple.get(1));
            }
            Map<String, Object> kwargs = keywords(triple.get(2));
            try {
                @SuppressWarnings("unchecked")
                List<Object> args = (List<Object>) vargs;
                results.add(rm.invoke(target, args, kwargs));
            } catch (Throwable t) {
                results.add(new ExceptionWrapper(t));
                break;
            }
        }
        return results;
    }

    private static List<?> sequence(Object o) {
        if (o instanceof List) {
            return (List<?>) o;
        }
        if (o instanceof Object[]) {
            return Arrays.asList((Object[]) o);
        }
        return null;
    }

    private static Map<String, Object> keywords(Object o) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof Map)) {
            throw PythonErrors.typeError("invalid batch call keyword arguments: " + o);
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw PythonErrors.typeError("keywords must be strings");
            }
            kwargs.put((String) e.getKey(), e.getValue());
        }
        return kwargs;
    }

    private void runOneway(RemoteMethod rm, Object target, Call call) {
        try {
            Object result = rm.invoke(target, call.args(), call.kwargs());
            if (result instanceof AutoCloseable && ItemStreams.isStream(result)) {
                ((AutoCloseable) result).close();
            }
        } catch (Throwable t) {
            LOG.log(Level.INFO, "oneway call " + call.method() + " on " + call.objectId() + " failed: " + t);
        }
    }

    // ------------------------------------------------------------------ replies

    private void sendResult(Message m, Serializer serializer, int flags, Object value, UUID corr) throws IOException {
        byte[] payload;
        try {
            payload = serializer.serializeData(value, version);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot serialize a result for {0}: {1}", connection, e);
            sendException(m, serializer, e, corr);
            return;
        }
        send(MessageType.RESULT, flags, m.seq(), m.serializerId(), corr, payload, Map.of());
    }

    private void sendException(Message m, Serializer serializer, Throwable error, UUID corr) throws IOException {
        if (serializer == null) {
            LOG.log(Level.INFO, "no serializer to report {0} to {1}", error, connection);
            return;
        }
        byte[] payload;
        try {
            payload = serializer.serializeData(error, version);
        } catch (RuntimeException e) {
            PyroException substitute = new PyroException("Error serializing exception: " + e.getMessage()
                    + ". Original exception: " + error.getClass().getName() + ": " + error.getMessage());
            substitute.withRemoteTraceback(PythonExceptions.traceback(error));
            payload = serializer.serializeData(substitute, version);
        }
        send(MessageType.RESULT, Flags.EXCEPTION, m.seq(), serializer.id(version),
                version == ProtocolVersion.PYRO5 ? corr : null, payload, Map.of());
    }

    private void sendStream(Message m, Serializer serializer, Object result, UUID corr) throws IOException {
        Map<String, byte[]> annotations = Map.of();
        if (core.iterStreaming()) {
            String id = core.streams().register(result, this);
            annotations = Map.of(STREAM_ANNOTATION, id.getBytes(StandardCharsets.US_ASCII));
        } else if (result instanceof AutoCloseable) {
            try {
                ((AutoCloseable) result).close(); // streaming is off: the client gets a ProtocolError only
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing an unstreamed result failed: {0}", e);
            }
        }
        byte[] payload = serializer.serializeData(streamMarker(), version);
        send(MessageType.RESULT, Flags.EXCEPTION | Flags.ITEMSTREAMRESULT, m.seq(), m.serializerId(),
                version == ProtocolVersion.PYRO5 ? corr : null, payload, annotations);
    }

    /** The exception old clients see for a stream result: ProtocolError without a traceback. */
    private Map<String, Object> streamMarker() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("_pyroTraceback", null);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("__class__", version.libraryName() + ".errors.ProtocolError");
        d.put("__exception__", Boolean.TRUE);
        d.put("args", Tuple.of("result of call is an iterator"));
        d.put("attributes", attributes);
        return d;
    }

    private void send(int type, int flags, int seq, int serializerId, UUID corr, byte[] payload,
                      Map<String, byte[]> annotations) throws IOException {
        if (serving && type == MessageType.RESULT && org.jpyro.api.CallContext.hasResponseAnnotations()) {
            Map<String, byte[]> all = new LinkedHashMap<>(annotations);
            for (Map.Entry<String, byte[]> e : org.jpyro.api.CallContext.responseAnnotations().entrySet()) {
                all.putIfAbsent(e.getKey(), e.getValue());
            }
            annotations = all;
        }
        Message reply = new Message(version, type, flags, seq, serializerId, corr, annotations, payload);
        byte[] frame = FrameCodec.of(version).encode(reply, core.wireOptions());
        if (link != null) {
            link.send(frame);
        } else {
            java.io.OutputStream out = connection.out();
            out.write(frame);
            out.flush();
        }
    }

    @Override
    public String toString() {
        return String.valueOf(link != null ? link : connection);
    }

    private static UUID correlation(Message m) {
        UUID c = m.correlationId();
        return c != null ? c : DaemonCore.newCorrelationId();
    }

    /** Python's {@code str(exception)} as far as Java has it. */
    private static String reason(Throwable t) {
        String msg = t.getMessage();
        return msg != null ? msg : t.getClass().getSimpleName();
    }
}
