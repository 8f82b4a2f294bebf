package org.jpyro.serializer.json;

import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.AbstractSerializer;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.PythonValues;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.serializer.json.internal.JsonReader;
import org.jpyro.serializer.json.internal.JsonWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Pyro's json serializer (Pyro4 id 2, Pyro5 id 3) on Jackson's streaming parser and generator, for jpyro's
 * Python value model (see {@link org.jpyro.api}).
 *
 * <p>Writing gives the bytes Pyro writes ({@code json.dumps(obj, ensure_ascii=False)} in UTF-8): separators
 * {@code ", "} and {@code ": "}, non-ASCII text unescaped, floats as Python's {@code repr}, {@code NaN},
 * {@code Infinity}, {@code -Infinity}, big ints as plain digits; tuples, sets and arrays become lists, dict keys
 * of type int/float/bool/None become str as in Python; a call is the object {@code {"object": id, "method":
 * name, "params": [...], "kwargs": {...}}}. URIs, proxies, exceptions and batch exception wrappers go as Pyro's
 * class dicts of the protocol version; UUID, BigDecimal, enums and {@code java.time} values as str (see
 * {@link org.jpyro.api.serializer.PythonValues#normalize}). Unlike Python's json, {@code byte[]} is written (as
 * serpent's bytes dict {@code {"data": "<base64>", "encoding": "base64"}}; {@link #toBytes} reads it back);
 * complex numbers are refused as in Python.
 *
 * <p>Reading gives dicts as insertion-ordered Maps (class dicts of URIs, proxies and exceptions as their jpyro
 * objects), lists as {@link java.util.ArrayList} (JSON has no tuples: call params included), ints as Integer,
 * Long or BigInteger by size, floats as Double. Any malformed payload is a {@link SerializeException}.
 *
 * <p>Stateless and thread-safe. Found through {@link java.util.ServiceLoader}; in an OSGi framework it is a DS
 * component (immediate, so that it is active whether or not anyone uses the service) that adds itself to
 * {@link SerializerRegistry#defaultRegistry()} while active: daemons and proxies consult that registry per message.
 */
@Component(service = Serializer.class, immediate = true, property = {
        "pyro.serializer.name=json",
        "pyro.serializer.id.pyro4:Integer=2",
        "pyro.serializer.id.pyro5:Integer=3"})
public class JsonSerializer extends AbstractSerializer {
    /** Pyro's name of this serializer. */
    public static final String NAME = "json";
    /** The serializer id in Pyro4 frames. */
    public static final int PYRO4_ID = 2;
    /** The serializer id in Pyro5 frames. */
    public static final int PYRO5_ID = 3;

    private final JsonWriter pyro4Writer = new JsonWriter(ProtocolVersion.PYRO4);
    private final JsonWriter pyro5Writer = new JsonWriter(ProtocolVersion.PYRO5);
    private final JsonReader reader = new JsonReader();

    /** The serializer (stateless; one instance can serve every connection). */
    public JsonSerializer() {
        super(NAME);
    }

    /** OSGi: makes json available to every daemon and proxy of this framework. */
    @Activate
    void activate() {
        SerializerRegistry.defaultRegistry().add(this);
    }

    /** OSGi: withdraws json again (when this very instance is the registered one). */
    @Deactivate
    void deactivate() {
        SerializerRegistry.defaultRegistry().remove(this);
    }

    @Override
    public int id(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? PYRO4_ID : PYRO5_ID;
    }

    @Override
    protected byte[] writeData(Object data, ProtocolVersion version) {
        return writer(version).write(data);
    }

    @Override
    protected byte[] writeCall(Call call, ProtocolVersion version) {
        return writer(version).writeCall(call);
    }

    @Override
    protected Object readData(byte[] data, ProtocolVersion version) {
        return reader.read(data);
    }

    /**
     * Reads {@code {"object", "method", "params", "kwargs"}}: params come back as a {@link java.util.ArrayList},
     * kwargs as a Map or {@code null}.
     */
    @Override
    protected Call readCall(byte[] data, ProtocolVersion version) {
        return reader.readCall(data);
    }

    /**
     * The bytes of serpent's bytes dict {@code {"data": "<base64>", "encoding": "base64"}} (how this serializer
     * writes {@code byte[]}), or the array itself for a {@code byte[]}.
     *
     * @throws SerializeException for anything else, or invalid base64
     */
    public static byte[] toBytes(Object value) {
        return PythonValues.bytesOf(value);
    }

    private JsonWriter writer(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? pyro4Writer : pyro5Writer;
    }
}
