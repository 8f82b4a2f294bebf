package org.jpyro.ssl.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The little ASN.1 DER this bundle needs to read private keys and names: a cursor over definite-length
 * tag-length-value items ({@link Reader}) and an encoder for wrapping key bytes into PKCS#8 ({@link #encode}).
 * Malformed input is an {@link IllegalArgumentException}.
 */
public final class Der {
    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;
    /** Context-specific, constructed, tag number 0 ({@code [0]}). */
    public static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /** Reads the items of one DER buffer (or of one constructed item's contents) in order. */
    public static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        public Reader(byte[] der) {
            this(der, 0, der.length);
        }

        private Reader(byte[] buf, int start, int end) {
            this.buf = buf;
            this.pos = start;
            this.end = end;
        }

        /** Whether items are left. */
        public boolean hasMore() {
            return pos < end;
        }

        /** The tag of the next item without consuming it. */
        public int peekTag() {
            require(pos < end, "unexpected end of data");
            return buf[pos] & 0xFF;
        }

        /** The next item: its tag and contents. */
        public Item next() {
            require(pos + 2 <= end, "unexpected end of data");
            int tag = buf[pos++] & 0xFF;
            require((tag & 0x1F) != 0x1F, "multi-byte tags are not supported");
            int length = buf[pos++] & 0xFF;
            if (length >= 0x80) {
                int octets = length & 0x7F;
                require(octets >= 1 && octets <= 4 && pos + octets <= end, "bad length");
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (buf[pos++] & 0xFF);
                }
                require(length >= 0, "bad length");
            }
            require(length <= end - pos, "length beyond the data");
            Item item = new Item(tag, buf, pos, pos + length);
            pos += length;
            return item;
        }

        /** The next item, which must carry {@code tag}. */
        public Item next(int tag) {
            Item item = next();
            require(item.tag == tag, "expected tag 0x" + Integer.toHexString(tag) + ", found 0x"
                    + Integer.toHexString(item.tag));
            return item;
        }

        /** The contents of the next item, a SEQUENCE, as a reader. */
        public Reader sequence() {
            return next(SEQUENCE).reader();
        }

        /** The next item, an INTEGER. */
        public BigInteger integer() {
            return new BigInteger(next(INTEGER).bytes());
        }

        /** The next item, an OCTET STRING. */
        public byte[] octetString() {
            return next(OCTET_STRING).bytes();
        }

        /** The next item, an OBJECT IDENTIFIER, in dotted form. */
        public String oid() {
            return next(OID).oid();
        }
    }

    /**
     * One DER item.
     *
     * @param tag   the identifier octet
     * @param buf   the buffer holding it
     * @param start where its contents start
     * @param end   where its contents end
     */
    public record Item(int tag, byte[] buf, int start, int end) {
        /** A copy of the contents. */
        public byte[] bytes() {
            return Arrays.copyOfRange(buf, start, end);
        }

        /** The contents, read as items. */
        public Reader reader() {
            return new Reader(buf, start, end);
        }

        /** The whole encoding of this item (tag, length and contents). */
        public byte[] encoded() {
            return encode(tag, bytes());
        }

        /** The contents as a dotted object identifier. */
        public String oid() {
            require(end > start, "empty object identifier");
            StringBuilder sb = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = start; i < end; i++) {
                int b = buf[i] & 0xFF;
                value = (value << 7) | (b & 0x7F);
                require(value >= 0 && value < (1L << 56), "object identifier component too large");
                if ((b & 0x80) == 0) {
                    if (first) {
                        int top = value < 40 ? 0 : value < 80 ? 1 : 2;
                        sb.append(top).append('.').append(value - 40L * top);
                        first = false;
                    } else {
                        sb.append('.').append(value);
                    }
                    value = 0;
                }
            }
            require(value == 0 && !first, "truncated object identifier");
            return sb.toString();
        }

        /** The contents of a string type (UTF8String, PrintableString, IA5String, BMPString...) as text. */
        public String text() {
            return switch (tag) {
                case 0x1E -> new String(buf, start, end - start, java.nio.charset.StandardCharsets.UTF_16BE);
                case 0x1C -> new String(buf, start, end - start, java.nio.charset.Charset.forName("UTF-32BE"));
                case 0x14 -> new String(buf, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
                default -> new String(buf, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
            };
        }
    }

    /** Encodes one item: {@code tag}, the definite length, then the concatenated {@code parts}. */
    public static byte[] encode(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Encodes a dotted object identifier. */
    public static byte[] encodeOid(String dotted) {
        String[] parts = dotted.split("\\.");
        require(parts.length >= 2, "bad object identifier " + dotted);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            writeBase128(out, Long.parseLong(parts[i]));
        }
        return encode(OID, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int b = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i == 0 ? b : b | 0x80);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("malformed DER: " + message);
        }
    }
}
