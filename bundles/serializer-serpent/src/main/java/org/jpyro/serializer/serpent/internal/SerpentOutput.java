package org.jpyro.serializer.serpent.internal;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte buffer serpent text is written into, UTF-8 encoded on the fly. It is a {@link StringWriter} only
 * because the serpent library's writer methods take one; every write goes to this unsynchronized buffer
 * instead of the {@link StringBuffer} inside, so the text is encoded once and copied once.
 * One instance per serialization; not thread-safe.
 */
public final class SerpentOutput extends StringWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int count;

    /** An empty buffer with room for {@code capacity} bytes before it grows. */
    public SerpentOutput(int capacity) {
        super(0);
        buf = new byte[Math.max(capacity, 16)];
    }

    private void ensure(int extra) {
        if (count + extra > buf.length) {
            int wanted = count + extra;
            if (wanted < 0) {
                throw new OutOfMemoryError("serpent output larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, Math.max(wanted, buf.length << 1));
        }
    }

    /** Appends one byte (an ASCII character). */
    public void raw(char c) {
        if (count == buf.length) {
            ensure(1);
        }
        buf[count++] = (byte) c;
    }

    /** Appends a text known to be ASCII only. */
    public void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[count++] = (byte) s.charAt(i);
        }
    }

    /** Appends a decimal integer. */
    public void decimal(long v) {
        if (v == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[count++] = '-';
            v = -v;
        }
        if (v < 10) {
            buf[count++] = (byte) ('0' + v);
            return;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int end = count + digits;
        for (int i = end - 1; i >= count; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        count = end;
    }

    /**
     * Appends Python's {@code repr()} of a str (see {@link PythonRepr#writeString}), encoding straight into
     * the buffer: plain ASCII runs cost one store per character.
     */
    void pythonString(String s, char quote) {
        int n = s.length();
        byte[] escapes = PythonRepr.asciiEscapes(quote);
        ensure(n + 2);
        byte[] b = buf;
        int c0 = count;
        b[c0++] = (byte) quote;
        // invariant: the buffer has room for the rest of the string if it is plain ASCII, plus the quote
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && escapes[c] == 0) {
                b[c0++] = (byte) c;
                continue;
            }
            count = c0;
            i = PythonRepr.writeSpecial(s, i, quote, this);
            ensure(n - i + 1);
            b = buf;
            c0 = count;
        }
        b[c0++] = (byte) quote;
        count = c0;
    }

    /** Appends a backslash escape: {@code \x} + 2, {@code \\u} + 4 or {@code \U} + 8 lower-case hex digits. */
    public void escape(char kind, int value, int digits) {
        ensure(2 + digits);
        buf[count++] = '\\';
        buf[count++] = (byte) kind;
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            buf[count++] = HEX[(value >>> shift) & 0xf];
        }
    }

    /** Appends one Unicode code point as UTF-8 (a lone surrogate becomes {@code ?}). */
    public void codePoint(int cp) {
        if (cp < 0x80) {
            raw((char) cp);
        } else if (cp < 0x800) {
            ensure(2);
            buf[count++] = (byte) (0xc0 | (cp >>> 6));
            buf[count++] = (byte) (0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            if (cp >= 0xd800 && cp <= 0xdfff) {
                raw('?');
                return;
            }
            ensure(3);
            buf[count++] = (byte) (0xe0 | (cp >>> 12));
            buf[count++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
            buf[count++] = (byte) (0x80 | (cp & 0x3f));
        } else {
            ensure(4);
            buf[count++] = (byte) (0xf0 | (cp >>> 18));
            buf[count++] = (byte) (0x80 | ((cp >>> 12) & 0x3f));
            buf[count++] = (byte) (0x80 | ((cp >>> 6) & 0x3f));
            buf[count++] = (byte) (0x80 | (cp & 0x3f));
        }
    }

    /** The bytes written so far, exactly sized. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    /** Number of bytes written so far. */
    public int size() {
        return count;
    }

    @Override
    public void write(int c) {
        codePoint(c & 0xffff);
    }

    @Override
    public void write(String str) {
        write(str, 0, str.length());
    }

    @Override
    public void write(String str, int off, int len) {
        int end = off + len;
        ensure(len);
        for (int i = off; i < end; i++) {
            char c = str.charAt(i);
            if (c < 0x80) {
                if (count == buf.length) {
                    ensure(1);
                }
                buf[count++] = (byte) c;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(str.charAt(i + 1))) {
                codePoint(Character.toCodePoint(c, str.charAt(++i)));
            } else {
                codePoint(c);
            }
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
        write(new String(cbuf, off, len));
    }

    @Override
    public StringWriter append(CharSequence csq) {
        write(String.valueOf(csq));
        return this;
    }

    @Override
    public StringWriter append(CharSequence csq, int start, int end) {
        write(String.valueOf(csq == null ? "null" : csq.subSequence(start, end)));
        return this;
    }

    @Override
    public StringWriter append(char c) {
        write(c);
        return this;
    }

    /** Not available: the text lives in the byte buffer. */
    @Override
    public StringBuffer getBuffer() {
        throw new UnsupportedOperationException("SerpentOutput keeps its text as UTF-8 bytes");
    }

    /** The text written so far (for diagnostics). */
    @Override
    public String toString() {
        return new String(buf, 0, count, StandardCharsets.UTF_8);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
