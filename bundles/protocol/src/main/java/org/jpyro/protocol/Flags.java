package org.jpyro.protocol;

import org.jpyro.api.ProtocolVersion;

/**
 * Message flags as version-neutral bits. Pyro4 and Pyro5 put three of them on different wire bits
 * (see {@link #toWire}/{@link #fromWire}); a {@link Message} always holds these neutral bits.
 */
public final class Flags {
    public static final int EXCEPTION = 1;
    public static final int COMPRESSED = 1 << 1;
    public static final int ONEWAY = 1 << 2;
    public static final int BATCH = 1 << 3;
    public static final int ITEMSTREAMRESULT = 1 << 4;
    public static final int KEEPSERIALIZED = 1 << 5;
    /** Pyro5 only: the header's correlation id field is valid. */
    public static final int CORR_ID = 1 << 6;
    /** Pyro4 only: CONNECT asks for metadata in CONNECTOK. */
    public static final int META_ON_CONNECT = 1 << 7;

    private Flags() {
    }

    /** Wire bits of the given version for neutral flags; flags the version lacks are dropped. */
    public static int toWire(int flags, ProtocolVersion version) {
        int w = flags & (EXCEPTION | COMPRESSED | ONEWAY | BATCH);
        if (version == ProtocolVersion.PYRO5) {
            if ((flags & ITEMSTREAMRESULT) != 0) w |= 0x10;
            if ((flags & KEEPSERIALIZED) != 0) w |= 0x20;
            if ((flags & CORR_ID) != 0) w |= 0x40;
        } else {
            if ((flags & META_ON_CONNECT) != 0) w |= 0x10;
            if ((flags & ITEMSTREAMRESULT) != 0) w |= 0x20;
            if ((flags & KEEPSERIALIZED) != 0) w |= 0x40;
        }
        return w;
    }

    /** Neutral flags for the wire bits of the given version; unknown bits are dropped. */
    public static int fromWire(int wire, ProtocolVersion version) {
        int f = wire & (EXCEPTION | COMPRESSED | ONEWAY | BATCH);
        if (version == ProtocolVersion.PYRO5) {
            if ((wire & 0x10) != 0) f |= ITEMSTREAMRESULT;
            if ((wire & 0x20) != 0) f |= KEEPSERIALIZED;
            if ((wire & 0x40) != 0) f |= CORR_ID;
        } else {
            if ((wire & 0x10) != 0) f |= META_ON_CONNECT;
            if ((wire & 0x20) != 0) f |= ITEMSTREAMRESULT;
            if ((wire & 0x40) != 0) f |= KEEPSERIALIZED;
        }
        return f;
    }
}
