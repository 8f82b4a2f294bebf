package org.jpyro.serializer.pickle.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;

/**
 * What REDUCE, NEWOBJ and BUILD do with each whitelisted global ({@link PickleGlobals}): each one makes the Java
 * value of jpyro's value model directly (sets, bytes, complex, java.time values, BigDecimal, UUID...) or a
 * {@link PendingObject} for Pyro's URI/Proxy/exceptions, completed by BUILD. Only the argument shapes Python
 * itself pickles are accepted; anything else is a {@link SerializeException}. No argument can make this
 * allocate more than the pickle's own size (e.g. {@code bytearray(10**9)} is refused).
 */
final class PythonObjects {
    private PythonObjects() {
    }

    /** REDUCE: {@code callable(*args)}. */
    static Object call(PyGlobal g, List<Object> args) {
        switch (g.kind()) {
            case SET:
                return new LinkedHashSet<>(iterable(g, optionalArg(args, 0)));
            case FROZENSET: {
                FrozenSet s = new FrozenSet();
                for (Object o : iterable(g, optionalArg(args, 0))) {
                    s.add(Hashing.requireHashable(o));
                }
                return s;
            }
            case LIST:
            case DEQUE:
                return new ArrayList<>(iterable(g, optionalArg(args, 0)));
            case TUPLE:
                return Tuple.copyOf(iterable(g, optionalArg(args, 0)));
            case DICT:
            case ORDERED_DICT:
            case COUNTER:
            case DEFAULT_DICT:
                return dict(g, args);
            case BYTES:
            case BYTEARRAY:
                return bytes(g, args);
            case CODECS_ENCODE:
                return codecsEncode(args);
            case COMPLEX:
                return new ComplexNumber(args.isEmpty() ? 0.0 : number(g, args.get(0)),
                        args.size() < 2 ? 0.0 : number(g, args.get(1)));
            case DECIMAL:
                return decimal(args);
            case UUID:
                if (args.size() == 1 && args.get(0) instanceof String) {
                    return parseUuid((String) args.get(0));
                }
                throw invalid(g, args);
            case DATETIME:
                return PythonTime.datetime(args);
            case DATE:
                return PythonTime.date(args);
            case TIME:
                return PythonTime.time(args);
            case TIMEDELTA:
                return PythonTime.timedelta(args);
            case TIMEZONE:
                return PythonTime.timezone(args);
            case ARRAY:
                return PythonArrays.array(args);
            case ARRAY_RECONSTRUCTOR:
                return PythonArrays.reconstruct(args);
            case RECONSTRUCTOR:
                return reconstructor(args);
            case BUILTIN_EXCEPTION:
            case PYRO_ERROR:
                return new PendingObject(g, args);
            case PYRO_URI:
            case PYRO_PROXY:
                if (args.size() == 1) {
                    return new PendingObject(g, args);
                }
                throw invalid(g, args);
            default:
                throw new SerializeException("cannot call " + g.qualifiedName() + " in a pickle");
        }
    }

    /** NEWOBJ: {@code cls.__new__(cls, *args)}. */
    static Object newObject(PyGlobal g, List<Object> args) {
        switch (g.kind()) {
            case PYRO_URI:
            case PYRO_PROXY:
            case PYRO_EXCEPTION_WRAPPER:
            case UUID:
                if (!args.isEmpty()) {
                    throw invalid(g, args);
                }
                return new PendingObject(g, null);
            case BUILTIN_EXCEPTION:
            case PYRO_ERROR:
                return new PendingObject(g, args);
            default:
                // for the builtin containers and value types, cls.__new__ is their constructor
                return call(g, args);
        }
    }

    /** BUILD: {@code target.__setstate__(state)} or an update of its {@code __dict__}. */
    static void build(Object target, Object state) {
        if (target instanceof PendingObject) {
            PendingObject p = (PendingObject) target;
            if (p.state != null) {
                throw new SerializeException("BUILD applied twice to " + p.type.qualifiedName());
            }
            p.state = state;
            return;
        }
        if (target instanceof Map && (state == null || state instanceof Map && ((Map<?, ?>) state).isEmpty())) {
            return; // an OrderedDict without instance attributes
        }
        throw new SerializeException("BUILD not supported for " + Hashing.describe(target));
    }

    private static Object reconstructor(List<Object> args) {
        // copyreg._reconstructor(cls, object, None): how Python pickles an object with protocol < 2 semantics
        if (args.size() == 3 && args.get(0) instanceof PyGlobal && args.get(1) instanceof PyGlobal
                && ((PyGlobal) args.get(1)).kind() == PyGlobal.Kind.OBJECT && args.get(2) == null) {
            return newObject((PyGlobal) args.get(0), List.of());
        }
        throw new SerializeException("unsupported copyreg._reconstructor arguments");
    }

