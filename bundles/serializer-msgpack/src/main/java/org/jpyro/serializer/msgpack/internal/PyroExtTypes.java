package org.jpyro.serializer.msgpack.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.SerializeException;

/**
 * Pyro's msgpack extension types, as the Python reference serializers (Pyro4 {@code util.py}, Pyro5
 * {@code serializers.py}) write them with {@code struct.pack} in the sender's native byte order:
 * <table>
 * <caption>Extension types</caption>
 * <tr><th>code</th><th>Python</th><th>payload</th><th>Java</th></tr>
 * <tr><td>0x30</td><td>complex</td><td>two doubles (real, imag)</td><td>{@link ComplexNumber}</td></tr>
 * <tr><td>0x31</td><td>int outside 64 bits</td><td>ASCII decimal digits ({@code str(int)})</td><td>{@link BigInteger}</td></tr>
 * <tr><td>0x32</td><td>datetime (naive)</td><td>double POSIX timestamp of the local time</td><td>{@link LocalDateTime}</td></tr>
 * <tr><td>0x33</td><td>date</td><td>{@code struct "l"}: the proleptic ordinal (1 = 0001-01-01)</td><td>{@link LocalDate}</td></tr>
 * </table>
 *
 * <p><b>Byte order rule.</b> Every Python peer that matters runs on a little-endian machine (x86-64, ARM), so
 * jpyro <em>writes</em> little-endian (8-byte ordinals, as on Linux and macOS x86-64). When <em>reading</em>,
 * little-endian is tried first; only when that gives a nonsense value and big-endian gives a sensible one is
 * the payload taken as big-endian (a peer on a big-endian machine):
 * <ul>
 * <li>date: nonsense = an ordinal outside Python's range 1..3652059 (years 1..9999); 8-byte payloads, and 4-byte
 * ones (Python on Windows, where a C long has 32 bits);</li>
 * <li>datetime: nonsense = not finite, outside years 1..9999, or a subnormal number (round timestamps written
 * big-endian read as subnormals little-endian); the big-endian reading must be within years 1..9999 and zero or
 * at least a microsecond away from the epoch;</li>
 * <li>complex: nonsense = a subnormal part (what big-endian round numbers such as 1.0 or 2.5 read as
 * little-endian); big-endian is taken when none of its parts is subnormal, NaN or infinite. Huge or NaN parts
 * never trigger the fallback, so every normal value round-trips; the price is that a complex number with a
 * genuinely subnormal part (below 2.2e-308) may be misread.</li>
 * </ul>
 */
public final class PyroExtTypes {
    /** complex: two doubles. */
    public static final byte COMPLEX = 0x30;
    /** int outside the 64-bit msgpack range: ASCII decimal digits. */
    public static final byte BIG_INT = 0x31;
    /** naive datetime: double POSIX timestamp. */
    public static final byte DATETIME = 0x32;
    /** date: proleptic Gregorian ordinal as a C long. */
    public static final byte DATE = 0x33;
    /** msgpack's own timestamp extension type (msgpack-python unpacks it to {@code msgpack.Timestamp}). */
    public static final byte MSGPACK_TIMESTAMP = -1;

    /** Python's {@code int()} refuses strings of more digits than this (CPython 3.11 default). */
    public static final int MAX_INT_DIGITS = 4300;

    /** {@code date(1970, 1, 1).toordinal()}: ordinal minus this is the epoch day. */
    static final long EPOCH_ORDINAL = 719163;
    static final long MAX_ORDINAL = 3652059; // date(9999, 12, 31)
    // datetime(1, 1, 1) and datetime(9999, 12, 31, 23, 59, 59, 999999) as POSIX seconds, with a day of slack
    // for the local time zone offset
    private static final double MIN_TIMESTAMP = -62135596800.0 - 86400;
    private static final double MAX_TIMESTAMP = 253402300800.0 + 86400;

    private PyroExtTypes() {
    }

    // ------------------------------------------------------------------ writing

