package org.jpyro.serializer.msgpack.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ClassDicts;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes jpyro's Python value model as msgpack exactly as Python's {@code msgpack.packb(value,
 * use_bin_type=True, default=...)} does in Pyro's serializer (msgpack 1.0.3): the smallest int, str, bin, array
 * and map encodings, float64 for every float, str as str and bytes as bin, tuples, lists and sets as arrays,
 * Pyro's extension types ({@link PyroExtTypes}) for complex numbers, ints outside 64 bits, datetimes and
 * dates, {@code Decimal}/{@code UUID} as str, URIs, proxies and exceptions as Pyro's class dicts.
 *
 * <p>Java types beyond the value model: {@code Object[]} and primitive arrays as arrays ({@code char[]} as str,
 * like Python's {@code array('u')}), any {@link Collection} as an array, {@link BigDecimal}, {@link UUID},
 * {@link Character} and enums (their name) as str, {@link LocalDateTime} as ext 0x32 (local time in the
 * writer's zone, like Python's naive datetimes), {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime}
 * and {@link Date} as ext 0x32 of their instant (Python refuses aware datetimes; the instant is unambiguous),
 * {@link LocalDate} as ext 0x33, {@link Duration} as float seconds. Anything else goes to the fallback.
 *
 * <p>Strings with unpaired surrogates are refused (Python's UTF-8 codec refuses them too). Nesting deeper than
 * {@value #MAX_DEPTH} levels is refused, as Python's packer does. Immutable and thread-safe.
 */
public final class MsgpackWriter {
    /** Python msgpack's default nesting limit ({@code DEFAULT_RECURSE_LIMIT}). */
    public static final int MAX_DEPTH = 511;

    private static final MessagePack.PackerConfig CONFIG = new MessagePack.PackerConfig().withBufferSize(512);

    private final ProtocolVersion version;
    private final ZoneId zone;
    private final BiFunction<Object, ProtocolVersion, Object> fallback;

    /**
     * @param version  decides the class names of URIs, proxies and exceptions
     * @param zone     the local time zone of naive datetimes
     * @param fallback called for values of any other type; returns a value to write instead, or throws a
     *                 {@link SerializeException}
     */
    public MsgpackWriter(ProtocolVersion version, ZoneId zone, BiFunction<Object, ProtocolVersion, Object> fallback) {
        this.version = version;
        this.zone = zone;
        this.fallback = fallback;
    }

    /** The msgpack bytes of one value. */
    public byte[] serialize(Object value) {
        MessageBufferPacker packer = CONFIG.newBufferPacker();
        try {
            write(packer, value, 0);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new SerializeException("cannot write msgpack: " + e, e);
        }
    }

    /** The payload of an INVOKE: the array {@code [objectId, method, vargs, kwargs]}. */
    public byte[] serializeCall(Call call) {
        MessageBufferPacker packer = CONFIG.newBufferPacker();
        try {
            packer.packArrayHeader(4);
            writeString(packer, call.objectId());
            writeString(packer, call.method());
            writeCollection(packer, call.args(), 1);
            write(packer, call.kwargs(), 1);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new SerializeException("cannot write msgpack: " + e, e);
        }
    }

    private void write(MessageBufferPacker p, Object obj, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new SerializeException("value nested deeper than " + MAX_DEPTH + " levels (or it contains itself)");
        }
        if (obj == null) {
            p.packNil();
            return;
        }
        if (obj instanceof String) {
            writeString(p, (String) obj);
            return;
        }
        Class<?> type = obj.getClass();
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            p.packLong(((Number) obj).longValue());
        } else if (type == Boolean.class) {
            p.packBoolean((Boolean) obj);
        } else if (type == Double.class || type == Float.class) {
            p.packDouble(((Number) obj).doubleValue());
        } else if (obj instanceof Map) {
            writeMap(p, (Map<?, ?>) obj, depth);
        } else if (obj instanceof Collection) {
            writeCollection(p, (Collection<?>) obj, depth);
        } else if (type == byte[].class) {
            byte[] bytes = (byte[]) obj;
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        } else if (type.isArray()) {
            writeArray(p, obj, depth);
        } else if (obj instanceof Number) {
            writeNumber(p, (Number) obj);
        } else {
            writeOther(p, obj, depth);
        }
    }

    private void writeOther(MessageBufferPacker p, Object obj, int depth) throws IOException {
        if (obj instanceof ComplexNumber) {
            writeExt(p, PyroExtTypes.COMPLEX, PyroExtTypes.complex((ComplexNumber) obj));
        } else if (obj instanceof Character || obj instanceof UUID) {
            writeString(p, obj.toString());
        } else if (obj instanceof Enum) {
            writeString(p, ((Enum<?>) obj).name());
        } else if (obj instanceof LocalDateTime) {
            writeExt(p, PyroExtTypes.DATETIME, PyroExtTypes.timestamp(PyroExtTypes.timestampOf((LocalDateTime) obj, zone)));
        } else if (obj instanceof LocalDate) {
            writeExt(p, PyroExtTypes.DATE, PyroExtTypes.date((LocalDate) obj));
        } else if (obj instanceof Instant || obj instanceof OffsetDateTime || obj instanceof ZonedDateTime
                || obj instanceof Date) {
            writeExt(p, PyroExtTypes.DATETIME, PyroExtTypes.timestamp(PyroExtTypes.timestampOf(instant(obj))));
        } else if (obj instanceof Duration) {
            Duration d = (Duration) obj;
            p.packDouble(d.getSeconds() + d.getNano() / 1e9);
        } else {
            Map<String, Object> classDict = ClassDicts.toClassDict(obj, version);
            if (classDict != null) {
                writeMap(p, classDict, depth);
            } else {
                write(p, fallback.apply(obj, version), depth + 1);
            }
        }
    }

    private static Instant instant(Object obj) {
        if (obj instanceof Instant) {
            return (Instant) obj;
        }
        if (obj instanceof OffsetDateTime) {
            return ((OffsetDateTime) obj).toInstant();
        }
        if (obj instanceof ZonedDateTime) {
            return ((ZonedDateTime) obj).toInstant();
        }
        return ((Date) obj).toInstant();
    }

    private static void writeNumber(MessageBufferPacker p, Number n) throws IOException {
        if (n instanceof BigInteger) {
            BigInteger b = (BigInteger) n;
            if (b.bitLength() <= 63 || (b.signum() > 0 && b.bitLength() == 64)) {
                p.packBigInteger(b); // int64 or uint64, the smallest encoding
            } else {
                writeExt(p, PyroExtTypes.BIG_INT, PyroExtTypes.bigInt(b));
            }
        } else if (n instanceof BigDecimal) {
            // Python's str(Decimal) and BigDecimal.toString follow the same specification
            writeString(p, n.toString());
        } else if (n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof LongAdder
                || n instanceof LongAccumulator) {
            p.packLong(n.longValue());
        } else {
            p.packDouble(n.doubleValue());
        }
    }

    private static void writeExt(MessageBufferPacker p, byte code, byte[] payload) throws IOException {
        p.packExtensionTypeHeader(code, payload.length);
        p.writePayload(payload);
    }

    /** str as UTF-8 with the smallest header (fixstr, str8, str16, str32); unpaired surrogates are refused. */
    static void writeString(MessageBufferPacker p, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (containsQuestionMark(utf8)) {
            // the JDK encoder replaces an unpaired surrogate by '?': look closer only then
            checkSurrogates(s);
        }
        p.packRawStringHeader(utf8.length);
        p.writePayload(utf8);
    }

    private static boolean containsQuestionMark(byte[] utf8) {
        for (byte b : utf8) {
            if (b == '?') {
                return true;
            }
        }
        return false;
    }

    private static void checkSurrogates(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new SerializeException("str with an unpaired surrogate at index " + i
                        + " cannot be encoded as UTF-8 (surrogates not allowed)");
            }
        }
    }

    private void writeMap(MessageBufferPacker p, Map<?, ?> map, int depth) throws IOException {
        int size = map.size();
        p.packMapHeader(size);
        int written = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (++written > size) {
                break;
            }
            write(p, e.getKey(), depth + 1);
            write(p, e.getValue(), depth + 1);
        }
        if (written != size) {
            throw new SerializeException("map changed size while being serialized");
        }
    }

    private void writeCollection(MessageBufferPacker p, Collection<?> items, int depth) throws IOException {
        int size = items.size();
        p.packArrayHeader(size);
        if (items instanceof List && items instanceof java.util.RandomAccess) {
            List<?> list = (List<?>) items;
            for (int i = 0; i < size; i++) {
                write(p, list.get(i), depth + 1);
            }
            return;
        }
        int written = 0;
        Iterator<?> it = items.iterator();
        while (it.hasNext() && written < size) {
            write(p, it.next(), depth + 1);
            written++;
        }
        if (written != size || it.hasNext()) {
            throw new SerializeException("collection changed size while being serialized");
        }
    }

    private void writeArray(MessageBufferPacker p, Object array, int depth) throws IOException {
        if (array instanceof Object[]) {
            Object[] a = (Object[]) array;
            p.packArrayHeader(a.length);
            for (Object o : a) {
                write(p, o, depth + 1);
            }
        } else if (array instanceof char[]) {
            writeString(p, new String((char[]) array));
        } else if (array instanceof int[]) {
            int[] a = (int[]) array;
            p.packArrayHeader(a.length);
            for (int v : a) {
                p.packLong(v);
            }
        } else if (array instanceof long[]) {
            long[] a = (long[]) array;
            p.packArrayHeader(a.length);
            for (long v : a) {
                p.packLong(v);
            }
        } else if (array instanceof short[]) {
            short[] a = (short[]) array;
            p.packArrayHeader(a.length);
            for (short v : a) {
                p.packLong(v);
            }
        } else if (array instanceof double[]) {
            double[] a = (double[]) array;
            p.packArrayHeader(a.length);
            for (double v : a) {
                p.packDouble(v);
            }
        } else if (array instanceof float[]) {
            float[] a = (float[]) array;
            p.packArrayHeader(a.length);
            for (float v : a) {
                p.packDouble(v);
            }
        } else if (array instanceof boolean[]) {
            boolean[] a = (boolean[]) array;
            p.packArrayHeader(a.length);
            for (boolean v : a) {
                p.packBoolean(v);
            }
        } else {
            throw new SerializeException("msgpack cannot serialize an array of type " + array.getClass().getName());
        }
    }
}
