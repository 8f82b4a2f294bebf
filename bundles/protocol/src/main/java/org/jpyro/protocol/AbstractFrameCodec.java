package org.jpyro.protocol;

import java.util.Arrays;

import org.jpyro.api.ProtocolException;

/**
 * What both codecs share: the body entry points and payload extraction. The package-private
 * {@link #decode(FrameHeader, byte[], int, byte[], int, WireOptions, boolean)} lets the stream readers keep
 * annotations and payload in separate arrays and hand over the payload array without copying it.
 */
abstract sealed class AbstractFrameCodec implements FrameCodec permits Pyro4Codec, Pyro5Codec {

    static final byte[] TAG = {'P', 'Y', 'R', 'O'};

    /** Bytes that identify the protocol: tag and version. */
    static final int START_SIZE = 6;

    /**
     * Validates the first {@value #START_SIZE} bytes of a frame (tag and version) with this version's wording.
     *
     * @throws ProtocolException not a frame of this version
     */
    abstract void checkStart(byte[] buf, int offset);

    /**
     * Decodes a body whose annotations area starts at {@code ann[annOffset]} and payload at
     * {@code data[dataOffset]}.
     *
     * @param adoptData the payload array may become the message's payload when it holds exactly the payload
     */
    abstract Message decode(FrameHeader header, byte[] ann, int annOffset, byte[] data, int dataOffset,
                            WireOptions options, boolean adoptData);

    @Override
    public final Message decodeBody(FrameHeader header, byte[] buf, int offset, WireOptions options) {
        if (header.version() != version()) {
            throw new IllegalArgumentException("a " + header.version() + " header given to the " + version() + " codec");
        }
        if (offset < 0 || offset > buf.length || buf.length - offset < header.bodyLength()) {
            throw new ProtocolException("payload length doesn't match message header");
        }
        return decode(header, buf, offset, buf, offset + header.annotationsLength(), options, false);
    }

    /** Checks the header bytes are there before reading them. */
    final void checkHeaderBounds(byte[] buf, int offset) {
        if (offset < 0 || offset > buf.length || buf.length - offset < headerSize()) {
            throw new ProtocolException("header data size mismatch");
        }
    }

    static boolean hasTag(byte[] buf, int offset) {
        return buf[offset] == TAG[0] && buf[offset + 1] == TAG[1] && buf[offset + 2] == TAG[2]
                && buf[offset + 3] == TAG[3];
    }

    /** Whether an HMAC key is configured (an empty key counts as none, as in Pyro4). */
    static boolean hasKey(WireOptions options) {
        byte[] key = options.hmacKey();
        return key != null && key.length > 0;
    }

    final void checkVersion(Message message) {
        if (message.version() != version()) {
            throw new IllegalArgumentException("a " + message.version() + " message given to the " + version()
                    + " codec");
        }
    }

    /**
     * The payload of a received frame: inflated when the frame says it is compressed (at most the size limit
     * minus the annotations), otherwise the bytes as sent.
     */
    static byte[] payload(FrameHeader header, byte[] data, int offset, WireOptions options, boolean adopt) {
        int length = header.dataLength();
        if ((header.flags() & Flags.COMPRESSED) != 0) {
            return Zlib.inflate(data, offset, length, (long) options.maxMessageSize() - header.annotationsLength());
        }
        if (adopt && offset == 0 && data.length == length) {
            return data;
        }
        return Arrays.copyOfRange(data, offset, offset + length);
    }
}
