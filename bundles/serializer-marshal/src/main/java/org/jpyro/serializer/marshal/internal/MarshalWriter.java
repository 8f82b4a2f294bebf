package org.jpyro.serializer.marshal.internal;

import static org.jpyro.serializer.marshal.internal.MarshalCodes.*;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ClassDicts;
import org.jpyro.api.serializer.PythonValues;

/**
 * Writes jpyro's Python value model as CPython 3.11's {@code marshal.dumps(value, 4)} does.
 *
 * <p>CPython decides two things from its runtime state that Java cannot see: whether an object gets
 * {@code FLAG_REF} (it does when the object's reference count is above one) and whether a str is interned.
 * This writer models what Pyro's Python client produces for values written in a program:
 * <ul>
 * <li>str made only of ASCII letters, digits and {@code _} (the ones CPython interns as code constants)
 *     are written interned ({@code Z}/{@code A}), flagged, and every later equal str is a back-reference;</li>
 * <li>ints from -5 to 256 (CPython's shared small ints) are flagged and shared by value; the empty tuple is
 *     flagged and shared;</li>
 * <li>other scalars are flagged (they are constants or variables in Python); the same Java object written
 *     twice becomes a back-reference;</li>
 * <li>containers are flagged at the top (a call's vargs list, kwargs dict, each argument, each keyword value,
 *     the top-level value and the values of a top-level dict), not when nested, except tuples of constants
 *     (CPython folds them into code constants) that are not themselves inside a tuple of constants;</li>
 * <li>values that Pyro makes at run time (class dicts of URIs, proxies and exceptions, the str of a UUID or
 *     any other value converted by {@link PythonValues#normalize}) are unflagged as in Python.</li>
 * </ul>
 * Any marshal reader accepts the result whatever these choices; they only matter for byte equality.
 *
 * <p>Not thread-safe: one writer per payload.
 */
public final class MarshalWriter {
    /** Flag containers and scalars, intern name-like str (a top-level value). */
    private static final int SHARED = 0;
    /** Nested value: containers unflagged except constant tuples, scalars flagged. */
    private static final int NESTED = 1;
    /** Made at run time by Pyro: nothing flagged, str not interned (shared singletons excepted). */
    private static final int FRESH = 2;
    /** Flagged but never interned str (attributes of a URI object). */
    private static final int PLAIN_STR = 3;
    /** Inside a constant tuple: CPython's folded inner tuples are referenced only by the outer one. */
    private static final int IN_CONSTANT = 4;

    private static final int SMALL_INT_MIN = -5;
    private static final int SMALL_INT_MAX = 256;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final ProtocolVersion version;
    private byte[] buf = new byte[128];
    private int pos;
    private int refCount;
    private int depth;
    private IdentityHashMap<Object, Integer> identityRefs;
    private HashMap<String, Integer> internedRefs;
    private int[] smallIntRefs;
    private int emptyTupleRef = -1;

    private MarshalWriter(ProtocolVersion version) {
        this.version = version;
    }

    /** The marshal bytes of a value (a result, a handshake dict, an exception...). */
    public static byte[] serialize(Object value, ProtocolVersion version) {
        MarshalWriter w = new MarshalWriter(version);
        if (value instanceof Map) {
            // Pyro's handshake and similar dicts: the dict and its values are variables of the program
            w.writeDict((Map<?, ?>) value, SHARED, SHARED);
        } else {
            w.write(value, SHARED);
        }
        return w.result();
    }

    /**
     * The marshal bytes of a call as Pyro writes them: {@code (objectId, method, [vargs...], kwargs)}. Pyro's
     * marshal serializer always sends vargs as a list; kwargs None is written as None (Python's own marshal
     * client cannot send such calls, but Python's daemon reads them).
     */
    public static byte[] serializeCall(Call call, ProtocolVersion version) {
        MarshalWriter w = new MarshalWriter(version);
        w.writeByte(SMALL_TUPLE);
        w.writeByte(4);
        w.write(call.objectId(), SHARED);
        w.write(call.method(), SHARED);
        List<Object> args = call.args();
        w.writeByte(LIST | FLAG_REF);
        w.register(new Object());
        w.writeInt32(args.size());
        boolean batch = "<batch>".equals(call.method());
        w.enter();
        for (Object arg : args) {
            if (batch && arg instanceof List && ((List<?>) arg).size() == 3) {
                w.writeBatchCall((List<?>) arg);
            } else {
                w.write(arg, SHARED);
            }
        }
        w.leave();
        Map<String, Object> kwargs = call.kwargs();
        if (kwargs == null) {
            w.writeByte(NONE);
        } else {
            w.writeDict(kwargs, SHARED, SHARED);
        }
        return w.result();
    }