    private static Map<Object, Object> dict(PyGlobal g, List<Object> args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        Object source = optionalArg(args, 0);
        if (g.kind() == PyGlobal.Kind.DEFAULT_DICT) {
            // defaultdict(factory[, mapping]): the factory has no Java meaning
            source = optionalArg(args, 1);
        }
        if (source instanceof Map) {
            map.putAll((Map<?, ?>) source);
        } else if (source != null) {
            throw invalid(g, args);
        }
        return map;
    }

    private static byte[] bytes(PyGlobal g, List<Object> args) {
        if (args.isEmpty()) {
            return new byte[0];
        }
        Object a = args.get(0);
        if (a instanceof byte[] && args.size() == 1) {
            return ((byte[]) a).clone();
        }
        if (a instanceof String && args.size() == 2 && isLatin1((String) args.get(1))) {
            return latin1((String) a);
        }
        if (a instanceof List && args.size() == 1) {
            List<?> items = (List<?>) a;
            byte[] b = new byte[items.size()];
            for (int i = 0; i < b.length; i++) {
                Object x = items.get(i);
                if (!(x instanceof Integer) || (Integer) x < 0 || (Integer) x > 255) {
                    throw new SerializeException(g.qualifiedName() + "(): items must be ints in 0..255");
                }
                b[i] = (byte) (int) (Integer) x;
            }
            return b;
        }
        throw invalid(g, args);
    }

    private static byte[] codecsEncode(List<Object> args) {
        if (args.size() == 2 && args.get(0) instanceof String && isLatin1(args.get(1))) {
            return latin1((String) args.get(0));
        }
        if (args.size() == 1 && args.get(0) instanceof String) {
            return ((String) args.get(0)).getBytes(StandardCharsets.UTF_8);
        }
        throw new SerializeException("unsupported _codecs.encode arguments (only latin1 text is accepted)");
    }

    private static boolean isLatin1(Object encoding) {
        return "latin1".equals(encoding) || "latin-1".equals(encoding) || "iso-8859-1".equals(encoding)
                || "iso8859-1".equals(encoding);
    }

