package org.jpyro.serializer.json.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import org.jpyro.api.PyroException;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ClassDicts;

/**
 * Reads UTF-8 JSON as Python's {@code json.loads} does, into jpyro's Python value model: objects as
 * insertion-ordered {@code Map<String, Object>} (a dict with a {@code __class__} key goes through
 * {@link ClassDicts#fromClassDict}, like Pyro's {@code recreate_classes}), arrays as {@link ArrayList}, ints as
 * the smallest of Integer, Long, BigInteger, floats (and {@code NaN}, {@code Infinity}, {@code -Infinity}) as
 * Double. Exactly one value per payload; nesting is limited to {@value #MAX_DEPTH} levels and ints to
 * {@value #MAX_NUMBER_LENGTH} digits (Python's limit). Every malformed payload is a {@link SerializeException}.
 * Thread-safe.
 */
public final class JsonReader {
    /** Deepest nesting read (Python's json gives up at its recursion limit, about as deep). */
    public static final int MAX_DEPTH = 1000;
    /** Longest number literal read: CPython's default limit for int/str conversion. */
    public static final int MAX_NUMBER_LENGTH = 4300;

    private final JsonFactory factory = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    /** A reader (cheap to share: one per serializer). */
    public JsonReader() {
    }

    /** The one value of a payload. */
    public Object read(byte[] data) {
        try (JsonParser parser = factory.createParser(data)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new SerializeException("invalid json: empty payload");
            }
            Object value = readValue(parser, token);
            expectEnd(parser);
            return value;
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        } catch (StackOverflowError e) {
            throw new SerializeException("json nested too deeply for this thread's stack", e);
        }
    }

    /**
     * A call {@code {"object": id, "method": name, "params": [...], "kwargs": {...} or null}}, keys in any order
     * (other keys are ignored, as Python does).
     */
    @SuppressWarnings("unchecked")
    public Call readCall(byte[] data) {
        try (JsonParser parser = factory.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializeException("a json call must be an object {\"object\", \"method\", \"params\", \"kwargs\"}");
            }
            Object objectId = null;
            Object method = null;
            Object params = null;
            Object kwargs = null;
            boolean hasObject = false;
            boolean hasMethod = false;
            boolean hasParams = false;
            boolean hasKwargs = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                Object value = readValue(parser, parser.nextToken());
                switch (name) {
                    case "object": objectId = value; hasObject = true; break;
                    case "method": method = value; hasMethod = true; break;
                    case "params": params = value; hasParams = true; break;
                    case "kwargs": kwargs = value; hasKwargs = true; break;
                    default: break;
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new SerializeException("invalid json call object");
            }
            expectEnd(parser);
            if (!hasObject || !hasMethod || !hasParams || !hasKwargs) {
                throw new SerializeException("a json call needs the keys object, method, params and kwargs");
            }
            if (!(objectId instanceof String) || !(method instanceof String)) {
                throw new SerializeException("call object id and method must be str, got " + describe(objectId)
                        + " and " + describe(method));
            }
            if (!(params instanceof List)) {
                throw new SerializeException("call params must be a list, got " + describe(params));
            }
            if (kwargs != null && !(kwargs instanceof Map)) {
                throw new SerializeException("call kwargs must be an object or null, got " + describe(kwargs));
            }
            return new Call((String) objectId, (String) method, (List<Object>) params, (Map<String, Object>) kwargs);
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        } catch (StackOverflowError e) {
            throw new SerializeException("json nested too deeply for this thread's stack", e);
        }
    }

    private static void expectEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new SerializeException("invalid json: extra data after the value at offset "
                    + parser.currentTokenLocation().getByteOffset());
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new SerializeException("invalid json: truncated payload");
        }
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT: return parser.getIntValue();
                    case LONG: return parser.getLongValue();
                    default: return parser.getBigIntegerValue();
                }
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(parser, t));
                }
                return list;
            }
            case START_OBJECT: {
                Map<String, Object> dict = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    dict.put(key, readValue(parser, parser.nextToken()));
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new SerializeException("invalid json object");
                }
                return dict.containsKey(ClassDicts.CLASS) ? ClassDicts.fromClassDict(dict) : dict;
            }
            default:
                throw new SerializeException("invalid json: unexpected " + token);
        }
    }

    /** Every failure as a SerializeException; a refused class (SecurityException) stays what it is. */
    private static PyroException failure(Exception e) {
        if (e instanceof SerializeException || e instanceof SecurityException) {
            return (PyroException) e;
        }
        String message = e.getMessage();
        if (message != null && message.indexOf('\n') > 0) {
            message = message.substring(0, message.indexOf('\n'));
        }
        return new SerializeException("invalid json: " + message, e);
    }

    private static String describe(Object value) {
        return value == null ? "None" : value.getClass().getName();
    }
}
