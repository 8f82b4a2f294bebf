package org.jpyro.serializer.json.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.PythonValues;

/**
 * Writes jpyro's Python value model as the exact bytes Pyro's json serializer ({@code json.dumps(obj,
 * ensure_ascii=False)} encoded as UTF-8) writes for the same values: {@code ", "} and {@code ": "} separators,
 * non-ASCII text as UTF-8, floats as Python's {@code repr} with {@code NaN}/{@code Infinity}/{@code -Infinity},
 * ints of any size as plain digits, tuples and sets as arrays, dicts in iteration order with str, int, float,
 * bool and None keys turned into str as Python does.
 *
 * <p>Beyond what Python writes: {@code byte[]} as serpent's bytes dict {@code {"data": "<base64>", "encoding":
 * "base64"}} (Python's json refuses bytes), {@code char[]} as a str, other arrays as lists; anything else goes
 * through {@link PythonValues#normalize} (URIs, proxies, exceptions as Pyro's class dicts, UUID and Decimal as
 * str, dates as ISO text, records and beans as class dicts...), which refuses what has no Python form.
 * Complex numbers are refused, as by Python's json. Thread-safe.
 */
public final class JsonWriter {
    /** Deepest nesting written (Python's json gives up at its recursion limit, about as deep). */
    public static final int MAX_DEPTH = 1000;

    /** Thread-safe; the generators it makes are configured per payload (separators) in {@link #generator}. */
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH + 2).build())
            .build();

    private final ProtocolVersion version;

    /** A writer for the class names of this protocol version. */
    public JsonWriter(ProtocolVersion version) {
        this.version = version;
    }

    /** The JSON bytes of one value. */
    public byte[] write(Object value) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator gen = generator(out)) {
            writeValue(gen, value, 0);
        } catch (IOException e) {
            throw new SerializeException("cannot serialize with json: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The JSON bytes of an INVOKE: {@code {"object": id, "method": name, "params": [...], "kwargs": {...}}}. */
    public byte[] writeCall(Call call) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator gen = generator(out)) {
            gen.writeStartObject();
            gen.writeFieldName("object");
            writeValue(gen, call.objectId(), 1);
            gen.writeFieldName("method");
            writeValue(gen, call.method(), 1);
            gen.writeFieldName("params");
            writeArray(gen, call.args(), 1);
            gen.writeFieldName("kwargs");
            writeValue(gen, call.kwargs(), 1);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new SerializeException("cannot serialize call with json: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private JsonGenerator generator(ByteArrayBuilder out) throws IOException {
        JsonGenerator gen = FACTORY.createGenerator(out);
        gen.setPrettyPrinter(PythonJsonStyle.INSTANCE);
        return gen;
    }

    private void writeValue(JsonGenerator gen, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new SerializeException("value nested deeper than " + MAX_DEPTH + " levels (or it contains itself)");
        }
        if (value == null) {
            gen.writeNull();
            return;
        }
        if (value instanceof String) {
            PythonStrings.writeString(gen, (String) value);
            return;
        }
        Class<?> type = value.getClass();
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            gen.writeNumber(((Number) value).longValue());
        } else if (type == Boolean.class) {
            gen.writeBoolean((Boolean) value);
        } else if (type == Double.class || type == Float.class) {
            gen.writeNumber(PythonFloat.json(((Number) value).doubleValue()));
        } else if (value instanceof Map) {
            writeObject(gen, (Map<?, ?>) value, depth);
        } else if (value instanceof Collection) {
            writeArray(gen, (Collection<?>) value, depth);
        } else if (type == BigInteger.class) {
            gen.writeNumber((BigInteger) value);
        } else if (type == byte[].class) {
            writeBytes(gen, (byte[]) value);
        } else if (type == char[].class) {
            PythonStrings.writeString(gen, new String((char[]) value));
        } else if (value instanceof Object[]) {
            writeArray(gen, List.of((Object[]) value), depth);
        } else if (type.isArray()) {
            writeArray(gen, PrimitiveArrays.asList(value), depth);
        } else if (value instanceof Character) {
            PythonStrings.writeString(gen, value.toString());
        } else if (value instanceof Number && !(value instanceof BigDecimal)) {
            writeOtherNumber(gen, (Number) value);
        } else if (value instanceof ComplexNumber) {
            throw new SerializeException("json cannot serialize a complex number (neither can Python's): " + value);
        } else {
            writeValue(gen, PythonValues.normalize(value, version), depth + 1);
        }
    }

    private static void writeOtherNumber(JsonGenerator gen, Number n) throws IOException {
        if (n instanceof BigInteger) {
            gen.writeNumber((BigInteger) n);
        } else if (n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof LongAdder
                || n instanceof LongAccumulator) {
            gen.writeNumber(n.longValue());
        } else {
            gen.writeNumber(PythonFloat.json(n.doubleValue()));
        }
    }

    private void writeArray(JsonGenerator gen, Collection<?> items, int depth) throws IOException {
        gen.writeStartArray();
        for (Object item : items) {
            writeValue(gen, item, depth + 1);
        }
        gen.writeEndArray();
    }

    private void writeObject(JsonGenerator gen, Map<?, ?> dict, int depth) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            PythonStrings.writeName(gen, key(e.getKey()));
            writeValue(gen, e.getValue(), depth + 1);
        }
        gen.writeEndObject();
    }

    /** A dict key as Python's json writes it: str as is; int, float, bool, None as their JSON text. */
    private String key(Object key) {
        if (key instanceof String) {
            return (String) key;
        }
        if (key == null) {
            return "null";
        }
        Class<?> type = key.getClass();
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return key.toString();
        }
        if (type == Double.class || type == Float.class) {
            return PythonFloat.json(((Number) key).doubleValue());
        }
        if (type == Boolean.class) {
            return (Boolean) key ? "true" : "false";
        }
        if (key instanceof Character || key instanceof Enum || key instanceof java.util.UUID) {
            Object normalized = PythonValues.normalize(key, version);
            if (normalized instanceof String) {
                return (String) normalized;
            }
        }
        throw new SerializeException("json dict keys must be str, int, float, bool or None, not "
                + type.getName());
    }

    private static void writeBytes(JsonGenerator gen, byte[] bytes) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("data");
        gen.writeString(Base64.getEncoder().encodeToString(bytes));
        gen.writeFieldName("encoding");
        gen.writeString("base64");
        gen.writeEndObject();
    }
}
