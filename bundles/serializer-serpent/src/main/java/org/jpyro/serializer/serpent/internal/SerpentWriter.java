package org.jpyro.serializer.serpent.internal;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ClassDicts;
import org.jpyro.api.serializer.PythonTime;

/**
 * Writes jpyro's Python value model as serpent text exactly as Python's serpent (1.41) writes the same
 * values: no indentation, no spaces except in the bytes dict, Python {@code repr} for str and float.
 * It extends the serpent library's writer and takes over the type dispatch, strings, floats, bytes,
 * dicts and sets (where the library differs from Python); tuples and lists are the library's.
 * Immutable and thread-safe: every call writes into its own {@link SerpentOutput}.
 */
public final class SerpentWriter extends net.razorvine.serpent.Serializer {
    /** The first line of every serpent payload. */
    public static final String HEADER = "# serpent utf-8 python3.2\n";
    /** Deepest nesting written: Python's serpent writes (and Python's parser reads) no deeper. */
    public static final int MAX_LEVEL = 200;

    private final ProtocolVersion version;
    private final BiFunction<Object, ProtocolVersion, Object> fallback;

    /**
     * @param version  decides the class names of URIs, proxies and exceptions
     * @param fallback called for values of any other type; returns a replacement value to write, or throws
     *                 a {@link SerializeException}
     */
    public SerpentWriter(ProtocolVersion version, BiFunction<Object, ProtocolVersion, Object> fallback) {
        super(false, true, false);
        this.version = version;
        this.fallback = fallback;
        this.maximumLevel = MAX_LEVEL;
    }

    /** The complete payload (header line + value). */
    @Override
    public byte[] serialize(Object value) {
        SerpentOutput out = new SerpentOutput(64);
        out.ascii(HEADER);
        serialize(value, out, 0);
        return out.toByteArray();
    }

    /** The payload of an INVOKE: the tuple {@code (objectId, method, vargs, kwargs)}. */
    public byte[] serializeCall(Call call) {
        SerpentOutput out = new SerpentOutput(96);
        out.ascii(HEADER);
        out.raw('(');
        serialize(call.objectId(), out, 1);
        out.raw(',');
        serialize(call.method(), out, 1);
        out.raw(',');
        List<Object> args = call.args();
        if (args instanceof ArrayList) {
            // what deserializeCall gives for list vargs (Python's batch and stream calls), written back as a list
            serialize_collection(args, out, 1);
        } else {
            serialize_tuple(args, out, 1);
        }
        out.raw(',');
        serialize(call.kwargs(), out, 1);
        out.raw(')');
        return out.toByteArray();
    }