    private byte[] result() {
        return Arrays.copyOf(buf, pos);
    }

    /** One {@code (method, vargs, kwargs)} triple of a batch, as Pyro's batch proxy stores it. */
    private void writeBatchCall(List<?> triple) {
        if (writeKnownRef(triple)) {
            return;
        }
        writeByte(SMALL_TUPLE | FLAG_REF);
        register(triple);
        writeByte(3);
        enter();
        write(triple.get(0), SHARED);
        Object args = triple.get(1);
        if (args instanceof List && !((List<?>) args).isEmpty()) {
            List<?> list = (List<?>) args;
            writeSequenceHeader(SMALL_TUPLE, TUPLE, list.size(), false);
            enter();
            for (Object a : list) {
                write(a, SHARED);
            }
            leave();
        } else {
            write(args, FRESH);
        }
        Object kwargs = triple.get(2);
        if (kwargs instanceof Map) {
            writeDict((Map<?, ?>) kwargs, FRESH, SHARED);
        } else {
            write(kwargs, FRESH);
        }
        leave();
    }

    private void write(Object v, int mode) {
        if (v == null) {
            writeByte(NONE);
        } else if (v instanceof Boolean) {
            writeByte((Boolean) v ? TRUE : FALSE);
        } else if (v instanceof String) {
            writeString((String) v, mode);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            writeLong(v, ((Number) v).longValue(), mode);
        } else if (v instanceof Double || v instanceof Float) {
            writeFloat(v, ((Number) v).doubleValue(), mode);
        } else if (v instanceof BigInteger) {
            writeBigInteger((BigInteger) v, mode);
        } else if (v instanceof byte[]) {
            writeBytes((byte[]) v, mode);
        } else if (v instanceof Tuple) {
            writeTuple(v, (List<?>) v, mode);
        } else if (v instanceof Map) {
            writeDict((Map<?, ?>) v, mode == SHARED ? SHARED : FRESH, NESTED);
        } else if (v instanceof Set) {
            writeCollection(v, (Set<?>) v, SET, mode);
        } else if (v instanceof Collection) {
            writeCollection(v, (Collection<?>) v, LIST, mode);
        } else if (v instanceof Object[]) {
            writeTuple(v, Arrays.asList((Object[]) v), mode);
        } else if (v instanceof ComplexNumber) {
            writeComplex((ComplexNumber) v, mode);
        } else if (v instanceof char[]) {
            writeString(new String((char[]) v), FRESH);
        } else if (v.getClass().isArray()) {
            writePrimitiveArray(v, mode);
        } else {
            writeConverted(PythonValues.normalize(v, version));
        }
    }

    /** A value Pyro converts at run time: class dicts of URIs, proxies, exceptions; strings of UUIDs... */
    private void writeConverted(Object converted) {
        if (converted instanceof Map && ((Map<?, ?>) converted).containsKey(ClassDicts.CLASS)) {
            writeClassDict((Map<?, ?>) converted);
        } else {
            write(converted, FRESH);
        }
    }

