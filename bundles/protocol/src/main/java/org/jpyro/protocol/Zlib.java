package org.jpyro.protocol;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.jpyro.api.MessageTooLargeException;
import org.jpyro.api.ProtocolException;

/** zlib (RFC 1950) compression of payloads, with a hard cap on what decompression may produce. */
final class Zlib {
    /** Largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Largest first output buffer when inflating; grows by doubling from there. */
    private static final int MAX_INITIAL = 1 << 20;

    private Zlib() {
    }

    /** Compressed bytes: the first {@code length} bytes of {@code bytes}. */
    record Deflated(byte[] bytes, int length) {
    }

    /** Compresses {@code data} as one zlib stream at the given level (-1 = zlib's default). */
    static Deflated deflate(byte[] data, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(data);
            deflater.finish();
            // zlib's compressBound plus a little: normally one pass suffices
            long bound = (long) data.length + (data.length >>> 12) + (data.length >>> 14) + (data.length >>> 25) + 64;
            byte[] out = new byte[(int) Math.min(bound, MAX_ARRAY)];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    if (out.length == MAX_ARRAY) {
                        throw new MessageTooLargeException("message too large to compress");
                    }
                    out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, MAX_ARRAY));
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            return new Deflated(out, n);
        } finally {
            deflater.end();
        }
    }

    /**
     * Decompresses one zlib stream (bytes after its end are ignored, as Python's {@code zlib.decompress} does).
     *
     * @param maxLength the most bytes the result may have
     * @throws MessageTooLargeException the data inflates to more than {@code maxLength} bytes
     * @throws ProtocolException        the data is not a complete, valid zlib stream
     */
    static byte[] inflate(byte[] src, int offset, int length, long maxLength) {
        int cap = (int) Math.max(0, Math.min(maxLength, MAX_ARRAY));
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(src, offset, length);
            int initial = (int) Math.min(cap, Math.min(MAX_INITIAL, Math.max(64L, length * 4L)));
            byte[] out = new byte[initial];
            int n = 0;
            while (true) {
                if (n == out.length) {
                    if (n >= cap) {
                        ensureEndsAt(inflater, cap);
                        return out;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(cap, Math.max(64L, (long) n * 2)));
                }
                long consumedBefore = inflater.getBytesRead();
                int produced = inflater.inflate(out, n, out.length - n);
                n += produced;
                if (inflater.finished()) {
                    return n == out.length ? out : Arrays.copyOf(out, n);
                }
                if (produced == 0 && inflater.getBytesRead() == consumedBefore) {
                    failWithoutProgress(inflater);
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolException("invalid compressed data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** The output is full at the cap: the stream must end here, any further byte means it is too large. */
    private static void ensureEndsAt(Inflater inflater, int cap) throws DataFormatException {
        byte[] probe = new byte[1];
        while (!inflater.finished()) {
            long consumedBefore = inflater.getBytesRead();
            if (inflater.inflate(probe) > 0) {
                throw new MessageTooLargeException("decompressed message too large (max=" + cap + ")");
            }
            if (!inflater.finished() && inflater.getBytesRead() == consumedBefore) {
                failWithoutProgress(inflater);
            }
        }
    }

    private static void failWithoutProgress(Inflater inflater) {
        if (inflater.needsDictionary()) {
            throw new ProtocolException("invalid compressed data: preset dictionary required");
        }
        throw new ProtocolException("invalid compressed data: incomplete or truncated stream");
    }
}
