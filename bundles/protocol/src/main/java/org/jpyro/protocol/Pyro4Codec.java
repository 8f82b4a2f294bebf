package org.jpyro.protocol;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;

import org.jpyro.api.MessageTooLargeException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SecurityException;

/**
 * The Pyro4 frame (protocol 48): a 24-byte header with 16-bit message type, serializer id and annotations
 * length, a signed 32-bit data length and an additive header checksum; annotation chunks with 2-byte lengths.
 * The correlation id travels as the {@value #CORR} annotation (16 raw bytes) and, when a key is configured,
 * every frame carries an HMAC-SHA1 digest as the {@value #HMAC} annotation. Payloads of 200 bytes or more are
 * compressed (zlib default level) when compression is on and it makes them smaller. Stateless and thread-safe.
 *
 * <p>On encode the codec places {@code CORR} after the message's annotations in requests (CONNECT, INVOKE) and
 * before them in everything else, as Pyro4's proxy and daemon do; {@code HMAC} always comes last.
 */
public final class Pyro4Codec extends AbstractFrameCodec {
    /** The one instance. */
    public static final Pyro4Codec INSTANCE = new Pyro4Codec();

    /** The protocol number in the header. */
    public static final int PROTOCOL_VERSION = 48;
    /** Size of the fixed header. */
    public static final int HEADER_SIZE = 24;
    /** Added to the header fields' sum to form the checksum. */
    public static final int CHECKSUM_MAGIC = 0x34E9;
    /** Payloads of at least this size are compressed when compression is on (and it helps). */
    public static final int COMPRESSION_THRESHOLD = 200;
    /** Annotation key of the correlation id (16 raw UUID bytes). */
    public static final String CORR = "CORR";
    /** Annotation key of the HMAC-SHA1 digest (20 bytes). */
    public static final String HMAC = "HMAC";

    private static final int LENGTH_FIELD = 2;
    private static final int MAX_ANNOTATIONS_LENGTH = 0xFFFF;
    private static final int CORR_CHUNK = AnnotationChunks.KEY_SIZE + LENGTH_FIELD + 16;
    private static final int HMAC_CHUNK = AnnotationChunks.KEY_SIZE + LENGTH_FIELD + HmacSha1.LENGTH;

    private Pyro4Codec() {
    }

    @Override
    public ProtocolVersion version() {
        return ProtocolVersion.PYRO4;
    }

    @Override
    public int headerSize() {
        return HEADER_SIZE;
    }

    @Override
    void checkStart(byte[] buf, int offset) {
        if (!hasTag(buf, offset) || BigEndian.u16(buf, offset + 4) != PROTOCOL_VERSION) {
            throw new ProtocolException("invalid data or unsupported protocol version");
        }
    }

    @Override
    public FrameHeader decodeHeader(byte[] buf, int offset, WireOptions options) {
        checkHeaderBounds(buf, offset);
        checkStart(buf, offset);
        int type = BigEndian.u16(buf, offset + 6);
        int wireFlags = BigEndian.u16(buf, offset + 8);
        int seq = BigEndian.u16(buf, offset + 10);
        int dataLength = BigEndian.i32(buf, offset + 12);
        int serializerId = BigEndian.u16(buf, offset + 16);
        int annotationsLength = BigEndian.u16(buf, offset + 18);
        int checksum = BigEndian.u16(buf, offset + 22);
        if (checksum != checksum(type, dataLength, annotationsLength, serializerId, wireFlags, seq)) {
            throw new ProtocolException("header checksum mismatch");
        }
        if (dataLength < 0) {
            throw new ProtocolException("invalid message size (" + dataLength + ")");
        }
        long total = (long) dataLength + annotationsLength;
        if (total > options.maxMessageSize()) {
            throw new MessageTooLargeException("max message size exceeded (" + total + " where max="
                    + options.maxMessageSize() + ")");
        }
        if (!MessageType.isValid(type)) {
            throw new ProtocolException("invalid msg type " + type + " received");
        }
        return new FrameHeader(ProtocolVersion.PYRO4, type, Flags.fromWire(wireFlags, ProtocolVersion.PYRO4), seq,
                serializerId, dataLength, annotationsLength, null);
    }

    private static int checksum(int type, int dataLength, int annotationsLength, int serializerId, int wireFlags,
                                int seq) {
        return (type + PROTOCOL_VERSION + dataLength + annotationsLength + serializerId + wireFlags + seq
                + CHECKSUM_MAGIC) & 0xFFFF;
    }

