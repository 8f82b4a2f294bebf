package org.jpyro.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jpyro.api.ProtocolException;

/**
 * Annotation chunks: a 4-character ASCII key, a big-endian value length (4 bytes in Pyro5, 2 in Pyro4), the
 * value bytes. Parsing trusts no length: every chunk must lie inside the annotations area and the chunks must
 * fill it exactly.
 */
final class AnnotationChunks {
    static final int KEY_SIZE = 4;

    /** Keys that occur in nearly every stream, shared instead of decoded again per frame. */
    private static final String[] WELL_KNOWN = {"CORR", "HMAC", "STRM", "BLBI"};

    private AnnotationChunks() {
    }

    /**
     * Parses the annotations area {@code buf[offset, offset + length)}.
     *
     * @param lengthFieldSize 4 (Pyro5) or 2 (Pyro4)
     * @return the annotations in wire order (a later duplicate key replaces the earlier value)
     * @throws ProtocolException a chunk overruns the area or has a non-ASCII key
     */
    static LinkedHashMap<String, byte[]> parse(byte[] buf, int offset, int length, int lengthFieldSize) {
        LinkedHashMap<String, byte[]> result = new LinkedHashMap<>(8);
        int chunkHeader = KEY_SIZE + lengthFieldSize;
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (end - pos < chunkHeader) {
                throw new ProtocolException("annotation chunk header overruns the annotations area");
            }
            String key = key(buf, pos);
            long valueLength = lengthFieldSize == 4 ? BigEndian.u32(buf, pos + KEY_SIZE)
                    : BigEndian.u16(buf, pos + KEY_SIZE);
            int valueStart = pos + chunkHeader;
            if (valueLength > end - valueStart) {
                throw new ProtocolException("annotation chunk " + key + " (" + valueLength
                        + " bytes) overruns the annotations area");
            }
            int valueEnd = valueStart + (int) valueLength;
            result.put(key, Arrays.copyOfRange(buf, valueStart, valueEnd));
            pos = valueEnd;
        }
        return result;
    }

    private static String key(byte[] buf, int pos) {
        for (int i = 0; i < KEY_SIZE; i++) {
            if (buf[pos + i] < 0) {
                throw new ProtocolException("annotation key is not ascii");
            }
        }
        for (String known : WELL_KNOWN) {
            if (buf[pos] == known.charAt(0) && buf[pos + 1] == known.charAt(1) && buf[pos + 2] == known.charAt(2)
                    && buf[pos + 3] == known.charAt(3)) {
                return known;
            }
        }
        return new String(buf, pos, KEY_SIZE, StandardCharsets.ISO_8859_1);
    }

    /** Bytes the chunk of one value takes on the wire. */
    static long chunkSize(byte[] value, int lengthFieldSize) {
        return (long) KEY_SIZE + lengthFieldSize + value.length;
    }

    /** Total bytes of all chunks; validates keys (and Pyro4's 16-bit value lengths). */
    static long totalSize(Map<String, byte[]> annotations, int lengthFieldSize) {
        long total = 0;
        for (Map.Entry<String, byte[]> e : annotations.entrySet()) {
            checkKey(e.getKey());
            byte[] value = e.getValue();
            if (value == null) {
                throw new ProtocolException("annotation " + e.getKey() + " has no value");
            }
            if (lengthFieldSize == 2 && value.length > 0xFFFF) {
                throw new ProtocolException("annotation " + e.getKey() + " too large for Pyro4 (" + value.length
                        + " bytes, max=65535)");
            }
            total += chunkSize(value, lengthFieldSize);
        }
        return total;
    }

    private static void checkKey(String key) {
        if (key == null || key.length() != KEY_SIZE) {
            throw new ProtocolException("annotation identifier must be 4 ascii characters: " + key);
        }
        for (int i = 0; i < KEY_SIZE; i++) {
            if (key.charAt(i) > 0x7F) {
                throw new ProtocolException("annotation identifier must be 4 ascii characters: " + key);
            }
        }
    }

    /** Writes one chunk (the key already validated) at {@code offset}; returns the offset after it. */
    static int write(byte[] dst, int offset, String key, byte[] value, int lengthFieldSize) {
        for (int i = 0; i < KEY_SIZE; i++) {
            dst[offset + i] = (byte) key.charAt(i);
        }
        if (lengthFieldSize == 4) {
            BigEndian.put32(dst, offset + KEY_SIZE, value.length);
        } else {
            BigEndian.put16(dst, offset + KEY_SIZE, value.length);
        }
        int start = offset + KEY_SIZE + lengthFieldSize;
        System.arraycopy(value, 0, dst, start, value.length);
        return start + value.length;
    }
}
