package org.jpyro.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageIO;
import org.jpyro.protocol.MessageType;
import org.jpyro.protocol.WireOptions;

/**
 * A small scripted Pyro daemon for client tests: serves any object id with the methods in {@link #methods}, the
 * attributes in {@link #attributes}, item streams for methods returning an {@link Iterator}, and the
 * {@code Pyro.Daemon} calls a proxy makes. Hooks let a test break the protocol on purpose.
 */
final class FakeDaemon implements AutoCloseable {
    final ProtocolVersion version;
    final Serializer serializer = SerializerRegistry.defaultRegistry().byName("serpent");
    final Map<String, Function<List<Object>, Object>> methods = new ConcurrentHashMap<>();
    final Map<String, Object> attributes = new ConcurrentHashMap<>();
    final List<Message> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    volatile Set<String> oneway = Set.of();
    /** Applied to every RESULT before it is sent; returning {@code null} closes the connection instead. */
    volatile UnaryOperator<Message> tamper = UnaryOperator.identity();
    /** CONNECTFAIL with this reason instead of CONNECTOK, when set. */
    volatile String connectFail;
    /** Pyro4: answer META_ON_CONNECT requests with metadata (as a Pyro4 daemon does). */
    volatile boolean metaOnConnect = true;
    /** Delay before each RESULT. */
    volatile long delayMillis;

    private final ServerSocket server;
    private final Map<String, Iterator<?>> streams = new ConcurrentHashMap<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeDaemon(ProtocolVersion version) throws IOException {
        this.version = version;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        methods.put("echo", args -> args.isEmpty() ? null : args.get(0));
        methods.put("ping", args -> null);
        attributes.put("value", 42);
        acceptor = new Thread(this::acceptLoop, "fake-daemon");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    PyroURI uri(String objectId) {
        return PyroURI.of(objectId, "127.0.0.1", server.getLocalPort());
    }

    int port() {
        return server.getLocalPort();
    }

    /** The INVOKE requests received so far, decoded. */
    List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (Message m : received) {
            if (m.type() == MessageType.INVOKE) {
                calls.add(serializer.deserializeCall(m.payload(), version));
            }
        }
        return calls;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "fake-daemon-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        FrameCodec codec = FrameCodec.of(version);
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
            while (true) {
                Message request;
                try {
                    request = MessageIO.read(in, codec, WireOptions.DEFAULT);
                } catch (org.jpyro.api.ConnectionClosedException e) {
                    return;
                }
                received.add(request);
                Message reply = answer(request);
                if (reply == null) {
                    if (request.type() == MessageType.INVOKE && !request.has(Flags.ONEWAY)) {
                        return; // tampered: drop the connection
                    }
                    continue;
                }
                MessageIO.write(out, reply, WireOptions.DEFAULT);
                if (reply.type() == MessageType.CONNECTFAIL) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // connection ends
        }
    }

    private Message answer(Message request) {
        switch (request.type()) {
            case MessageType.PING:
                return new Message(version, MessageType.PING, 0, request.seq(), request.serializerId(), null, Map.of(),
                        "pong".getBytes(StandardCharsets.US_ASCII));
            case MessageType.CONNECT:
                return connectReply(request);
            case MessageType.INVOKE:
                Call call = serializer.deserializeCall(request.payload(), version);
                Message result = invoke(request, call);
                if (request.has(Flags.ONEWAY)) {
                    return null;
                }
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return tamper.apply(result);
            default:
                throw new IllegalStateException("unexpected " + request);
        }
    }

    private Message connectReply(Message request) {
        if (connectFail != null) {
            return reply(request, MessageType.CONNECTFAIL, 0, connectFail, Map.of());
        }
        Map<?, ?> data = (Map<?, ?>) serializer.deserializeData(request.payload(), version);
        boolean withMeta = version == ProtocolVersion.PYRO5 || (request.has(Flags.META_ON_CONNECT) && metaOnConnect);
        if (!withMeta) {
            return reply(request, MessageType.CONNECTOK, 0, "hello", Map.of());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("handshake", "hello");
        response.put("meta", metadata());
        assert data.containsKey("handshake");
        return reply(request, MessageType.CONNECTOK, version == ProtocolVersion.PYRO4 ? Flags.META_ON_CONNECT : 0,
                response, Map.of());
    }

    Map<String, Object> metadata() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("methods", Set.copyOf(methods.keySet()));
        meta.put("oneway", Set.copyOf(oneway));
        meta.put("attrs", Set.copyOf(attributes.keySet()));
        return meta;
    }

    private Message invoke(Message request, Call call) {
        try {
            Object value;
            if (call.objectId().equals("Pyro.Daemon")) {
                value = daemonCall(call);
            } else if (call.method().equals("__getattr__")) {
                value = attributes.get((String) call.args().get(0));
            } else if (call.method().equals("__setattr__")) {
                attributes.put((String) call.args().get(0), call.args().get(1));
                value = null;
            } else {
                Function<List<Object>, Object> m = methods.get(call.method());
                if (m == null) {
                    throw new PyroRemoteException("builtins.AttributeError",
                            List.of("no attribute '" + call.method() + "'"), Map.of());
                }
                value = m.apply(call.args());
            }
            if (value instanceof Iterator<?> it) {
                String id = UUID.randomUUID().toString();
                streams.put(id, it);
                return reply(request, MessageType.RESULT, Flags.EXCEPTION | Flags.ITEMSTREAMRESULT,
                        new ProtocolException("result of call is an iterator"),
                        Map.of("STRM", id.getBytes(StandardCharsets.US_ASCII)));
            }
            return reply(request, MessageType.RESULT, 0, value, Map.of());
        } catch (RuntimeException e) {
            return reply(request, MessageType.RESULT, Flags.EXCEPTION, e, Map.of());
        }
    }

    private Object daemonCall(Call call) {
        String id = String.valueOf(call.args().get(0));
        switch (call.method()) {
            case "get_metadata":
                return metadata();
            case "get_next_stream_item": {
                Iterator<?> it = streams.get(id);
                if (it == null || !it.hasNext()) {
                    streams.remove(id);
                    throw new PyroRemoteException("builtins.StopIteration", List.of(), Map.of());
                }
                return it.next();
            }
            case "close_stream":
                streams.remove(id);
                return null;
            default:
                throw new PyroRemoteException("builtins.AttributeError", List.of(call.method()), Map.of());
        }
    }

    private Message reply(Message request, int type, int flags, Object value, Map<String, byte[]> annotations) {
        return new Message(version, type, flags, request.seq(), request.serializerId(), null, annotations,
                serializer.serializeData(value, version));
    }

    int openStreams() {
        return streams.size();
    }

    @Override
    public void close() throws IOException {
        server.close();
        // the JDK defers closing a listening socket while a thread is blocked in accept(): until the acceptor has
        // left, connects still succeed (and may even be accepted); wait for it so a closed daemon refuses them
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket s : sockets) {
            s.close();
        }
    }
}
