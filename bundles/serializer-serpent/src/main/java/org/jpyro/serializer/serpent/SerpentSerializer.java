package org.jpyro.serializer.serpent;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.serializer.serpent.internal.SerpentParser;
import org.jpyro.serializer.serpent.internal.SerpentWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Pyro's default serializer, serpent (Python literal expressions, id 1 in Pyro4 and Pyro5), for jpyro's
 * Python value model (see {@link org.jpyro.api}).
 *
 * <p>Writing: exactly what Python's serpent writes for the same values (header line, no indentation, no
 * spaces, insertion-ordered dicts); in addition {@code Object[]} and primitive arrays go as tuples
 * ({@code char[]} as a str), other collections as lists, {@code BigDecimal}, {@code UUID} and enums (their
 * name) as str, {@code java.time} values as their Python {@code isoformat()} str, {@code Duration} as float
 * seconds, Pyro URIs, proxies and exceptions as Pyro's class dicts. Any other type goes to
 * {@link #convertUnsupported}, which applies the mapping all serializers share.
 *
 * <p>Reading: serpent's bytes dict {@code {'data': <base64>, 'encoding': 'base64'}} stays a Map, as in
 * Python; {@link #toBytes(Object)} turns it into a {@code byte[]}. Nesting is limited to 200 levels both ways
 * (as in Python) and int literals to 4300 digits; any malformed payload is a {@link SerializeException}.
 *
 * <p>Stateless and thread-safe. Found through {@link java.util.ServiceLoader} and published as an OSGi
 * service with the property {@code pyro.serializer.name=serpent}; in a framework the component is active as
 * soon as its bundle is, and adds itself to {@link SerializerRegistry#defaultRegistry()} while active.
 */
@Component(service = Serializer.class, immediate = true, property = {
        "pyro.serializer.name=serpent",
        "pyro.serializer.id.pyro4:Integer=1",
        "pyro.serializer.id.pyro5:Integer=1"})
public class SerpentSerializer implements Serializer {
    /** Pyro's name of this serializer. */
    public static final String NAME = "serpent";
    /** The serializer id, the same in Pyro4 and Pyro5. */
    public static final int ID = 1;

    private final SerpentWriter pyro4Writer = new SerpentWriter(ProtocolVersion.PYRO4, this::convertUnsupported);
    private final SerpentWriter pyro5Writer = new SerpentWriter(ProtocolVersion.PYRO5, this::convertUnsupported);

    /** The serializer (stateless; one instance can serve every connection). */
    public SerpentSerializer() {
    }

    /** OSGi: makes serpent available to every daemon and proxy of this framework. */
    @Activate
    void activate() {
        SerializerRegistry.defaultRegistry().add(this);
    }

    /** OSGi: withdraws serpent again (when this very instance is the registered one). */
    @Deactivate
    void deactivate() {
        SerializerRegistry registry = SerializerRegistry.defaultRegistry();
        if (registry.byName(NAME) == this) {
            registry.remove(NAME);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int id(ProtocolVersion version) {
        return ID;
    }

    @Override
    public byte[] serializeData(Object data, ProtocolVersion version) {
        try {
            return writer(version).serialize(data);
        } catch (SerializeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("cannot serialize with serpent: " + e, e);
        } catch (StackOverflowError e) {
            // the nesting limit keeps normal threads safe; this is the guard for threads with tiny stacks
            throw new SerializeException("value nested too deeply for this thread's stack", e);
        }
    }

    @Override
    public Object deserializeData(byte[] data, ProtocolVersion version) {
        return SerpentParser.parse(data);
    }

    @Override
    public byte[] serializeCall(Call call, ProtocolVersion version) {
        try {
            return writer(version).serializeCall(call);
        } catch (SerializeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("cannot serialize call with serpent: " + e, e);
        } catch (StackOverflowError e) {
            // the nesting limit keeps normal threads safe; this is the guard for threads with tiny stacks
            throw new SerializeException("value nested too deeply for this thread's stack", e);
        }
    }

    /**
     * Reads {@code (objectId, method, vargs, kwargs)}; vargs come back as a {@link org.jpyro.api.Tuple}
     * (or a {@code java.util.ArrayList} when the peer sent a list, as Python does for batch and stream
     * calls), kwargs as a Map or {@code null}.
     */
    @Override
    @SuppressWarnings("unchecked")
    public Call deserializeCall(byte[] data, ProtocolVersion version) {
        Object value = SerpentParser.parse(data);
        if (!(value instanceof List) || ((List<?>) value).size() != 4) {
            throw new SerializeException("a serpent call must be a 4-tuple (object, method, vargs, kwargs), got "
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

    /**
     * The hook for values of types serpent has no form for (records, beans, registered class converters...):
     * return a value that can be written instead (a Map for a Python dict, say), or throw. This implementation
     * uses the mapping every serializer shares, {@link org.jpyro.api.serializer.PythonValues#normalize}, which
     * throws a {@link SerializeException} naming the type when there is none.
     *
     * @param value   the value that cannot be written as it is
     * @param version the protocol version being written
     */
    protected Object convertUnsupported(Object value, ProtocolVersion version) {
        return org.jpyro.api.serializer.PythonValues.normalize(value, version);
    }

    /**
     * The bytes of serpent's bytes dict {@code {'data': '<base64>', 'encoding': 'base64'}} (how Python sends
     * {@code bytes}), or the array itself for a {@code byte[]} (a bytes literal).
     *
     * @throws SerializeException for anything else, or invalid base64
     */
    public static byte[] toBytes(Object value) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof Map) {
            Map<?, ?> dict = (Map<?, ?>) value;
            Object data = dict.get("data");
            if ("base64".equals(dict.get("encoding")) && data instanceof String) {
                try {
                    return Base64.getDecoder().decode((String) data);
                } catch (IllegalArgumentException e) {
                    throw new SerializeException("invalid base64 in serpent bytes dict: " + e.getMessage(), e);
                }
            }
        }
        throw new SerializeException("neither bytes nor a serpent base64 bytes dict: " + describe(value));
    }

    private SerpentWriter writer(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? pyro4Writer : pyro5Writer;
    }

    private static String describe(Object value) {
        return value == null ? "None" : value.getClass().getName();
    }
}