    @Override
    Message decode(FrameHeader header, byte[] ann, int annOffset, byte[] data, int dataOffset, WireOptions options,
                   boolean adoptData) {
        Map<String, byte[]> annotations;
        byte[] corr = null;
        byte[] digest = null;
        if (header.annotationsLength() == 0) {
            annotations = Map.of();
        } else {
            LinkedHashMap<String, byte[]> parsed = AnnotationChunks.parse(ann, annOffset, header.annotationsLength(),
                    LENGTH_FIELD);
            corr = parsed.remove(CORR);
            digest = parsed.remove(HMAC);
            annotations = parsed;
        }
        boolean keyed = hasKey(options);
        if (digest != null && keyed) {
            byte[] expected = HmacSha1.digest(options.hmacKey(), data, dataOffset, header.dataLength(), annotations,
                    corr);
            if (!MessageDigest.isEqual(digest, expected)) {
                throw new SecurityException("message hmac mismatch");
            }
        } else if ((digest != null) != keyed) {
            throw new SecurityException("hmac key config not symmetric");
        }
        UUID correlationId = null;
        if (corr != null) {
            if (corr.length != 16) {
                throw new ProtocolException("invalid CORR annotation: 16 bytes expected, got " + corr.length);
            }
            correlationId = new UUID(BigEndian.i64(corr, 0), BigEndian.i64(corr, 8));
        }
        byte[] payload = payload(header, data, dataOffset, options, adoptData);
        return new Message(ProtocolVersion.PYRO4, header.type(), header.flags(), header.seq(), header.serializerId(),
                correlationId, annotations, payload);
    }

    @Override
    public byte[] encode(Message message, WireOptions options) {
        checkVersion(message);
        Map<String, byte[]> annotations = message.annotations();
        if (annotations.containsKey(CORR) || annotations.containsKey(HMAC)) {
            throw new ProtocolException("annotations CORR and HMAC are reserved for the codec"
                    + " (set the message's correlation id instead)");
        }
        byte[] payload = message.payload();
        int dataLength = payload.length;
        int flags = message.flags() & ~Flags.COMPRESSED;
        if (options.compression() && payload.length >= COMPRESSION_THRESHOLD) {
            Zlib.Deflated deflated = Zlib.deflate(payload, Deflater.DEFAULT_COMPRESSION);
            if (deflated.length() < payload.length) {
                payload = deflated.bytes();
                dataLength = deflated.length();
                flags |= Flags.COMPRESSED;
            }
        }
        byte[] corr = null;
        UUID correlationId = message.correlationId();
        if (correlationId != null) {
            corr = new byte[16];
            BigEndian.put64(corr, 0, correlationId.getMostSignificantBits());
            BigEndian.put64(corr, 8, correlationId.getLeastSignificantBits());
        }
        boolean keyed = hasKey(options);
        long annotationsLength = AnnotationChunks.totalSize(annotations, LENGTH_FIELD)
                + (corr != null ? CORR_CHUNK : 0) + (keyed ? HMAC_CHUNK : 0);
        if (annotationsLength > MAX_ANNOTATIONS_LENGTH) {
            throw new ProtocolException("annotations too large for Pyro4 (" + annotationsLength + " bytes, max="
                    + MAX_ANNOTATIONS_LENGTH + ")");
        }
        long total = dataLength + annotationsLength;
        if (total > options.maxMessageSize() || HEADER_SIZE + total > Integer.MAX_VALUE - 8) {
            throw new MessageTooLargeException("max message size exceeded (" + total + " where max="
                    + options.maxMessageSize() + ")");
        }
        int type = message.type() & 0xFFFF;
        int wireFlags = Flags.toWire(flags, ProtocolVersion.PYRO4);
        int seq = message.seq() & 0xFFFF;
        int serializerId = message.serializerId() & 0xFFFF;
        byte[] frame = new byte[HEADER_SIZE + (int) total];
        System.arraycopy(TAG, 0, frame, 0, TAG.length);
        BigEndian.put16(frame, 4, PROTOCOL_VERSION);
        BigEndian.put16(frame, 6, type);
        BigEndian.put16(frame, 8, wireFlags);
        BigEndian.put16(frame, 10, seq);
        BigEndian.put32(frame, 12, dataLength);
        BigEndian.put16(frame, 16, serializerId);
        BigEndian.put16(frame, 18, (int) annotationsLength);
        BigEndian.put16(frame, 22, checksum(type, dataLength, (int) annotationsLength, serializerId, wireFlags, seq));
        int pos = HEADER_SIZE;
        boolean corrFirst = type != MessageType.CONNECT && type != MessageType.INVOKE;
        if (corr != null && corrFirst) {
            pos = AnnotationChunks.write(frame, pos, CORR, corr, LENGTH_FIELD);
        }
        for (Map.Entry<String, byte[]> e : annotations.entrySet()) {
            pos = AnnotationChunks.write(frame, pos, e.getKey(), e.getValue(), LENGTH_FIELD);
        }
        if (corr != null && !corrFirst) {
            pos = AnnotationChunks.write(frame, pos, CORR, corr, LENGTH_FIELD);
        }
        if (keyed) {
            byte[] digest = HmacSha1.digest(options.hmacKey(), payload, 0, dataLength, annotations, corr);
            pos = AnnotationChunks.write(frame, pos, HMAC, digest, LENGTH_FIELD);
        }
        System.arraycopy(payload, 0, frame, pos, dataLength);
        return frame;
    }

    @Override
    public String toString() {
        return "Pyro4Codec";
    }
}
