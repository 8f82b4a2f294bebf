package org.jpyro.serializer.msgpack.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.ClassDicts;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Reads msgpack into jpyro's Python value model, as Pyro's Python serializer does with
 * {@code msgpack.unpackb(data, raw=False, object_hook=..., ext_hook=...)}:
 * nil → {@code null}; bool; int → the smallest of Integer, Long, BigInteger; float32/float64 → Double;
 * str → String (strict UTF-8); bin → {@code byte[]}; array → {@link ArrayList}; map → insertion-ordered
 * {@link LinkedHashMap} (array keys become {@link Tuple}s), a map with a {@code __class__} key goes through
 * {@link ClassDicts#fromClassDict} (inner maps first, as Python's object_hook); Pyro's extension types as in
 * {@link PyroExtTypes} (0x32 as a {@code LocalDateTime} in the reader's zone, 0x33 as a {@code LocalDate});
 * msgpack's own timestamp type (-1) as an {@code Instant}; any other extension type is refused, as Pyro does.
 *
 * <p>Unlike Python's {@code strict_map_key=True}, map keys of any type are accepted.
 *
 * <p>Malformed input is always a {@link SerializeException} (a class dict naming a forbidden class is Pyro's
 * {@link SecurityException}): every length is checked against the bytes that remain before anything is
 * allocated, nesting is limited to {@value #MAX_DEPTH} levels, trailing bytes are refused.
 */
public final class MsgpackReader {
    /** Deepest nesting read (Python msgpack's unpacker stack holds 1024 levels). */
    public static final int MAX_DEPTH = 1024;

    /** Arrays and maps are never pre-sized for more items than this: they grow with what is really there. */
    private static final int PREALLOCATE_MAX = 1024;

    private static final MessagePack.UnpackerConfig CONFIG = new MessagePack.UnpackerConfig();

    private final MessageUnpacker in;
    private final int length;
    private final ZoneId zone;

    private MsgpackReader(byte[] data, ZoneId zone) {
        this.in = CONFIG.newUnpacker(data);
        this.length = data.length;
        this.zone = zone;
    }

    /** The one value in {@code data}. */
    public static Object read(byte[] data, ZoneId zone) {
        if (data == null || data.length == 0) {
            throw new SerializeException("empty msgpack data");
        }
        MsgpackReader r = new MsgpackReader(data, zone);
        try {
            Object value = r.value(0);
            if (r.in.getTotalReadBytes() != data.length) {
                throw new SerializeException("invalid msgpack data: " + (data.length - r.in.getTotalReadBytes())
                        + " bytes after the value");
            }
            return value;
        } catch (SerializeException | SecurityException e) {
            throw e;
        } catch (IOException | MessagePackException e) {
            throw new SerializeException("invalid msgpack data at byte " + r.in.getTotalReadBytes() + ": " + e, e);
        } catch (RuntimeException e) {
            throw new SerializeException("invalid msgpack data at byte " + r.in.getTotalReadBytes() + ": " + e, e);
        }
    }

    private long remaining() {
        return length - in.getTotalReadBytes();
    }

    private int checkedLength(long n, int minBytesEach, String what) {
        if (n < 0 || n * minBytesEach > remaining()) {
            throw new SerializeException("invalid msgpack data: " + what + " of " + n + " announced at byte "
                    + in.getTotalReadBytes() + " but only " + remaining() + " bytes remain");
        }
        return (int) n;
    }

    private Object value(int depth) throws IOException {
        if (!in.hasNext()) {
            throw new SerializeException("invalid msgpack data: unexpected end at byte " + in.getTotalReadBytes());
        }
        MessageFormat format = in.getNextFormat();
        switch (format.getValueType()) {
            case NIL:
                in.unpackNil();
                return null;
            case BOOLEAN:
                return in.unpackBoolean();
            case INTEGER:
                return integer(format);
            case FLOAT:
                return in.unpackDouble();
            case STRING:
                return string();
            case BINARY:
                return in.readPayload(checkedLength(in.unpackBinaryHeader(), 1, "bin"));
            case ARRAY:
                return array(depth);
            case MAP:
                return map(depth);
            case EXTENSION:
                return extension();
            default:
                throw new SerializeException("invalid msgpack data: byte " + in.getTotalReadBytes()
                        + " is not a valid msgpack type (" + format + ")");
        }
    }

    private Object integer(MessageFormat format) throws IOException {
        if (format == MessageFormat.UINT64) {
            BigInteger b = in.unpackBigInteger();
            return b.bitLength() <= 63 ? (Object) smallest(b.longValue()) : b;
        }
        return smallest(in.unpackLong());
    }

    private static Object smallest(long v) {
        return v == (int) v ? (Object) (int) v : (Object) v;
    }

    private String string() throws IOException {
        int n = checkedLength(in.unpackRawStringHeader(), 1, "str");
        byte[] utf8 = in.readPayload(n);
        for (byte b : utf8) {
            if (b < 0) {
                return strictUtf8(utf8);
            }
        }
        return new String(utf8, StandardCharsets.ISO_8859_1); // pure ASCII: the fastest exact decoding
    }

    private static String strictUtf8(byte[] utf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new SerializeException("invalid msgpack data: str is not valid UTF-8: " + e, e);
        }
    }

    private List<Object> array(int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new SerializeException("invalid msgpack data: nested deeper than " + MAX_DEPTH + " levels");
        }
        int n = checkedLength(in.unpackArrayHeader(), 1, "array");
        List<Object> items = new ArrayList<>(Math.min(n, PREALLOCATE_MAX)); // grows with the items actually read
        for (int i = 0; i < n; i++) {
            items.add(value(depth + 1));
        }
        return items;
    }

    private Object map(int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new SerializeException("invalid msgpack data: nested deeper than " + MAX_DEPTH + " levels");
        }
        int n = checkedLength(in.unpackMapHeader(), 2, "map");
        Map<Object, Object> map = new LinkedHashMap<>(Math.max(4, (int) (Math.min(n, PREALLOCATE_MAX) / 0.75f) + 1));
        for (int i = 0; i < n; i++) {
            Object key = value(depth + 1);
            if (key instanceof List) {
                key = Tuple.copyOf((List<?>) key); // Python turns array keys into tuples: hashable
            }
            map.put(key, value(depth + 1));
        }
        if (map.containsKey(ClassDicts.CLASS)) {
            try {
                return ClassDicts.fromClassDict(map);
            } catch (SerializeException | SecurityException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SerializeException("invalid " + map.get(ClassDicts.CLASS) + " class dict: " + e, e);
            }
        }
        return map;
    }

    private Object extension() throws IOException {
        ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
        int n = checkedLength(header.getLength(), 1, "ext payload");
        byte type = header.getType();
        if (type == PyroExtTypes.MSGPACK_TIMESTAMP) {
            if (n != 4 && n != 8 && n != 12) {
                throw new SerializeException("invalid msgpack timestamp of " + n + " bytes");
            }
            return in.unpackTimestamp(header);
        }
        byte[] payload = in.readPayload(n);
        switch (type) {
            case PyroExtTypes.COMPLEX:
                return PyroExtTypes.readComplex(payload);
            case PyroExtTypes.BIG_INT:
                return normalizedInt(PyroExtTypes.readBigInt(payload));
            case PyroExtTypes.DATETIME:
                return PyroExtTypes.localDateTime(PyroExtTypes.readTimestamp(payload), zone);
            case PyroExtTypes.DATE:
                return PyroExtTypes.readDate(payload);
            default:
                throw new SerializeException("invalid ext code for msgpack: " + type);
        }
    }

    private static Object normalizedInt(BigInteger b) {
        return b.bitLength() <= 63 ? smallest(b.longValue()) : b;
    }
}
