package org.jpyro.protocol;

import java.util.UUID;

import org.jpyro.api.ProtocolVersion;

/**
 * A validated frame header: everything needed to know how many body bytes follow.
 *
 * @param version           protocol version
 * @param type              message type
 * @param flags             version-neutral flags
 * @param seq               sequence number
 * @param serializerId      serializer id
 * @param dataLength        payload bytes as sent (compressed size when compressed)
 * @param annotationsLength total bytes of annotation chunks
 * @param correlationId     Pyro5 header correlation id if {@link Flags#CORR_ID} is set, else {@code null}
 */
public record FrameHeader(ProtocolVersion version, int type, int flags, int seq, int serializerId,
                          int dataLength, int annotationsLength, UUID correlationId) {

    /** Bytes that follow the header: annotations then payload. */
    public int bodyLength() {
        return dataLength + annotationsLength;
    }
}
