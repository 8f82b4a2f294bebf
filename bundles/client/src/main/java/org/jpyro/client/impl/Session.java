package org.jpyro.client.impl;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageIO;
import org.jpyro.protocol.WireOptions;
import org.jpyro.transport.Connection;

/**
 * One live connection of a proxy, with everything fixed for its lifetime: protocol version, serializer, wire
 * options and the resolved target. Sending and receiving translate I/O failures into Pyro exceptions; the
 * caller drops the session after any failure, because the stream may be out of step.
 * Not thread-safe: the owning {@link ProxyCore} serializes access.
 */
public final class Session {
    private final Connection connection;
    private final FrameCodec codec;
    private final WireOptions options;
    private final ProtocolVersion version;
    private final Serializer serializer;
    private final int serializerId;
    private final PyroURI target;

    Session(Connection connection, ProtocolVersion version, Serializer serializer, int serializerId, PyroURI target,
            WireOptions options) {
        this.connection = connection;
        this.codec = FrameCodec.of(version);
        this.options = options;
        this.version = version;
        this.serializer = serializer;
        this.serializerId = serializerId;
        this.target = target;
    }

    ProtocolVersion version() {
        return version;
    }

    Serializer serializer() {
        return serializer;
    }

    int serializerId() {
        return serializerId;
    }

    /** The resolved {@code PYRO:} uri this session is connected to. */
    PyroURI target() {
        return target;
    }

    /** The object id of the target. */
    String objectId() {
        return target.object();
    }

    /** Writes one frame and flushes. */
    void send(Message message) {
        try {
            MessageIO.write(connection.out(), message, options);
        } catch (Exception e) {
            throw WireErrors.translate(e, "sending");
        }
    }

    /** Reads one frame. */
    Message receive() {
        try {
            return MessageIO.read(connection.in(), codec, options);
        } catch (Exception e) {
            throw WireErrors.translate(e, "receiving");
        }
    }

    /** Closes the socket; a thread blocked in {@link #receive()} wakes up with an exception. */
    void close() {
        connection.close();
    }

    boolean isClosed() {
        return connection.isClosed();
    }

    @Override
    public String toString() {
        return "Session[" + target + " " + version + " " + serializer.name() + " " + connection + "]";
    }
}
