package org.jpyro.protocol;

import java.util.Map;
import java.util.UUID;

import org.jpyro.api.MessageTooLargeException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;

/**
 * The Pyro5 frame (protocol 502): a 40-byte header with 8-bit message type and serializer id, 32-bit data and
 * annotation lengths, the correlation id (valid when {@link Flags#CORR_ID} is set) and the magic number
 * {@code 0x4DC5}; annotation chunks with 4-byte lengths; payloads over 100 bytes zlib-compressed (level 4) when
 * compression is on. Stateless and thread-safe.
 */
public final class Pyro5Codec extends AbstractFrameCodec {
    /** The one instance. */
    public static final Pyro5Codec INSTANCE = new Pyro5Codec();

    /** The protocol number in the header. */
    public static final int PROTOCOL_VERSION = 502;
    /** Size of the fixed header. */
    public static final int HEADER_SIZE = 40;
    /** The magic number in the last two header bytes. */
    public static final int MAGIC = 0x4DC5;
    /** Payloads longer than this are compressed when compression is on. */
    public static final int COMPRESSION_THRESHOLD = 100;
    /** zlib level Pyro5 compresses with. */
    public static final int COMPRESSION_LEVEL = 4;

    private static final int LENGTH_FIELD = 4;

    private Pyro5Codec() {
    }

    @Override
    public ProtocolVersion version() {
        return ProtocolVersion.PYRO5;
    }

    @Override
    public int headerSize() {
        return HEADER_SIZE;
    }

    @Override
    void checkStart(byte[] buf, int offset) {
        if (!hasTag(buf, offset)) {
            throw new ProtocolException("invalid data");
        }
        int version = BigEndian.u16(buf, offset + 4);
        if (version != PROTOCOL_VERSION) {
            throw new ProtocolException("invalid protocol version: " + version);
        }
    }

    @Override
    public FrameHeader decodeHeader(byte[] buf, int offset, WireOptions options) {
        checkHeaderBounds(buf, offset);
        checkStart(buf, offset);
        if (BigEndian.u16(buf, offset + 38) != MAGIC) {
            throw new ProtocolException("invalid magic number");
        }
        long dataLength = BigEndian.u32(buf, offset + 12);
        long annotationsLength = BigEndian.u32(buf, offset + 16);
        long total = dataLength + annotationsLength;
        if (total > options.maxMessageSize()) {
            throw new MessageTooLargeException("message too large (" + total + ", max=" + options.maxMessageSize() + ")");
        }
        int type = BigEndian.u8(buf, offset + 6);
        if (!MessageType.isValid(type)) {
            throw new ProtocolException("invalid msg type " + type + " received");
        }
        int flags = Flags.fromWire(BigEndian.u16(buf, offset + 8), ProtocolVersion.PYRO5);
        UUID correlationId = (flags & Flags.CORR_ID) != 0
                ? new UUID(BigEndian.i64(buf, offset + 20), BigEndian.i64(buf, offset + 28)) : null;
        return new FrameHeader(ProtocolVersion.PYRO5, type, flags, BigEndian.u16(buf, offset + 10),
                BigEndian.u8(buf, offset + 7), (int) dataLength, (int) annotationsLength, correlationId);
    }

    @Override
    Message decode(FrameHeader header, byte[] ann, int annOffset, byte[] data, int dataOffset, WireOptions options,
                   boolean adoptData) {
        Map<String, byte[]> annotations = header.annotationsLength() == 0 ? Map.of()
                : AnnotationChunks.parse(ann, annOffset, header.annotationsLength(), LENGTH_FIELD);
        byte[] payload = payload(header, data, dataOffset, options, adoptData);
        return new Message(ProtocolVersion.PYRO5, header.type(), header.flags(), header.seq(), header.serializerId(),
                header.correlationId(), annotations, payload);
    }

    @Override
    public byte[] encode(Message message, WireOptions options) {
        checkVersion(message);
        byte[] payload = message.payload();
        int dataLength = payload.length;
        int flags = message.flags() & ~(Flags.COMPRESSED | Flags.CORR_ID);
        if (options.compression() && payload.length > COMPRESSION_THRESHOLD) {
            Zlib.Deflated deflated = Zlib.deflate(payload, COMPRESSION_LEVEL);
            payload = deflated.bytes();
            dataLength = deflated.length();
            flags |= Flags.COMPRESSED;
        }
        Map<String, byte[]> annotations = message.annotations();
        long annotationsLength = AnnotationChunks.totalSize(annotations, LENGTH_FIELD);
        long total = dataLength + annotationsLength;
        if (total > options.maxMessageSize() || HEADER_SIZE + total > Integer.MAX_VALUE - 8) {
            throw new MessageTooLargeException("message too large (" + total + ", max=" + options.maxMessageSize() + ")");
        }
        UUID correlationId = message.correlationId();
        if (correlationId != null) {
            flags |= Flags.CORR_ID;
        }
        byte[] frame = new byte[HEADER_SIZE + (int) total];
        System.arraycopy(TAG, 0, frame, 0, TAG.length);
        BigEndian.put16(frame, 4, PROTOCOL_VERSION);
        frame[6] = (byte) message.type();
        frame[7] = (byte) message.serializerId();
        BigEndian.put16(frame, 8, Flags.toWire(flags, ProtocolVersion.PYRO5));
        BigEndian.put16(frame, 10, message.seq());
        BigEndian.put32(frame, 12, dataLength);
        BigEndian.put32(frame, 16, (int) annotationsLength);
        if (correlationId != null) {
            BigEndian.put64(frame, 20, correlationId.getMostSignificantBits());
            BigEndian.put64(frame, 28, correlationId.getLeastSignificantBits());
        }
        BigEndian.put16(frame, 38, MAGIC);
        int pos = HEADER_SIZE;
        for (Map.Entry<String, byte[]> e : annotations.entrySet()) {
            pos = AnnotationChunks.write(frame, pos, e.getKey(), e.getValue(), LENGTH_FIELD);
        }
        System.arraycopy(payload, 0, frame, pos, dataLength);
        return frame;
    }

    @Override
    public String toString() {
        return "Pyro5Codec";
    }
}
