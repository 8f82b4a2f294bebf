package org.jpyro.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jpyro.api.PyroURI;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageIO;
import org.jpyro.protocol.MessageType;
import org.jpyro.protocol.WireOptions;
import org.jpyro.serializer.serpent.SerpentSerializer;

/** A test client that speaks raw Pyro frames over a real socket (codec + serpent, no proxy logic). */
final class RawClient implements AutoCloseable {
    static final Serializer SERPENT = new SerpentSerializer();

    final java.io.Closeable socket;
    final InputStream in;
    final OutputStream out;
    final ProtocolVersion version;
    final WireOptions options;
    int seq;

    RawClient(PyroURI daemonUri, ProtocolVersion version) throws IOException {
        this(daemonUri, version, WireOptions.DEFAULT);
    }

    RawClient(PyroURI daemonUri, ProtocolVersion version, WireOptions options) throws IOException {
        this.version = version;
        this.options = options;
        Socket s = new Socket();
        s.connect(new InetSocketAddress(daemonUri.host(), daemonUri.port()), 5000);
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream());
    }

    private RawClient(java.nio.channels.SocketChannel channel, ProtocolVersion version) {
        this.version = version;
        this.options = WireOptions.DEFAULT;
        socket = channel;
        in = new BufferedInputStream(java.nio.channels.Channels.newInputStream(channel));
        out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel));
    }

    /** A client over a Unix domain socket. */
    static RawClient unix(String path, ProtocolVersion version) throws IOException {
        java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        ch.connect(java.net.UnixDomainSocketAddress.of(path));
        return new RawClient(ch, version);
    }

    /** Sends CONNECT with {@code {'handshake': handshake, 'object': objectId}} (no 'object' if null). */
    Message connect(String objectId, Object handshake, int flags) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("handshake", handshake);
        if (objectId != null) {
            data.put("object", objectId);
        }
        send(new Message(version, MessageType.CONNECT, flags, seq, 1, null, Map.of(),
                SERPENT.serializeData(data, version)));
        return read();
    }

    /** Sends an INVOKE; reads and returns the reply unless the call is oneway. */
    Message invoke(String objectId, String method, List<Object> args, Map<String, Object> kwargs, int flags)
            throws IOException {
        seq = (seq + 1) & 0xFFFF;
        byte[] payload = SERPENT.serializeCall(new Call(objectId, method, args, kwargs), version);
        send(new Message(version, MessageType.INVOKE, flags, seq, 1, null, Map.of(), payload));
        if ((flags & org.jpyro.protocol.Flags.ONEWAY) != 0) {
            return null;
        }
        return read();
    }

    Message call(String objectId, String method, Object... args) throws IOException {
        return invoke(objectId, method, java.util.Arrays.asList(args), Map.of(), 0);
    }

    void send(Message m) throws IOException {
        MessageIO.write(out, m, options);
    }

    void sendRaw(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    Message read() throws IOException {
        return MessageIO.read(in, FrameCodec.of(version), options);
    }

    Object value(Message m) {
        return SERPENT.deserializeData(m.payload(), version);
    }

    /** Whether the daemon closed the connection (end of stream within the socket timeout). */
    boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
