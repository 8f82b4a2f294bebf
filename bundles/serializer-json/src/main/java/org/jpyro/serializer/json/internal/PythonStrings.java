package org.jpyro.serializer.json.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

/**
 * Strings as Python's {@code json.dumps(obj, ensure_ascii=False)} writes them: {@code \" \\ \b \f \n \r \t},
 * other control characters as {@code \\u00xx} in lowercase hex, everything else (DEL, all non-ASCII) as UTF-8.
 *
 * <p>Jackson's generator writes most strings exactly so, and does it fastest; two cases are encoded here
 * instead: control characters without a short escape (Jackson writes uppercase hex) and unpaired surrogates
 * (Jackson's UTF-8 output can merge one with the next char). An unpaired surrogate is written as a
 * {@code \\udxxx} escape, which Python reads back as the same (unencodable) string.
 */
final class PythonStrings {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private PythonStrings() {
    }

    /** Writes a str value. */
    static void writeString(JsonGenerator gen, String s) throws IOException {
        if (jacksonWritesExactly(s)) {
            gen.writeString(s);
        } else {
            byte[] encoded = encode(s);
            gen.writeRawUTF8String(encoded, 0, encoded.length);
        }
    }

    /** Writes a dict key. */
    static void writeName(JsonGenerator gen, String s) throws IOException {
        if (jacksonWritesExactly(s)) {
            gen.writeFieldName(s);
        } else {
            gen.writeFieldName(new EncodedName(s, encode(s)));
        }
    }

    /** True unless the text has a control character other than \b \t \n \f \r, or any surrogate. */
    static boolean jacksonWritesExactly(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r') {
                    return false;
                }
            } else if (c >= 0xd800 && c <= 0xdfff) {
                // pairs are fine, but checking them costs as much as encoding them here
                return false;
            }
        }
        return true;
    }

    /** The escaped UTF-8 bytes of the text, without the quotes. */
    static byte[] encode(String s) {
        int n = s.length();
        byte[] out = new byte[n * 3 + 16];
        int o = 0;
        for (int i = 0; i < n; i++) {
            if (out.length - o < 12) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                o = ascii(c, out, o);
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[o++] = (byte) (0xf0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                o = unicodeEscape(c, out, o);
            } else {
                out[o++] = (byte) (0xe0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return Arrays.copyOf(out, o);
    }

    private static int ascii(char c, byte[] out, int o) {
        switch (c) {
            case '"': out[o++] = '\\'; out[o++] = '"'; return o;
            case '\\': out[o++] = '\\'; out[o++] = '\\'; return o;
            case '\b': out[o++] = '\\'; out[o++] = 'b'; return o;
            case '\f': out[o++] = '\\'; out[o++] = 'f'; return o;
            case '\n': out[o++] = '\\'; out[o++] = 'n'; return o;
            case '\r': out[o++] = '\\'; out[o++] = 'r'; return o;
            case '\t': out[o++] = '\\'; out[o++] = 't'; return o;
            default:
                if (c < 0x20) {
                    return unicodeEscape(c, out, o);
                }
                out[o++] = (byte) c;
                return o;
        }
    }

    private static int unicodeEscape(char c, byte[] out, int o) {
        out[o++] = '\\';
        out[o++] = 'u';
        out[o++] = HEX[(c >> 12) & 0xf];
        out[o++] = HEX[(c >> 8) & 0xf];
        out[o++] = HEX[(c >> 4) & 0xf];
        out[o++] = HEX[c & 0xf];
        return o;
    }

    /** A dict key whose escaped UTF-8 form is already known (what Jackson's generator asks a name for). */
    private static final class EncodedName implements SerializableString {
        private final String value;
        private final byte[] quoted;

        EncodedName(String value, byte[] quoted) {
            this.value = value;
            this.quoted = quoted;
        }

        @Override
        public String getValue() {
            return value;
        }

        @Override
        public int charLength() {
            return value.length();
        }

        @Override
        public char[] asQuotedChars() {
            return new String(quoted, StandardCharsets.UTF_8).toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] asQuotedUTF8() {
            return quoted.clone();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            if (offset + quoted.length > buffer.length) {
                return -1;
            }
            System.arraycopy(quoted, 0, buffer, offset, quoted.length);
            return quoted.length;
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            char[] chars = asQuotedChars();
            if (offset + chars.length > buffer.length) {
                return -1;
            }
            System.arraycopy(chars, 0, buffer, offset, chars.length);
            return chars.length;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            byte[] bytes = asUnquotedUTF8();
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            if (offset + value.length() > buffer.length) {
                return -1;
            }
            value.getChars(0, value.length(), buffer, offset);
            return value.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            out.write(quoted);
            return quoted.length;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            byte[] bytes = asUnquotedUTF8();
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < quoted.length) {
                return -1;
            }
            buffer.put(quoted);
            return quoted.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer out) {
            byte[] bytes = asUnquotedUTF8();
            if (out.remaining() < bytes.length) {
                return -1;
            }
            out.put(bytes);
            return bytes.length;
        }
    }
}
