package org.jpyro.protocol;

import org.jpyro.api.ProtocolVersion;

/**
 * Encodes and decodes the frames of one protocol version. Stateless and thread-safe.
 * Decoding never trusts a length field: sizes are checked against
 * {@link WireOptions#maxMessageSize()} before the caller allocates the body.
 */
public interface FrameCodec {

    /** The codec of a version. */
    static FrameCodec of(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO5 ? Pyro5Codec.INSTANCE : Pyro4Codec.INSTANCE;
    }

    /**
     * The protocol of a stream from its first 6 bytes ({@code PYRO} + version).
     *
     * @throws org.jpyro.api.ProtocolException if the bytes are not a Pyro4 or Pyro5 header start
     */
    static ProtocolVersion detect(byte[] first6) {
        return ProtocolDetector.detect(first6, 0);
    }

    ProtocolVersion version();

    /** Fixed header size: 40 (Pyro5) or 24 (Pyro4). */
    int headerSize();

    /**
     * Validates and decodes a header from {@code headerSize()} bytes at {@code offset}.
     *
     * @throws org.jpyro.api.ProtocolException        wrong tag, version, magic, checksum or message type
     * @throws org.jpyro.api.MessageTooLargeException data + annotations exceed the limit
     */
    FrameHeader decodeHeader(byte[] buf, int offset, WireOptions options);

    /**
     * Decodes the body ({@code header.bodyLength()} bytes at {@code offset}): annotation chunks, Pyro4 HMAC
     * check, decompression.
     *
     * @throws org.jpyro.api.ProtocolException a malformed annotation chunk or compressed payload
     * @throws org.jpyro.api.SecurityException HMAC missing, mismatched, or configured on one side only
     */
    Message decodeBody(FrameHeader header, byte[] buf, int offset, WireOptions options);

    /**
     * The complete frame for a message: header, annotations ({@code CORR}/{@code HMAC} added for Pyro4),
     * payload (compressed per options).
     *
     * @throws org.jpyro.api.MessageTooLargeException the frame would exceed the limit
     */
    byte[] encode(Message message, WireOptions options);
}