    /** 16 bytes: real and imaginary part, little-endian doubles. */
    public static byte[] complex(ComplexNumber c) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(c.real()).putDouble(c.imaginary()).array();
    }

    /** ASCII decimal digits, with a leading {@code -} when negative ({@code str(int)}). */
    public static byte[] bigInt(BigInteger value) {
        return value.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** 8 bytes: the POSIX timestamp as a little-endian double. */
    public static byte[] timestamp(double posixSeconds) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(posixSeconds).array();
    }

    /**
     * Python's {@code datetime.timestamp()} of a naive datetime: the local time in {@code zone} as POSIX
     * seconds, with the fraction added as {@code microsecond / 1e6}.
     */
    public static double timestampOf(LocalDateTime time, ZoneId zone) {
        return timestampOf(time.atZone(zone).toInstant());
    }

    /** The instant as POSIX seconds (seconds plus the fraction, as Python adds it). */
    public static double timestampOf(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    /** 8 bytes: the proleptic ordinal as a little-endian long. */
    public static byte[] date(LocalDate date) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(date.toEpochDay() + EPOCH_ORDINAL).array();
    }

    // ------------------------------------------------------------------ reading

    /** The complex number of a 0x30 payload. */
    public static ComplexNumber readComplex(byte[] data) {
        if (data.length != 16) {
            throw invalid(COMPLEX, data, "expected 16 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double re = b.getDouble(0);
        double im = b.getDouble(8);
        if (isSubnormal(re) || isSubnormal(im)) {
            b.order(ByteOrder.BIG_ENDIAN);
            double bre = b.getDouble(0);
            double bim = b.getDouble(8);
            if (isNormalOrZero(bre) && isNormalOrZero(bim)) {
                return new ComplexNumber(bre, bim);
            }
        }
        return new ComplexNumber(re, im);
    }

    /** The int of a 0x31 payload: optional sign, ASCII digits (at most {@value #MAX_INT_DIGITS}). */
    public static BigInteger readBigInt(byte[] data) {
        int start = data.length > 0 && (data[0] == '-' || data[0] == '+') ? 1 : 0;
        if (data.length == start) {
            throw invalid(BIG_INT, data, "no digits");
        }
        if (data.length - start > MAX_INT_DIGITS) {
            throw invalid(BIG_INT, data, "more than " + MAX_INT_DIGITS + " digits");
        }
        for (int i = start; i < data.length; i++) {
            if (data[i] < '0' || data[i] > '9') {
                throw invalid(BIG_INT, data, "not a decimal digit at " + i);
            }
        }
        return new BigInteger(new String(data, StandardCharsets.US_ASCII));
    }

    /** The POSIX timestamp of a 0x32 payload (8 bytes), by the byte order rule. */
    public static double readTimestamp(byte[] data) {
        if (data.length != 8) {
            throw invalid(DATETIME, data, "expected 8 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double t = b.getDouble(0);
        if (plausibleTimestamp(t) && !isSubnormal(t)) {
            return t;
        }
        double big = b.order(ByteOrder.BIG_ENDIAN).getDouble(0);
        if (plausibleTimestamp(big) && (big == 0 || Math.abs(big) >= 1e-6)) {
            return big;
        }
        throw invalid(DATETIME, data, "timestamp " + t + " outside years 1..9999");
    }

    /**
     * Python's {@code datetime.fromtimestamp(t)}: the local time in {@code zone}, rounded half-even to whole
     * microseconds.
     */
    public static LocalDateTime localDateTime(double posixSeconds, ZoneId zone) {
        double whole = posixSeconds < 0 ? Math.ceil(posixSeconds) : Math.floor(posixSeconds);
        double micros = Math.rint((posixSeconds - whole) * 1e6);
        long seconds = (long) whole;
        if (micros >= 1e6) {
            micros -= 1e6;
            seconds++;
        } else if (micros < 0) {
            micros += 1e6;
            seconds--;
        }
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds, (long) micros * 1000L), zone);
    }

    /** The date of a 0x33 payload (8 or 4 bytes), by the byte order rule. */
    public static LocalDate readDate(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long ordinal;
        long bigEndian;
        if (data.length == 8) {
            ordinal = b.getLong(0);
            bigEndian = b.order(ByteOrder.BIG_ENDIAN).getLong(0);
        } else if (data.length == 4) {
            ordinal = b.getInt(0);
            bigEndian = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        } else {
            throw invalid(DATE, data, "expected 8 or 4 bytes");
        }
        if (!plausibleOrdinal(ordinal)) {
            if (!plausibleOrdinal(bigEndian)) {
                throw invalid(DATE, data, "ordinal " + ordinal + " outside 1.." + MAX_ORDINAL);
            }
            ordinal = bigEndian;
        }
        return LocalDate.ofEpochDay(ordinal - EPOCH_ORDINAL);
    }

    static boolean isSubnormal(double d) {
        return d != 0 && Math.abs(d) < Double.MIN_NORMAL;
    }

    static boolean isNormalOrZero(double d) {
        return d == 0 || (Math.abs(d) >= Double.MIN_NORMAL && Math.abs(d) <= Double.MAX_VALUE);
    }

    static boolean plausibleTimestamp(double t) {
        return t >= MIN_TIMESTAMP && t <= MAX_TIMESTAMP; // false for NaN
    }

    static boolean plausibleOrdinal(long ordinal) {
        return ordinal >= 1 && ordinal <= MAX_ORDINAL;
    }

    private static SerializeException invalid(byte code, byte[] data, String why) {
        return new SerializeException(String.format("invalid msgpack ext type 0x%02x (%d bytes): %s", code, data.length, why));
    }
}
