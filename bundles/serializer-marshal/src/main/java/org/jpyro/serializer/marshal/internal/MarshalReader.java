package org.jpyro.serializer.marshal.internal;

import static org.jpyro.serializer.marshal.internal.MarshalCodes.*;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.ClassDicts;

/**
 * Reads every value CPython's marshal (versions 0 to 4) writes for the types Pyro sends: None, bools, ints
 * ({@code i}, {@code I}, 15-bit digit {@code l}), floats and complex numbers (binary and text), bytes, every
 * str form (short/long ASCII, UTF-8, interned), tuples, lists, dicts, sets, frozensets, {@code FLAG_REF}
 * and {@code r} back-references. Code objects, StopIteration and Ellipsis are refused.
 *
 * <p>Dicts with a {@code __class__} key go through {@link ClassDicts#fromClassDict}. Every length is checked
 * against the bytes left before anything is allocated, nesting is limited to {@value MarshalCodes#MAX_DEPTH}
 * levels, references must point to finished objects (no cycles), and back-references may not expand the
 * value beyond {@value #MAX_EXPANDED_NODES} nodes. Every failure is a {@link SerializeException}.
 */
public final class MarshalReader {
    /** The most nodes a value may stand for once back-references are expanded (bounds later traversals). */
    static final long MAX_EXPANDED_NODES = 10_000_000L;

    private static final Object RESERVED = new Object();

    private final byte[] data;
    private int pos;
    private int depth;
    private Object[] refs = new Object[16];
    private long[] refWeights = new long[16];
    private int refCount;
    private long expanded;
    private long lastWeight;

    private MarshalReader(byte[] data) {
        this.data = data;
    }

    /** Decodes one marshal value that must fill {@code data} completely. */
    public static Object read(byte[] data) {
        if (data == null) {
            throw new SerializeException("no marshal data");
        }
        MarshalReader r = new MarshalReader(data);
        try {
            Object value = r.readObject();
            if (r.pos != data.length) {
                throw new SerializeException("marshal data has " + (data.length - r.pos) + " extra bytes");
            }
            return value;
        } catch (SerializeException | SecurityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("invalid marshal data: " + e, e);
        } catch (StackOverflowError e) {
            throw new SerializeException("marshal data nested too deeply for this thread's stack", e);
        }
    }

    private Object readObject() {
        int code = readByte();
        int type = code & ~FLAG_REF;
        boolean flag = (code & FLAG_REF) != 0;
        int slot = flag ? reserve() : -1;
        lastWeight = 1;
        Object value;
        switch (type) {
            case NONE: value = null; break;
            case TRUE: value = Boolean.TRUE; break;
            case FALSE: value = Boolean.FALSE; break;
            case INT: value = readInt32(); break;
            case INT64: value = narrow(readInt64()); break;
            case LONG: value = readLongDigits(); break;
            case BINARY_FLOAT: value = Double.longBitsToDouble(readInt64()); break;
            case FLOAT: value = parseFloat(readShortText()); break;
            case BINARY_COMPLEX:
                value = new ComplexNumber(Double.longBitsToDouble(readInt64()), Double.longBitsToDouble(readInt64()));
                break;
            case COMPLEX: {
                double re = parseFloat(readShortText());
                value = new ComplexNumber(re, parseFloat(readShortText()));
                break;
            }
            case STRING: value = readBytes(readSize()); break;
            case ASCII: case ASCII_INTERNED: value = readLatin1(readSize()); break;
            case SHORT_ASCII: case SHORT_ASCII_INTERNED: value = readLatin1(readByte()); break;
            case UNICODE: case INTERNED: value = readUtf8(readSize()); break;
            case SMALL_TUPLE: value = readTuple(readByte()); break;
            case TUPLE: value = readTuple(readSize()); break;
            case LIST: value = readList(readSize()); break;
            case DICT: value = readDict(); break;
            case SET: value = readSet(readSize(), false); break;
            case FROZENSET: value = readSet(readSize(), true); break;
            case REF: {
                if (flag) {
                    throw new SerializeException("back-reference with FLAG_REF");
                }
                return readRef();
            }
            case NULL:
                throw new SerializeException("unexpected NULL in marshal data at offset " + (pos - 1));
            case STOPITER: case ELLIPSIS:
                throw new SerializeException("StopIteration/Ellipsis are not supported values");
            case CODE:
                throw new SerializeException("marshal code objects are refused");
            default:
                throw new SerializeException(String.format("bad marshal type code 0x%02x at offset %d", code, pos - 1));
        }
        if (slot >= 0) {
            refs[slot] = value;
            refWeights[slot] = lastWeight;
        }
        return value;
    }

