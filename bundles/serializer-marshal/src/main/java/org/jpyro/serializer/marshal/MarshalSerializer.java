package org.jpyro.serializer.marshal;

import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.AbstractSerializer;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.serializer.marshal.internal.MarshalReader;
import org.jpyro.serializer.marshal.internal.MarshalWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Pyro's marshal serializer: Python's built-in marshal format, version 4 (Pyro4 id 3, Pyro5 id 2), written and
 * read by hand for jpyro's Python value model (see {@link org.jpyro.api}).
 *
 * <p>Writing produces the bytes CPython 3.11's {@code marshal.dumps(value, 4)} produces in Pyro's Python client
 * (see {@code MarshalWriter} for how reference flags and interned strings are chosen). Calls are written as Pyro
 * writes them: {@code (objectId, method, [vargs...], kwargs)} with vargs always a list; kwargs {@code null} is
 * written as None (Python's marshal client crashes on such calls, its daemon accepts them). Values marshal has
 * no form for go to {@link org.jpyro.api.serializer.PythonValues#normalize}: URIs, proxies and exceptions
 * become Pyro's class dicts, UUIDs and enums str, and so on; unlike Python's Pyro, which converts only
 * top-level values and direct call arguments, jpyro converts them at any depth. Java sets are written as
 * Python sets, arrays as tuples, other collections as lists.
 *
 * <p>Reading: every marshal type code for Pyro's values (including Python 2's text floats and 64-bit ints);
 * tuples come back as {@link org.jpyro.api.Tuple}, lists as {@code ArrayList}, sets and frozensets as
 * {@code Set}, dicts as {@code LinkedHashMap} (class dicts through
 * {@link org.jpyro.api.serializer.ClassDicts#fromClassDict}). Lengths, nesting (1000 levels) and
 * back-references are bounded; any malformed payload is a {@link SerializeException}.
 *
 * <p>Stateless and thread-safe. Found through {@link java.util.ServiceLoader} and published as an OSGi
 * service (which adds itself to {@link SerializerRegistry#defaultRegistry()} while active).
 */
@Component(service = Serializer.class, immediate = true, property = {"pyro.serializer.name=marshal",
        "pyro.serializer.id.pyro4:Integer=3", "pyro.serializer.id.pyro5:Integer=2"})
public class MarshalSerializer extends AbstractSerializer {
    /** Pyro's name of this serializer. */
    public static final String NAME = "marshal";
    /** The serializer id in Pyro4. */
    public static final int PYRO4_ID = 3;
    /** The serializer id in Pyro5. */
    public static final int PYRO5_ID = 2;

    /** The serializer (stateless; one instance can serve every connection). */
    public MarshalSerializer() {
        super(NAME);
    }

    /** OSGi: makes this serializer available to daemons and proxies of the default registry. */
    @Activate
    protected void activate() {
        SerializerRegistry.defaultRegistry().add(this);
    }

    /** OSGi: withdraws this serializer from the default registry. */
    @Deactivate
    protected void deactivate() {
        SerializerRegistry.defaultRegistry().remove(this);
    }

    @Override
    public int id(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? PYRO4_ID : PYRO5_ID;
    }

    @Override
    protected byte[] writeData(Object data, ProtocolVersion version) {
        return MarshalWriter.serialize(data, version);
    }

    @Override
    protected byte[] writeCall(Call call, ProtocolVersion version) {
        return MarshalWriter.serializeCall(call, version);
    }

    /**
     * Reads marshal data; a call {@code (objectId, method, vargs, kwargs)} comes back with vargs as sent
     * (Python's marshal client sends a list, an {@code ArrayList}; a tuple is a {@link org.jpyro.api.Tuple}),
     * kwargs as a Map or {@code null}.
     */
    @Override
    protected Object readData(byte[] data, ProtocolVersion version) {
        return MarshalReader.read(data);
    }
}