    @Override
    protected void serialize(Object obj, StringWriter sw, int level) {
        if (level > maximumLevel) {
            throw new SerializeException("value nested deeper than " + maximumLevel
                    + " levels (or it contains itself)");
        }
        SerpentOutput out = (SerpentOutput) sw;
        if (obj == null) {
            out.ascii("None");
            return;
        }
        if (obj instanceof String) {
            PythonRepr.writeString((String) obj, out);
            return;
        }
        Class<?> type = obj.getClass();
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            out.decimal(((Number) obj).longValue());
        } else if (type == Boolean.class) {
            out.ascii((Boolean) obj ? "True" : "False");
        } else if (type == Double.class || type == Float.class) {
            writeFloat(((Number) obj).doubleValue(), out);
        } else if (obj instanceof Tuple) {
            serialize_tuple((Tuple) obj, out, level);
        } else if (obj instanceof Map) {
            serialize_dict((Map<?, ?>) obj, out, level);
        } else if (obj instanceof List) {
            serialize_collection((List<?>) obj, out, level);
        } else if (obj instanceof Set) {
            serialize_set((Set<?>) obj, out, level);
        } else if (type == byte[].class) {
            serialize_bytes((byte[]) obj, out, level);
        } else if (type.isArray()) {
            serialize_primitive_array(obj, out, level);
        } else if (obj instanceof Number) {
            writeNumber((Number) obj, out);
        } else if (obj instanceof Character) {
            PythonRepr.writeString(obj.toString(), out);
        } else if (obj instanceof ComplexNumber) {
            writeComplex((ComplexNumber) obj, out);
        } else if (obj instanceof Enum) {
            PythonRepr.writeString(((Enum<?>) obj).name(), out);
        } else if (obj instanceof UUID) {
            out.ascii("'" + obj + "'");
        } else if (obj instanceof Duration) {
            writeFloat(PythonTime.totalSeconds((Duration) obj), out);
        } else {
            serializeOther(obj, out, level);
        }
    }

    /** Dates and times, Pyro objects (class dicts), other collections, then the fallback. */
    private void serializeOther(Object obj, SerpentOutput out, int level) {
        if (obj instanceof TemporalAccessor || obj instanceof Date) {
            String iso = PythonTime.isoformat(obj);
            if (iso != null) {
                out.raw('\'');
                out.ascii(iso);
                out.raw('\'');
                return;
            }
        }
        Map<String, Object> classDict = ClassDicts.toClassDict(obj, version);
        if (classDict != null) {
            serialize_dict(classDict, out, level);
        } else if (obj instanceof Collection) {
            serialize_collection((Collection<?>) obj, out, level);
        } else {
            serialize(fallback.apply(obj, version), out, level + 1);
        }
    }

    private static void writeFloat(double d, SerpentOutput out) {
        if (Double.isNaN(d)) {
            out.ascii("{'__class__':'float','value':'nan'}");
        } else if (Double.isInfinite(d)) {
            out.ascii(d > 0 ? "1e30000" : "-1e30000");
        } else {
            out.ascii(PythonRepr.floatRepr(d));
        }
    }

    private static void writeNumber(Number n, SerpentOutput out) {
        if (n instanceof BigInteger) {
            out.ascii(n.toString());
        } else if (n instanceof BigDecimal) {
            // Python's str(Decimal) and BigDecimal.toString follow the same specification
            PythonRepr.writeString(n.toString(), out);
        } else if (n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof LongAdder
                || n instanceof LongAccumulator) {
            out.decimal(n.longValue());
        } else {
            writeFloat(n.doubleValue(), out);
        }
    }

    /**
     * {@code (real+imagj)} as Python writes it, except that a negative zero imaginary part is written as
     * {@code -0.0j}: Python's own {@code +-0.0j} is unreadable for {@code ast.literal_eval}.
     */
    private static void writeComplex(ComplexNumber c, SerpentOutput out) {
        if (Double.isNaN(c.real()) || Double.isNaN(c.imaginary())) {
            throw new SerializeException("a complex number with a NaN part has no serpent form: " + c);
        }
        out.raw('(');
        writeFloat(c.real(), out);
        double imaginary = c.imaginary();
        if (imaginary > 0 || (imaginary == 0 && Double.doubleToRawLongBits(imaginary) == 0)) {
            out.raw('+');
            writeFloat(imaginary, out);
        } else {
            out.raw('-');
            writeFloat(-imaginary, out);
        }
        out.ascii("j)");
    }

    /** {@code {'data': '<base64>', 'encoding': 'base64'}}: with spaces, as Python writes {@code repr(dict)}. */
    @Override
    protected void serialize_bytes(byte[] obj, StringWriter sw, int level) {
        SerpentOutput out = (SerpentOutput) sw;
        out.ascii("{'data': '");
        out.ascii(Base64.getEncoder().encodeToString(obj));
        out.ascii("', 'encoding': 'base64'}");
    }

    /** Arrays of objects or primitives: a tuple ({@code char[]} as a str, like Python's array of typecode 'u'). */
    @Override
    protected void serialize_primitive_array(Object array, StringWriter sw, int level) {
        if (array instanceof Object[]) {
            serialize_tuple(Arrays.asList((Object[]) array), sw, level);
        } else if (array instanceof char[]) {
            PythonRepr.writeString(new String((char[]) array), (SerpentOutput) sw);
        } else {
            serialize_tuple(new PrimitiveArrayList(array), sw, level);
        }
    }

    /** A dict in insertion order; list and array keys become tuples (dict keys must be hashable). */
    @Override
    protected void serialize_dict(Map<?, ?> dict, StringWriter sw, int level) {
        SerpentOutput out = (SerpentOutput) sw;
        out.raw('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!first) {
                out.raw(',');
            }
            first = false;
            serializeKey(e.getKey(), out, level + 1);
            out.raw(':');
            serialize(e.getValue(), out, level + 1);
        }
        out.raw('}');
    }

    /** A set literal; an empty set is written as {@code ()} (there is no empty set literal), as Python does. */
    @Override
    protected void serialize_set(Set<?> set, StringWriter sw, int level) {
        SerpentOutput out = (SerpentOutput) sw;
        if (set.isEmpty()) {
            out.ascii("()");
            return;
        }
        out.raw('{');
        boolean first = true;
        for (Object e : set) {
            if (!first) {
                out.raw(',');
            }
            first = false;
            serializeKey(e, out, level + 1);
        }
        out.raw('}');
    }

    @Override
    protected void serialize_string(String str, StringWriter sw, int level) {
        PythonRepr.writeString(str, (SerpentOutput) sw);
    }

    private void serializeKey(Object key, SerpentOutput out, int level) {
        if (key instanceof String || key instanceof Number || key instanceof Boolean || key instanceof Tuple
                || key == null) {
            serialize(key, out, level);
        } else if (key instanceof List) {
            serialize_tuple((List<?>) key, out, level);
        } else if (key instanceof Map || key instanceof Collection || key instanceof byte[]
                || ClassDicts.toClassDict(key, version) != null) {
            throw new SerializeException("unhashable dict key or set element for Python: "
                    + key.getClass().getName());
        } else {
            serialize(key, out, level);
        }
    }

    /** A read-only list view of a primitive array (boxing element by element, no reflection). */
    private static final class PrimitiveArrayList extends java.util.AbstractList<Object> {
        private final Object array;
        private final int size;

        PrimitiveArrayList(Object array) {
            this.array = array;
            this.size = java.lang.reflect.Array.getLength(array);
        }

        @Override
        public Object get(int i) {
            if (array instanceof int[]) {
                return ((int[]) array)[i];
            } else if (array instanceof long[]) {
                return ((long[]) array)[i];
            } else if (array instanceof double[]) {
                return ((double[]) array)[i];
            } else if (array instanceof boolean[]) {
                return ((boolean[]) array)[i];
            } else if (array instanceof float[]) {
                return ((float[]) array)[i];
            } else if (array instanceof short[]) {
                return ((short[]) array)[i];
            } else if (array instanceof byte[]) {
                return ((byte[]) array)[i];
            }
            throw new IllegalStateException("not a primitive array: " + array.getClass());
        }

        @Override
        public int size() {
            return size;
        }
    }
}