    private void writeClassDict(Map<?, ?> dict) {
        enter();
        writeByte(DICT);
        Object cls = dict.get(ClassDicts.CLASS);
        String className = cls instanceof String ? (String) cls : "";
        boolean uri = className.endsWith(".URI");
        boolean proxy = className.endsWith(".Proxy");
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            Object key = e.getKey();
            Object value = e.getValue();
            write(key, NESTED);
            if (ClassDicts.CLASS.equals(key)) {
                write(value, FRESH);
            } else if ("state".equals(key) && value instanceof List && !((List<?>) value).isEmpty()
                    && (uri || proxy)) {
                writeObjectState((List<?>) value, uri);
            } else if (value instanceof Map && ((Map<?, ?>) value).containsKey(ClassDicts.CLASS)) {
                writeClassDict((Map<?, ?>) value);
            } else {
                write(value, FRESH);
            }
        }
        writeByte(NULL);
        leave();
    }

    /** The state tuple of a URI (str attributes, never interned) or proxy (uri str made by str(uri)). */
    private void writeObjectState(List<?> state, boolean uri) {
        writeSequenceHeader(SMALL_TUPLE, TUPLE, state.size(), false);
        enter();
        for (int i = 0; i < state.size(); i++) {
            Object item = state.get(i);
            if (uri) {
                write(item, PLAIN_STR);
            } else if (i == 0 || (i <= 3 && item instanceof Tuple)) {
                write(item, FRESH);
            } else {
                write(item, NESTED);
            }
        }
        leave();
    }

    private void writeString(String s, int mode) {
        boolean internable = mode != FRESH && mode != PLAIN_STR && isNameChars(s);
        if (internable) {
            if (internedRefs == null) {
                internedRefs = new HashMap<>();
            }
            Integer ref = internedRefs.get(s);
            if (ref != null) {
                writeRef(ref);
                return;
            }
            internedRefs.put(s, refCount++);
            writeAscii(s, true, true);
            return;
        }
        boolean flag = mode != FRESH;
        if (flag && writeKnownRef(s)) {
            return;
        }
        if (flag) {
            register(s);
        }
        if (isAscii(s)) {
            writeAscii(s, false, flag);
        } else {
            writeByte(UNICODE | (flag ? FLAG_REF : 0));
            writeUtf8(s);
        }
    }

    private void writeAscii(String s, boolean interned, boolean flag) {
        int n = s.length();
        int f = flag ? FLAG_REF : 0;
        if (n < 256) {
            writeByte((interned ? SHORT_ASCII_INTERNED : SHORT_ASCII) | f);
            writeByte(n);
        } else {
            writeByte((interned ? ASCII_INTERNED : ASCII) | f);
            writeInt32(n);
        }
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** UTF-8 with CPython's "surrogatepass": a lone surrogate becomes its 3-byte form. */
    private void writeUtf8(String s) {
        int n = s.length();
        long max = 3L * n;
        if (max > MAX_ARRAY) {
            throw new SerializeException("str too long for marshal: " + n + " chars");
        }
        int lengthAt = pos;
        writeInt32(0);
        ensure((int) max);
        int start = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        int len = pos - start;
        buf[lengthAt] = (byte) len;
        buf[lengthAt + 1] = (byte) (len >> 8);
        buf[lengthAt + 2] = (byte) (len >> 16);
        buf[lengthAt + 3] = (byte) (len >> 24);
    }

    private void writeLong(Object boxed, long v, int mode) {
        if (v >= SMALL_INT_MIN && v <= SMALL_INT_MAX) {
            if (smallIntRefs == null) {
                smallIntRefs = new int[SMALL_INT_MAX - SMALL_INT_MIN + 1];
                Arrays.fill(smallIntRefs, -1);
            }
            int slot = (int) v - SMALL_INT_MIN;
            if (smallIntRefs[slot] >= 0) {
                writeRef(smallIntRefs[slot]);
                return;
            }
            smallIntRefs[slot] = refCount++;
            writeByte(INT | FLAG_REF);
            writeInt32((int) v);
            return;
        }
        int flag = flagged(boxed, mode);
        if (flag < 0) {
            return;
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            writeByte(INT | flag);
            writeInt32((int) v);
        } else {
            writeByte(LONG | flag);
            writeDigits(BigInteger.valueOf(v));
        }
    }

    private void writeBigInteger(BigInteger v, int mode) {
        if (v.bitLength() < 32) {
            writeLong(v, v.intValue(), mode);
            return;
        }
        int flag = flagged(v, mode);
        if (flag < 0) {
            return;
        }
        writeByte(LONG | flag);
        writeDigits(v);
    }

    /** Sign and size as int32 (negative for negative numbers), then 15-bit digits, least significant first. */
    private void writeDigits(BigInteger v) {
        BigInteger abs = v.abs();
        int bits = abs.bitLength();
        int digits = (bits + LONG_SHIFT - 1) / LONG_SHIFT;
        writeInt32(v.signum() < 0 ? -digits : digits);
        ensure(2 * digits);
        byte[] mag = abs.toByteArray(); // big-endian, may have a leading zero byte
        for (int d = 0; d < digits; d++) {
            int value = 0;
            int firstBit = d * LONG_SHIFT;
            for (int b = 0; b < LONG_SHIFT; b++) {
                int bit = firstBit + b;
                int byteIndex = mag.length - 1 - (bit >> 3);
                if (byteIndex >= 0 && (mag[byteIndex] >> (bit & 7) & 1) != 0) {
                    value |= 1 << b;
                }
            }
            buf[pos++] = (byte) value;
            buf[pos++] = (byte) (value >> 8);
        }
    }

    private void writeFloat(Object boxed, double d, int mode) {
        int flag = flagged(boxed, mode);
        if (flag < 0) {
            return;
        }
        writeByte(BINARY_FLOAT | flag);
        writeInt64(Double.doubleToRawLongBits(d));
    }

    private void writeComplex(ComplexNumber c, int mode) {
        int flag = flagged(c, mode);
        if (flag < 0) {
            return;
        }
        writeByte(BINARY_COMPLEX | flag);
        writeInt64(Double.doubleToRawLongBits(c.real()));
        writeInt64(Double.doubleToRawLongBits(c.imaginary()));
    }

    private void writeBytes(byte[] b, int mode) {
        int flag = flagged(b, mode);
        if (flag < 0) {
            return;
        }
        writeByte(STRING | flag);
        writeInt32(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /**
     * Writes a back-reference and returns -1 when the object was written before; otherwise registers it
     * and returns {@code FLAG_REF} when the mode flags scalars, or returns 0.
     */
    private int flagged(Object identity, int mode) {
        if (writeKnownRef(identity)) {
            return -1;
        }
        if (mode == FRESH) {
            return 0;
        }
        register(identity);
        return FLAG_REF;
    }

    private void writeTuple(Object identity, List<?> items, int mode) {
        int n = items.size();
        if (n == 0) {
            if (emptyTupleRef >= 0) {
                writeRef(emptyTupleRef);
            } else {
                emptyTupleRef = refCount++;
                writeByte(SMALL_TUPLE | FLAG_REF);
                writeByte(0);
            }
            return;
        }
        if (writeKnownRef(identity)) {
            return;
        }
        boolean constant = mode != FRESH && mode != IN_CONSTANT && constantTuple(items, 0);
        boolean flag = mode == SHARED || mode == PLAIN_STR || (mode == NESTED && constant);
        if (flag) {
            register(identity);
        }
        writeSequenceHeader(SMALL_TUPLE, TUPLE, n, flag);
        int itemMode = constant || mode == IN_CONSTANT ? IN_CONSTANT : NESTED;
        enter();
        for (Object item : items) {
            write(item, itemMode);
        }
        leave();
    }

    /** Whether CPython's compiler would have made this tuple one constant (only constants inside). */
    private static boolean constantTuple(List<?> items, int level) {
        if (level > 20) {
            return false;
        }
        for (Object item : items) {
            if (item == null || item instanceof Boolean || item instanceof String || item instanceof Integer
                    || item instanceof Long || item instanceof Double || item instanceof BigInteger
                    || item instanceof byte[] || item instanceof ComplexNumber) {
                continue;
            }
            if (item instanceof Tuple && constantTuple((Tuple) item, level + 1)) {
                continue;
            }
            return false;
        }
        return true;
    }

    private void writeCollection(Object identity, Collection<?> items, int code, int mode) {
        if (writeKnownRef(identity)) {
            return;
        }
        boolean flag = mode == SHARED;
        if (flag) {
            register(identity);
        }
        int n = items.size();
        writeByte(code | (flag ? FLAG_REF : 0));
        writeInt32(n);
        enter();
        int written = 0;
        for (Object item : items) {
            if (written++ == n) {
                throw new SerializeException("collection changed while being serialized");
            }
            write(item, NESTED);
        }
        if (written != n) {
            throw new SerializeException("collection changed while being serialized");
        }
        leave();
    }

    private void writeDict(Map<?, ?> map, int mode, int valueMode) {
        if (writeKnownRef(map)) {
            return;
        }
        boolean flag = mode == SHARED;
        if (flag) {
            register(map);
        }
        writeByte(DICT | (flag ? FLAG_REF : 0));
        enter();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            write(e.getKey(), NESTED);
            write(e.getValue(), valueMode);
        }
        leave();
        writeByte(NULL);
    }

    private void writePrimitiveArray(Object array, int mode) {
        int n = Array.getLength(array);
        Object[] boxed = new Object[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = Array.get(array, i);
        }
        writeTuple(array, Arrays.asList(boxed), mode);
    }

    private void writeSequenceHeader(int smallCode, int code, int n, boolean flag) {
        int f = flag ? FLAG_REF : 0;
        if (n < 256) {
            writeByte(smallCode | f);
            writeByte(n);
        } else {
            writeByte(code | f);
            writeInt32(n);
        }
    }

    private boolean writeKnownRef(Object identity) {
        if (identityRefs == null) {
            return false;
        }
        Integer ref = identityRefs.get(identity);
        if (ref == null) {
            return false;
        }
        writeRef(ref);
        return true;
    }

    private void register(Object identity) {
        if (identityRefs == null) {
            identityRefs = new IdentityHashMap<>();
        }
        identityRefs.put(identity, refCount++);
    }

    private void writeRef(int index) {
        writeByte(REF);
        writeInt32(index);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new SerializeException("value nested more than " + MAX_DEPTH + " levels deep (or recursive)");
        }
    }

    private void leave() {
        depth--;
    }

    private static boolean isNameChars(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    private void writeInt32(int v) {
        ensure(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) (v >> 16);
        buf[pos++] = (byte) (v >> 24);
    }

    private void writeInt64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >> (8 * i));
        }
    }

    private void ensure(int more) {
        long needed = (long) pos + more;
        if (needed <= buf.length) {
            return;
        }
        if (needed > MAX_ARRAY) {
            throw new SerializeException("marshal payload larger than 2 GB");
        }
        long grown = Math.max(needed, Math.min(MAX_ARRAY, 2L * buf.length));
        buf = Arrays.copyOf(buf, (int) grown);
    }
}
