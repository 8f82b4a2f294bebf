package org.jpyro.protocol;

import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;

/**
 * Tells Pyro4 from Pyro5 by the first 6 bytes of a frame: the tag {@code PYRO} and the 16-bit protocol number
 * (48 or 502). A daemon serving both versions on one port looks at the first frame of each connection.
 */
public final class ProtocolDetector {
    /** Bytes needed to detect the version. */
    public static final int DETECT_SIZE = AbstractFrameCodec.START_SIZE;

    private ProtocolDetector() {
    }

    /**
     * The protocol version of the frame starting at {@code buf[offset]}.
     *
     * @throws ProtocolException fewer than 6 bytes, no {@code PYRO} tag, or an unknown protocol number
     */
    public static ProtocolVersion detect(byte[] buf, int offset) {
        if (offset < 0 || offset > buf.length || buf.length - offset < DETECT_SIZE) {
            throw new ProtocolException("not enough data to detect the protocol version");
        }
        if (!AbstractFrameCodec.hasTag(buf, offset)) {
            throw new ProtocolException("invalid data or unsupported protocol version");
        }
        int number = BigEndian.u16(buf, offset + 4);
        switch (number) {
            case Pyro5Codec.PROTOCOL_VERSION: return ProtocolVersion.PYRO5;
            case Pyro4Codec.PROTOCOL_VERSION: return ProtocolVersion.PYRO4;
            default: throw new ProtocolException("invalid protocol version: " + number);
        }
    }
}
