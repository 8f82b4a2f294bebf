package org.jpyro.serializer.pickle;

import java.util.List;
import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.AbstractSerializer;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.serializer.pickle.internal.PickleReader;
import org.jpyro.serializer.pickle.internal.PickleWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Pyro4's pickle serializer (id 4; it does not exist in Pyro5) for jpyro's value model (see
 * {@link org.jpyro.api}).
 *
 * <p><b>Security.</b> Pickle is unsafe in Python: a Python peer that accepts pickle runs whatever a pickle tells
 * it to. This Java side is not exposed that way: it reads only a whitelist of Python classes (builtin containers
 * and exceptions, {@code datetime}, {@code decimal.Decimal}, {@code uuid.UUID}, the basic {@code collections},
 * {@code array}, Pyro4's URI/Proxy/{@code _ExceptionWrapper}/errors) into jpyro's own value types, never a Java
 * class by name, and refuses any other global with a {@link org.jpyro.api.SecurityException}. The pickle
 * library's static registries are never used or changed. Still, Pyro refuses pickle unless configured, and so
 * does jpyro's daemon: it accepts this serializer only from Pyro4 clients and only when SERIALIZERS_ACCEPTED
 * names {@code pickle} (logging a warning when it does). Enable it only for trusted peers.
 *
 * <p><b>Writing</b>: pickle protocol 2, as Java pickle libraries write it (Python reads it whatever its own
 * default), with real Python objects: {@code bytes}, sets, {@code complex}, {@code datetime.*} for java.time
 * values, {@code Decimal}, {@code UUID}, {@code Pyro4.core.URI}, {@code Pyro4.core.Proxy}, exceptions with their
 * {@code _pyroTraceback}, {@code Pyro4.futures._ExceptionWrapper}. A call is the 4-tuple
 * {@code (objectId, method, vargs, kwargs)}, vargs a tuple (a list for a {@code java.util.ArrayList}).
 *
 * <p><b>Reading</b>: protocols 0-5. Python values as documented in {@link org.jpyro.api}, plus
 * {@code datetime}/{@code date}/{@code time}/{@code timedelta} as {@code LocalDateTime} (or
 * {@code OffsetDateTime} with a {@code datetime.timezone}), {@code LocalDate}, {@code LocalTime}
 * ({@code OffsetTime}), {@code Duration}; {@code Decimal} as {@code BigDecimal} (NaN and infinities as Double);
 * {@code UUID} as {@code java.util.UUID}; {@code bytearray} as {@code byte[]}; {@code array.array} and
 * {@code deque} as a List; {@code OrderedDict}, {@code Counter}, {@code defaultdict} as a Map. Recursive
 * structures and nesting deeper than 200 levels are refused. Every failure is a {@link SerializeException}.
 *
 * <p>Stateless and thread-safe. Found through {@link java.util.ServiceLoader} and published as an OSGi service;
 * its activation adds it to {@link SerializerRegistry#defaultRegistry()} and its deactivation removes it.
 */
@Component(service = Serializer.class, immediate = true, property = {"pyro.serializer.name=pickle",
        "pyro.serializer.id.pyro4:Integer=4", "pyro.serializer.id.pyro5:Integer=-1"})
public class PickleSerializer extends AbstractSerializer {
    /** Pyro's name of this serializer. */
    public static final String NAME = "pickle";
    /** The serializer id in Pyro4. */
    public static final int PYRO4_ID = 4;

    /** The serializer (stateless; one instance can serve every connection). */
    public PickleSerializer() {
        super(NAME);
    }

    /** OSGi activation: makes pickle known to daemons and proxies using the default registry. */
    @Activate
    void activate() {
        SerializerRegistry.defaultRegistry().add(this);
    }

    /** OSGi deactivation: the next message using pickle is refused. */
    @Deactivate
    void deactivate() {
        SerializerRegistry.defaultRegistry().remove(this);
    }

    @Override
    public int id(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? PYRO4_ID : NOT_AVAILABLE;
    }

    @Override
    protected byte[] writeData(Object data, ProtocolVersion version) {
        return PickleWriter.write(data);
    }

    @Override
    protected byte[] writeCall(Call call, ProtocolVersion version) {
        return PickleWriter.writeCall(call);
    }

    /**
     * Reads a pickle (protocols 0-5, whitelisted classes only); a call {@code (objectId, method, vargs, kwargs)}
     * comes back with vargs as a {@link org.jpyro.api.Tuple} (or a {@code java.util.ArrayList} when the peer
     * sent a list, as Pyro does for batch calls), kwargs as a Map or {@code null}.
     */
    @Override
    protected Object readData(byte[] data, ProtocolVersion version) {
        return PickleReader.read(data);
    }
}