    private int reserve() {
        if (refCount == refs.length) {
            refs = Arrays.copyOf(refs, refCount * 2);
            refWeights = Arrays.copyOf(refWeights, refCount * 2);
        }
        refs[refCount] = RESERVED;
        return refCount++;
    }

    private Object readRef() {
        int index = readInt32();
        if (index < 0 || index >= refCount) {
            throw new SerializeException("invalid marshal back-reference " + index);
        }
        Object value = refs[index];
        if (value == RESERVED) {
            throw new SerializeException("marshal back-reference to an unfinished object (recursive value)");
        }
        lastWeight = refWeights[index];
        expanded += lastWeight;
        if (expanded > MAX_EXPANDED_NODES) {
            throw new SerializeException("marshal back-references expand to more than " + MAX_EXPANDED_NODES
                    + " values");
        }
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new SerializeException("marshal data nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private Object readTuple(int n) {
        checkItems(n);
        enter();
        Object[] items = new Object[n];
        long weight = 1;
        for (int i = 0; i < n; i++) {
            items[i] = readObject();
            weight += lastWeight;
        }
        depth--;
        lastWeight = weight;
        return Tuple.wrap(items);
    }

    private Object readList(int n) {
        checkItems(n);
        enter();
        List<Object> items = new ArrayList<>(n);
        long weight = 1;
        for (int i = 0; i < n; i++) {
            items.add(readObject());
            weight += lastWeight;
        }
        depth--;
        lastWeight = weight;
        return items;
    }

    private Object readSet(int n, boolean frozen) {
        checkItems(n);
        enter();
        Set<Object> items = new LinkedHashSet<>(Math.min(n, 1 << 16));
        long weight = 1;
        for (int i = 0; i < n; i++) {
            Object item = readObject();
            checkHashable(item, frozen ? "frozenset" : "set");
            items.add(item);
            weight += lastWeight;
        }
        depth--;
        lastWeight = weight;
        return items;
    }

    private Object readDict() {
        enter();
        Map<Object, Object> map = new LinkedHashMap<>();
        long weight = 1;
        while (true) {
            if (pos >= data.length) {
                throw new SerializeException("marshal dict not terminated");
            }
            if ((data[pos] & 0xFF) == NULL) {
                pos++;
                break;
            }
            Object key = readObject();
            weight += lastWeight;
            checkHashable(key, "dict key");
            Object value = readObject();
            weight += lastWeight;
            map.put(key, value);
        }
        depth--;
        lastWeight = weight;
        if (map.containsKey(ClassDicts.CLASS)) {
            return ClassDicts.fromClassDict(map);
        }
        return map;
    }

    /** Python refuses unhashable keys; refusing them here also keeps Java's hashing away from lists and dicts. */
    private static void checkHashable(Object item, String where) {
        if (item instanceof Tuple) {
            for (Object o : (Tuple) item) {
                checkHashable(o, where);
            }
        } else if (item instanceof List || item instanceof Map || item instanceof Throwable) {
            throw new SerializeException("unhashable " + item.getClass().getSimpleName() + " as " + where);
        } else if (item instanceof Collection) {
            for (Object o : (Collection<?>) item) {
                checkHashable(o, where);
            }
        }
    }

    private void checkItems(int n) {
        if (n > data.length - pos) {
            throw new SerializeException("marshal container of " + n + " items in " + (data.length - pos)
                    + " remaining bytes");
        }
    }

    private Object readLongDigits() {
        int size = readInt32();
        if (size == Integer.MIN_VALUE) {
            throw new SerializeException("bad marshal long size");
        }
        int n = Math.abs(size);
        if ((long) n * 2 > data.length - pos) {
            throw new SerializeException("marshal long of " + n + " digits in " + (data.length - pos) + " bytes");
        }
        if (n == 0) {
            return 0;
        }
        if (n <= 4) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v |= (long) readDigit(i == n - 1) << (LONG_SHIFT * i);
            }
            return narrow(size < 0 ? -v : v);
        }
        // pack the 15-bit digits into little-endian bytes, then reverse for BigInteger
        int bits = n * LONG_SHIFT;
        byte[] mag = new byte[(bits + 7) / 8 + 1];
        int bitPos = 0;
        for (int i = 0; i < n; i++) {
            int d = readDigit(i == n - 1);
            for (int b = 0; b < LONG_SHIFT; b++, bitPos++) {
                if ((d >> b & 1) != 0) {
                    mag[mag.length - 1 - (bitPos >> 3)] |= (byte) (1 << (bitPos & 7));
                }
            }
        }
        BigInteger v = new BigInteger(size < 0 ? -1 : 1, mag);
        return v.bitLength() < 64 ? narrow(v.longValue()) : v;
    }

    private int readDigit(boolean last) {
        int d = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        if (d > LONG_MASK) {
            throw new SerializeException("bad marshal data (digit out of range in long)");
        }
        if (last && d == 0) {
            throw new SerializeException("bad marshal data (unnormalized long data)");
        }
        return d;
    }

    private static Object narrow(long v) {
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return (int) v;
        }
        return v;
    }

    private String readShortText() {
        int n = readByte();
        need(n);
        String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    private static double parseFloat(String s) {
        String t = s.trim();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan": case "+nan": case "-nan": return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw new SerializeException("bad marshal float text: " + s);
            }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new SerializeException("bad marshal float text: " + s, e);
        }
    }

    private byte[] readBytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    private String readLatin1(int n) {
        need(n);
        String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /** UTF-8 as CPython writes it with "surrogatepass" (3-byte surrogates are accepted). */
    private String readUtf8(int n) {
        need(n);
        int end = pos + n;
        int i = pos;
        while (i < end && data[i] >= 0) {
            i++;
        }
        if (i == end) {
            String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
            pos = end;
            return s;
        }
        char[] out = new char[n];
        int o = 0;
        i = pos;
        while (i < end) {
            int b = data[i] & 0xFF;
            if (b < 0x80) {
                out[o++] = (char) b;
                i++;
            } else if (b >= 0xC2 && b < 0xE0) {
                need2(i, 1, end);
                out[o++] = (char) ((b & 0x1F) << 6 | cont(data[i + 1]));
                i += 2;
            } else if (b >= 0xE0 && b < 0xF0) {
                need2(i, 2, end);
                int c = (b & 0x0F) << 12 | cont(data[i + 1]) << 6 | cont(data[i + 2]);
                if (c < 0x800) {
                    throw new SerializeException("overlong UTF-8 in marshal str");
                }
                out[o++] = (char) c;
                i += 3;
            } else if (b >= 0xF0 && b < 0xF5) {
                need2(i, 3, end);
                int c = (b & 0x07) << 18 | cont(data[i + 1]) << 12 | cont(data[i + 2]) << 6 | cont(data[i + 3]);
                if (c < 0x10000 || c > 0x10FFFF) {
                    throw new SerializeException("invalid UTF-8 code point in marshal str");
                }
                out[o++] = Character.highSurrogate(c);
                out[o++] = Character.lowSurrogate(c);
                i += 4;
            } else {
                throw new SerializeException("invalid UTF-8 in marshal str");
            }
        }
        pos = end;
        return new String(out, 0, o);
    }

    private static void need2(int i, int more, int end) {
        if (i + more >= end) {
            throw new SerializeException("truncated UTF-8 in marshal str");
        }
    }

    private static int cont(byte b) {
        if ((b & 0xC0) != 0x80) {
            throw new SerializeException("invalid UTF-8 continuation byte in marshal str");
        }
        return b & 0x3F;
    }

    private int readSize() {
        int n = readInt32();
        if (n < 0) {
            throw new SerializeException("negative marshal size " + n);
        }
        return n;
    }

    private void need(int n) {
        if (n > data.length - pos) {
            throw new SerializeException("marshal data truncated: need " + n + " bytes, " + (data.length - pos)
                    + " left");
        }
    }

    private int readByte() {
        need(1);
        return data[pos++] & 0xFF;
    }

    private int readInt32() {
        need(4);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
                | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private long readInt64() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }
}
