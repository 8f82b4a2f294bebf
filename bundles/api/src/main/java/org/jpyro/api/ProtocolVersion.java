package org.jpyro.api;

/** The two Pyro wire protocols jpyro speaks. */
public enum ProtocolVersion {
    /** Pyro4, protocol 48: 24-byte header with checksum, optional HMAC. */
    PYRO4(48, "Pyro4"),
    /** Pyro5, protocol 502: 40-byte header with magic and correlation id. The default. */
    PYRO5(502, "Pyro5");

    private final int number;
    private final String libraryName;

    ProtocolVersion(int number, String libraryName) {
        this.number = number;
        this.libraryName = libraryName;
    }

    /** The protocol number in the frame header (48 or 502). */
    public int number() {
        return number;
    }

    /** The Python package name used in class names on the wire: {@code Pyro4} or {@code Pyro5}. */
    public String libraryName() {
        return libraryName;
    }

    /** The version with this header number. */
    public static ProtocolVersion of(int number) {
        for (ProtocolVersion v : values()) {
            if (v.number == number) {
                return v;
            }
        }
        throw new ProtocolException("invalid protocol version: " + number);
    }

    /** Parses {@code 4}, {@code 5}, {@code pyro4}, {@code 48}, {@code 502} (case-insensitive). */
    public static ProtocolVersion parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "4": case "pyro4": case "48": return PYRO4;
            case "5": case "pyro5": case "502": return PYRO5;
            default: throw new IllegalArgumentException("unknown Pyro protocol version: " + text);
        }
    }
}
