package org.jpyro.api.serializer;

import org.jpyro.api.ProtocolVersion;

/**
 * One Pyro serializer. Implementations are stateless and thread-safe; they are found through
 * {@link java.util.ServiceLoader} in plain Java and as OSGi services in a framework.
 * Every failure to encode or decode is a {@link org.jpyro.api.SerializeException}.
 */
public interface Serializer {
    /** Id meaning "this serializer does not exist in that protocol version". */
    int NOT_AVAILABLE = -1;

    /** Pyro's name: {@code serpent}, {@code json}, {@code marshal}, {@code msgpack}, {@code pickle}. */
    String name();

    /** The serializer id in frames of that protocol version, or {@link #NOT_AVAILABLE}. */
    int id(ProtocolVersion version);

    /** Encodes a value (a result, a handshake, an exception...). */
    byte[] serializeData(Object data, ProtocolVersion version);

    /** Decodes a value. */
    Object deserializeData(byte[] data, ProtocolVersion version);

    /** Encodes the payload of an INVOKE message. */
    byte[] serializeCall(Call call, ProtocolVersion version);

    /** Decodes the payload of an INVOKE message. */
    Call deserializeCall(byte[] data, ProtocolVersion version);
}
