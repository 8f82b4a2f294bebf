package org.jpyro.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jpyro.api.ProtocolVersion;

/**
 * One decoded Pyro frame. The payload is always the uncompressed payload; {@link Flags#COMPRESSED} in
 * {@code flags} only records how it travelled (on receive) and is decided by the codec's options (on send).
 *
 * @param version       protocol version of the frame
 * @param type          a {@link MessageType} number
 * @param flags         version-neutral {@link Flags} bits
 * @param seq           sequence number, 0..65535
 * @param serializerId  serializer id as numbered in {@code version} (42 for PING)
 * @param correlationId correlation id (Pyro5 header field, Pyro4 {@code CORR} annotation), or {@code null}
 * @param annotations   annotation chunks in wire order, without {@code CORR} and {@code HMAC} which the codec owns
 * @param payload       the payload, uncompressed
 */
public record Message(ProtocolVersion version, int type, int flags, int seq, int serializerId,
                      UUID correlationId, Map<String, byte[]> annotations, byte[] payload) {

    public Message {
        annotations = annotations == null || annotations.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        payload = payload == null ? new byte[0] : payload;
    }

    /** Whether a flag bit is set. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** A copy with other flags. */
    public Message withFlags(int newFlags) {
        return new Message(version, type, newFlags, seq, serializerId, correlationId, annotations, payload);
    }

    @Override
    public String toString() {
        return "Message[" + version + " " + MessageType.name(type) + " flags=0x" + Integer.toHexString(flags)
                + " seq=" + seq + " ser=" + serializerId + " corr=" + correlationId + " ann=" + annotations.keySet()
                + " payload=" + payload.length + "B]";
    }
}