    private static byte[] latin1(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                throw new SerializeException("latin1 bytes text contains a character above U+00FF");
            }
            b[i] = (byte) c;
        }
        return b;
    }

    private static Object decimal(List<Object> args) {
        Object a = optionalArg(args, 0);
        if (a == null) {
            return BigDecimal.ZERO;
        }
        if (a instanceof Integer || a instanceof Long) {
            return BigDecimal.valueOf(((Number) a).longValue());
        }
        if (a instanceof BigInteger) {
            return new BigDecimal((BigInteger) a);
        }
        if (!(a instanceof String)) {
            throw new SerializeException("unsupported decimal.Decimal argument: " + Hashing.describe(a));
        }
        String s = ((String) a).strip();
        if (s.length() > 5000) {
            throw new SerializeException("decimal.Decimal text too long");
        }
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
            case "snan":
            case "-nan":
                return Double.NaN;
            case "inf":
            case "infinity":
            case "+inf":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return new BigDecimal(s.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new SerializeException("invalid decimal.Decimal text: " + s, e);
                }
        }
    }

    private static java.util.UUID parseUuid(String s) {
        String hex = s.replace("urn:", "").replace("uuid:", "").replace("{", "").replace("}", "").replace("-", "");
        if (hex.length() != 32) {
            throw new SerializeException("invalid uuid.UUID text: " + s);
        }
        try {
            return new java.util.UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                    Long.parseUnsignedLong(hex.substring(16), 16));
        } catch (NumberFormatException e) {
            throw new SerializeException("invalid uuid.UUID text: " + s, e);
        }
    }

    /** A UUID from Python's 128-bit {@code int} state. */
    static java.util.UUID uuidFromInt(Object value) {
        BigInteger i;
        if (value instanceof BigInteger) {
            i = (BigInteger) value;
        } else if (value instanceof Integer || value instanceof Long) {
            i = BigInteger.valueOf(((Number) value).longValue());
        } else {
            throw new SerializeException("invalid uuid.UUID state: " + Hashing.describe(value));
        }
        if (i.signum() < 0 || i.bitLength() > 128) {
            throw new SerializeException("uuid.UUID int out of range");
        }
        return new java.util.UUID(i.shiftRight(64).longValue(), i.longValue());
    }

    private static Object optionalArg(List<Object> args, int index) {
        return args.size() > index ? args.get(index) : null;
    }

    private static Collection<?> iterable(PyGlobal g, Object source) {
        if (source == null) {
            return List.of();
        }
        if (source instanceof Collection) {
            return (Collection<?>) source;
        }
        if (source instanceof Map) {
            return ((Map<?, ?>) source).keySet();
        }
        throw new SerializeException(g.qualifiedName() + "() needs an iterable, got " + Hashing.describe(source));
    }

    private static double number(PyGlobal g, Object o) {
        if (o instanceof Double || o instanceof Integer || o instanceof Long || o instanceof BigInteger) {
            return ((Number) o).doubleValue();
        }
        throw new SerializeException(g.qualifiedName() + "() needs numbers, got " + Hashing.describe(o));
    }

    static SerializeException invalid(PyGlobal g, List<Object> args) {
        return new SerializeException("unsupported arguments for " + g.qualifiedName() + ": " + args.size()
                + " argument(s)");
    }

    /** Java time values from Python's datetime pickles (their 'bytes' state or plain int fields). */
    static final class PythonTime {
        private PythonTime() {
        }

        static Object datetime(List<Object> args) {
            try {
                if (!args.isEmpty() && (args.get(0) instanceof byte[] || args.get(0) instanceof String)) {
                    byte[] b = state(args.get(0), 10);
                    LocalDateTime t = LocalDateTime.of(((b[0] & 0xff) << 8) | (b[1] & 0xff), b[2] & 0x7f, b[3] & 0xff,
                            b[4] & 0xff, b[5] & 0xff, b[6] & 0xff, micros(b, 7) * 1000);
                    return withZone(t, args, 1);
                }
                int n = intCount(args);
                if (n < 3 || n > 7) {
                    throw new SerializeException("invalid datetime.datetime arguments");
                }
                LocalDateTime t = LocalDateTime.of(i(args, 0), i(args, 1), i(args, 2), n > 3 ? i(args, 3) : 0,
                        n > 4 ? i(args, 4) : 0, n > 5 ? i(args, 5) : 0, n > 6 ? i(args, 6) * 1000 : 0);
                return withZone(t, args, n);
            } catch (DateTimeException e) {
                throw new SerializeException("invalid datetime.datetime: " + e.getMessage(), e);
            }
        }

        static Object date(List<Object> args) {
            try {
                if (args.size() == 1 && (args.get(0) instanceof byte[] || args.get(0) instanceof String)) {
                    byte[] b = state(args.get(0), 4);
                    return LocalDate.of(((b[0] & 0xff) << 8) | (b[1] & 0xff), b[2] & 0xff, b[3] & 0xff);
                }
                if (args.size() == 3 && intCount(args) == 3) {
                    return LocalDate.of(i(args, 0), i(args, 1), i(args, 2));
                }
                throw new SerializeException("invalid datetime.date arguments");
            } catch (DateTimeException e) {
                throw new SerializeException("invalid datetime.date: " + e.getMessage(), e);
            }
        }

        static Object time(List<Object> args) {
            try {
                LocalTime t;
                int zoneIndex;
                if (!args.isEmpty() && (args.get(0) instanceof byte[] || args.get(0) instanceof String)) {
                    byte[] b = state(args.get(0), 6);
                    t = LocalTime.of(b[0] & 0x7f, b[1] & 0xff, b[2] & 0xff, micros(b, 3) * 1000);
                    zoneIndex = 1;
                } else {
                    int n = intCount(args);
                    if (n > 4) {
                        throw new SerializeException("invalid datetime.time arguments");
                    }
                    t = LocalTime.of(n > 0 ? i(args, 0) : 0, n > 1 ? i(args, 1) : 0, n > 2 ? i(args, 2) : 0,
                            n > 3 ? i(args, 3) * 1000 : 0);
                    zoneIndex = n;
                }
                ZoneOffset zone = zone(args, zoneIndex);
                return zone == null ? t : t.atOffset(zone);
            } catch (DateTimeException e) {
                throw new SerializeException("invalid datetime.time: " + e.getMessage(), e);
            }
        }

        static Duration timedelta(List<Object> args) {
            if (args.size() > 3 || intCount(args) != args.size()) {
                throw new SerializeException("invalid datetime.timedelta arguments");
            }
            long days = args.size() > 0 ? l(args, 0) : 0;
            long seconds = args.size() > 1 ? l(args, 1) : 0;
            long micros = args.size() > 2 ? l(args, 2) : 0;
            if (Math.abs(days) > 999_999_999L || Math.abs(seconds) > 86_400L * 1_000_000_000L
                    || Math.abs(micros) > 86_400_000_000L * 1_000_000L) {
                throw new SerializeException("datetime.timedelta out of range");
            }
            return Duration.ofDays(days).plusSeconds(seconds).plusNanos(micros * 1000);
        }

        static ZoneOffset timezone(List<Object> args) {
            if (args.isEmpty() || args.size() > 2 || !(args.get(0) instanceof Duration)) {
                throw new SerializeException("invalid datetime.timezone arguments");
            }
            Duration d = (Duration) args.get(0);
            if (d.getNano() != 0 || Math.abs(d.getSeconds()) >= 18 * 3600) {
                throw new SerializeException("datetime.timezone offset not representable: " + d);
            }
            return ZoneOffset.ofTotalSeconds((int) d.getSeconds());
        }

        private static Object withZone(LocalDateTime t, List<Object> args, int index) {
            ZoneOffset zone = zone(args, index);
            return zone == null ? t : t.atOffset(zone);
        }

        private static ZoneOffset zone(List<Object> args, int index) {
            if (args.size() <= index) {
                return null;
            }
            Object z = args.get(index);
            if (args.size() > index + 1) {
                throw new SerializeException("too many datetime arguments");
            }
            if (z == null) {
                return null;
            }
            if (z instanceof ZoneOffset) {
                return (ZoneOffset) z;
            }
            throw new SerializeException("unsupported tzinfo: " + Hashing.describe(z));
        }

        private static byte[] state(Object o, int length) {
            byte[] b = o instanceof byte[] ? (byte[]) o : latin1((String) o);
            if (b.length != length) {
                throw new SerializeException("invalid datetime state length " + b.length);
            }
            return b;
        }

        private static int micros(byte[] b, int offset) {
            int us = ((b[offset] & 0xff) << 16) | ((b[offset + 1] & 0xff) << 8) | (b[offset + 2] & 0xff);
            if (us > 999_999) {
                throw new SerializeException("invalid microseconds " + us);
            }
            return us;
        }

        private static int intCount(List<Object> args) {
            int n = 0;
            while (n < args.size() && (args.get(n) instanceof Integer || args.get(n) instanceof Long)) {
                n++;
            }
            return n;
        }

        private static int i(List<Object> args, int index) {
            long v = ((Number) args.get(index)).longValue();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new SerializeException("datetime field out of range: " + v);
            }
            return (int) v;
        }

        private static long l(List<Object> args, int index) {
            return ((Number) args.get(index)).longValue();
        }
    }

    /** Python's {@code array.array} as a list of its items ({@code tolist()}), as other serializers send it. */
    static final class PythonArrays {
        private PythonArrays() {
        }

        static List<Object> array(List<Object> args) {
            if (args.size() == 1 && args.get(0) instanceof String) {
                return new ArrayList<>();
            }
            if (args.size() != 2 || !(args.get(0) instanceof String)) {
                throw new SerializeException("invalid array.array arguments");
            }
            Object items = args.get(1);
            if (items instanceof List) {
                return new ArrayList<>((List<?>) items);
            }
            if (items instanceof String) {
                List<Object> chars = new ArrayList<>();
                ((String) items).codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
                return chars;
            }
            throw new SerializeException("invalid array.array initializer: " + Hashing.describe(items));
        }

        /** {@code array._array_reconstructor(array.array, typecode, mformat_code, bytes)} (protocol 3+). */
        static List<Object> reconstruct(List<Object> args) {
            if (args.size() != 4 || !(args.get(2) instanceof Integer) || !(args.get(3) instanceof byte[])) {
                throw new SerializeException("invalid array._array_reconstructor arguments");
            }
            int format = (Integer) args.get(2);
            byte[] data = (byte[]) args.get(3);
            if (format < 0 || format > 21) {
                throw new SerializeException("unknown array machine format " + format);
            }
            int[] sizes = {1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 8, 8, 2, 2, 4, 4};
            int size = sizes[format];
            if (data.length % size != 0) {
                throw new SerializeException("array data length " + data.length + " is not a multiple of " + size);
            }
            boolean bigEndian = format >= 2 && format % 2 == 1;
            ByteBuffer buf = ByteBuffer.wrap(data).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            List<Object> out = new ArrayList<>(data.length / size);
            while (buf.hasRemaining()) {
                out.add(item(format, buf));
            }
            return out;
        }

        private static Object item(int format, ByteBuffer buf) {
            switch (format) {
                case 0: return buf.get() & 0xff;
                case 1: return (int) buf.get();
                case 2: case 3: return buf.getShort() & 0xffff;
                case 4: case 5: return (int) buf.getShort();
                case 6: case 7: return Hashing.smallest(buf.getInt() & 0xffffffffL);
                case 8: case 9: return buf.getInt();
                case 10: case 11: {
                    long v = buf.getLong();
                    return v >= 0 ? Hashing.smallest(v) : new BigInteger(Long.toUnsignedString(v));
                }
                case 12: case 13: return Hashing.smallest(buf.getLong());
                case 14: case 15: return (double) buf.getFloat();
                case 16: case 17: return buf.getDouble();
                case 18: case 19: return String.valueOf(buf.getChar());
                default: {
                    int cp = buf.getInt();
                    if (!Character.isValidCodePoint(cp)) {
                        throw new SerializeException("invalid code point in array: " + cp);
                    }
                    return new String(Character.toChars(cp));
                }
            }
        }
    }
}
