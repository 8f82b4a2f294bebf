package org.jpyro.serializer.msgpack;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.PythonValues;
import org.jpyro.api.serializer.AbstractSerializer;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.serializer.msgpack.internal.MsgpackReader;
import org.jpyro.serializer.msgpack.internal.MsgpackWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Pyro's msgpack serializer (Pyro4 id 6, Pyro5 id 4), byte for byte what Python's Pyro writes with
 * {@code msgpack.packb(..., use_bin_type=True)} (msgpack 1.0.3), on msgpack-core.
 *
 * <p>Python → Java: None {@code null}, bool {@code Boolean}, int the smallest of {@code Integer}/{@code Long}/
 * {@code BigInteger}, float {@code Double}, str {@code String}, bytes {@code byte[]}, array (Python's list,
 * tuple and set all travel as arrays) {@code java.util.ArrayList}, map {@code LinkedHashMap}, and Pyro's
 * extension types: complex (0x30) {@link org.jpyro.api.ComplexNumber}, int outside 64 bits (0x31)
 * {@code BigInteger}, datetime (0x32) {@code LocalDateTime}, date (0x33) {@code LocalDate}; URIs, proxies,
 * exceptions and batch exception wrappers from their class dicts (a class dict naming a class with a double
 * underscore is refused with Pyro's {@link org.jpyro.api.SecurityException}, as in Python). Decimal and UUID
 * arrive as str, as Python sends them. Unlike Python (strict_map_key), map keys of any type are accepted.
 *
 * <p>Java → Python: the value model as above (tuples, lists and sets as arrays), plus {@code Object[]} and
 * primitive arrays as arrays ({@code char[]} as str), any Collection as an array, {@code BigDecimal},
 * {@code UUID}, {@code Character} and enums (their name) as str, {@code LocalDateTime} as ext 0x32 in the
 * serializer's zone, {@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime} and {@code java.util.Date}
 * as ext 0x32 of their instant (Python refuses aware datetimes; the instant is unambiguous), {@code LocalDate}
 * as ext 0x33, {@code Duration} as float seconds; anything else goes to {@link #convertUnsupported}
 * ({@link PythonValues#normalize} by default). Strings with unpaired surrogates and nesting deeper than 511
 * levels are refused, as Python's packer refuses them.
 *
 * <p>Pyro's extension types carry native-endian doubles and longs (little-endian on every common machine):
 * jpyro writes little-endian and reads little-endian, falling back to big-endian only when little-endian gives
 * a nonsense value (see {@link #BYTE_ORDER_RULE}). Datetimes are naive local times, as in Python:
 * they are converted with the serializer's time zone (the JVM default unless given).
 *
 * <p>Calls are the array {@code [objectId, method, vargs, kwargs]} with kwargs {@code nil} when the call has
 * none (Pyro's {@code __getattr__}, {@code __setattr__}, {@code <batch>}). Stateless and thread-safe; found
 * through {@link java.util.ServiceLoader} and published as an OSGi service that adds itself to
 * {@link SerializerRegistry#defaultRegistry()} while active.
 */
@Component(service = Serializer.class, immediate = true, property = {"pyro.serializer.name=msgpack",
        "pyro.serializer.id.pyro4:Integer=6", "pyro.serializer.id.pyro5:Integer=4"})
public class MsgpackSerializer extends AbstractSerializer {
    /** Pyro's name of this serializer. */
    public static final String NAME = "msgpack";
    /** The serializer id in Pyro4 frames. */
    public static final int PYRO4_ID = 6;
    /** The serializer id in Pyro5 frames. */
    public static final int PYRO5_ID = 4;

    /**
     * How the native-endian payloads of the extension types are read: little-endian first; big-endian only
     * when little-endian gives a nonsense value and big-endian a sensible one. Nonsense: a date ordinal outside
     * 1..3652059 (years 1..9999; 8-byte or 4-byte payload); a timestamp that is not finite, outside years
     * 1..9999 or subnormal (big-endian it must also be zero or at least a microsecond from the epoch); a complex
     * number with a subnormal part (big-endian then must have no subnormal, NaN or infinite part). Round numbers
     * written big-endian read as subnormals little-endian, which is what these rules catch; normal, huge, NaN and
     * infinite values never trigger the fallback. Writing is always little-endian with 8-byte ordinals, what
     * Python writes on Linux/macOS x86-64 and ARM.
     */
    public static final String BYTE_ORDER_RULE = "little-endian, big-endian only when little-endian is nonsense";

    private final ZoneId zone;
    private final MsgpackWriter pyro4Writer;
    private final MsgpackWriter pyro5Writer;

    /** The serializer, with naive datetimes in the JVM's default time zone (as Python uses the local zone). */
    public MsgpackSerializer() {
        this(ZoneId.systemDefault());
    }

    /**
     * The serializer with naive datetimes (ext type 0x32) read and written as local times of {@code zone}.
     *
     * @param zone the time zone Python's peer would call local
     */
    public MsgpackSerializer(ZoneId zone) {
        super(NAME);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.pyro4Writer = new MsgpackWriter(ProtocolVersion.PYRO4, zone, this::convertUnsupported);
        this.pyro5Writer = new MsgpackWriter(ProtocolVersion.PYRO5, zone, this::convertUnsupported);
    }

    /** OSGi: makes msgpack available to every daemon and proxy of this framework. */
    @Activate
    void activate() {
        SerializerRegistry.defaultRegistry().add(this);
    }

    /** OSGi: withdraws msgpack again (only if the registry still holds this instance). */
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
        return writer(version).serialize(data);
    }

    @Override
    protected byte[] writeCall(Call call, ProtocolVersion version) {
        return writer(version).serializeCall(call);
    }

    /**
     * Reads msgpack; a call {@code [objectId, method, vargs, kwargs]} comes back with vargs as a
     * {@code java.util.ArrayList} (msgpack has no tuples), kwargs as a Map or {@code null}.
     */
    @Override
    protected Object readData(byte[] data, ProtocolVersion version) {
        return MsgpackReader.read(data, zone);
    }

    /** The time zone of naive datetimes. */
    public ZoneId zone() {
        return zone;
    }

    private MsgpackWriter writer(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? pyro4Writer : pyro5Writer;
    }
}
