package org.jpyro.serializer.serpent;

import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.AbstractSerializer;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.PythonValues;
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
public class SerpentSerializer extends AbstractSerializer {
    /** Pyro's name of this serializer. */
    public static final String NAME = "serpent";
    /** The serializer id, the same in Pyro4 and Pyro5. */
    public static final int ID = 1;

    private final SerpentWriter pyro4Writer = new SerpentWriter(ProtocolVersion.PYRO4, this::convertUnsupported);
    private final SerpentWriter pyro5Writer = new SerpentWriter(ProtocolVersion.PYRO5, this::convertUnsupported);

    /** The serializer (stateless; one instance can serve every connection). */
    public SerpentSerializer() {
        super(NAME);
    }

    /** OSGi: makes serpent available to every daemon and proxy of this framework. */
    @Activate
    void activate() {
        SerializerRegistry.defaultRegistry().add(this);
    }

    /** OSGi: withdraws serpent again (when this very instance is the registered one). */
    @Deactivate
    void deactivate() {
        SerializerRegistry.defaultRegistry().remove(this);
    }

    @Override
    public int id(ProtocolVersion version) {
        return ID;
    }

    @Override
    protected byte[] writeData(Object data, ProtocolVersion version) {
        return writer(version).serialize(data);
    }

    @Override
    protected byte[] writeCall(Call call, ProtocolVersion version) {
        return writer(version).serializeCall(call);
    }

    /**
     * Reads serpent text; a call {@code (objectId, method, vargs, kwargs)} comes back with vargs as a
     * {@link org.jpyro.api.Tuple} (or a {@code java.util.ArrayList} when the peer sent a list, as Python does
     * for batch and stream calls), kwargs as a Map or {@code null}.
     */
    @Override
    protected Object readData(byte[] data, ProtocolVersion version) {
        return SerpentParser.parse(data);
    }

    /**
     * The bytes of serpent's bytes dict {@code {'data': '<base64>', 'encoding': 'base64'}} (how Python sends
     * {@code bytes}), or the array itself for a {@code byte[]} (a bytes literal).
     *
     * @throws SerializeException for anything else, or invalid base64
     */
    public static byte[] toBytes(Object value) {
        return PythonValues.bytesOf(value);
    }

    private SerpentWriter writer(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? pyro4Writer : pyro5Writer;
    }
}
