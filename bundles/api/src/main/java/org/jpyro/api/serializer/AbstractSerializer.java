package org.jpyro.api.serializer;

import java.util.List;
import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroException;
import org.jpyro.api.SerializeException;

/**
 * What every serializer does the same way, so that each implementation only writes and reads its format:
 * every failure surfaces as a {@link SerializeException} (or another {@link PyroException} the format raised on
 * purpose, such as a {@link org.jpyro.api.SecurityException}), never as a stray runtime exception or a stack
 * overflow; a protocol version the serializer does not exist in is refused; calls decoded from a 4-item
 * sequence {@code (objectId, method, vargs, kwargs)} are checked the same way; values the format has no form for
 * go to {@link PythonValues#normalize}.
 */
public abstract class AbstractSerializer implements Serializer {
    private final String name;

    protected AbstractSerializer(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Writes a value in this format. */
    protected abstract byte[] writeData(Object data, ProtocolVersion version);

    /** Writes the payload of an INVOKE message in this format. */
    protected abstract byte[] writeCall(Call call, ProtocolVersion version);

    /** Reads a value in this format. */
    protected abstract Object readData(byte[] data, ProtocolVersion version);

    @Override
    public final byte[] serializeData(Object data, ProtocolVersion version) {
        requireAvailable(version);
        try {
            return writeData(data, version);
        } catch (PyroException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("cannot serialize with " + name + ": " + e, e);
        } catch (StackOverflowError e) {
            throw tooDeep(e);
        }
    }

    @Override
    public final byte[] serializeCall(Call call, ProtocolVersion version) {
        requireAvailable(version);
        try {
            return writeCall(call, version);
        } catch (PyroException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("cannot serialize call with " + name + ": " + e, e);
        } catch (StackOverflowError e) {
            throw tooDeep(e);
        }
    }

    @Override
    public final Object deserializeData(byte[] data, ProtocolVersion version) {
        return read(data, version, false);
    }

    @Override
    public final Call deserializeCall(byte[] data, ProtocolVersion version) {
        return (Call) read(data, version, true);
    }

    /**
     * Reads the payload of an INVOKE message. By default the 4-item sequence
     * {@code (objectId, method, vargs, kwargs)} that serpent, marshal, msgpack and pickle send, checked by
     * {@link #callFromSequence}; a format that sends calls differently overrides this.
     */
    protected Call readCall(byte[] data, ProtocolVersion version) {
        return callFromSequence(readData(data, version));
    }

    private Object read(byte[] data, ProtocolVersion version, boolean call) {
        requireAvailable(version);
        if (data == null) {
            throw new SerializeException("no " + name + " data");
        }
        try {
            return call ? readCall(data, version) : readData(data, version);
        } catch (PyroException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("invalid " + name + " data: " + e, e);
        } catch (StackOverflowError e) {
            throw tooDeep(e);
        }
    }

    /**
     * The hook for values this format has no form for: a value that can be written instead, or a
     * {@link SerializeException}. By default the mapping every serializer shares,
     * {@link PythonValues#normalize}.
     */
    protected Object convertUnsupported(Object value, ProtocolVersion version) {
        return PythonValues.normalize(value, version);
    }

    /**
     * A {@link Call} from a decoded 4-item sequence, with every part checked: object id and method are str,
     * vargs a sequence (or None), kwargs a dict with str keys (or None).
     */
    @SuppressWarnings("unchecked")
    protected final Call callFromSequence(Object value) {
        if (!(value instanceof List) || ((List<?>) value).size() != 4) {
            throw new SerializeException("a " + name + " call must be a sequence of 4 (object, method, vargs, kwargs), got "
                    + describe(value));
        }
        List<?> parts = (List<?>) value;
        Object objectId = parts.get(0);
        Object method = parts.get(1);
        Object vargs = parts.get(2);
        Object kwargs = parts.get(3);
        if (!(objectId instanceof String) || !(method instanceof String)) {
            throw new SerializeException("call object id and method must be str, got " + describe(objectId)
                    + " and " + describe(method));
        }
        if (vargs != null && !(vargs instanceof List)) {
            throw new SerializeException("call vargs must be a tuple or list, got " + describe(vargs));
        }
        if (kwargs != null) {
            if (!(kwargs instanceof Map)) {
                throw new SerializeException("call kwargs must be a dict or None, got " + describe(kwargs));
            }
            for (Object key : ((Map<?, ?>) kwargs).keySet()) {
                if (!(key instanceof String)) {
                    throw new SerializeException("keyword argument names must be str, got " + describe(key));
                }
            }
        }
        return new Call((String) objectId, (String) method, (List<Object>) vargs, (Map<String, Object>) kwargs);
    }

    /** The Java type of a decoded value for error messages ({@code None} for null). */
    protected static String describe(Object value) {
        return value == null ? "None" : value.getClass().getName();
    }

    private void requireAvailable(ProtocolVersion version) {
        if (id(version) == NOT_AVAILABLE) {
            throw new SerializeException("the " + name + " serializer does not exist in " + version.libraryName());
        }
    }

    private static SerializeException tooDeep(StackOverflowError e) {
        // every format limits nesting; this is the guard for threads with tiny stacks
        return new SerializeException("value nested too deeply for this thread's stack", e);
    }
}
