package org.jpyro.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.junit.jupiter.api.Test;

/**
 * Pyro's extension types with the native byte order quirk: little-endian is what Python writes on x86-64/ARM and
 * what jpyro reads first; big-endian is accepted only when little-endian gives a nonsense value.
 */
class ExtTypeByteOrderTest {
    private static final MsgpackSerializer MSGPACK = new MsgpackSerializer(ZoneOffset.UTC);

    private static Object decode(String hex) {
        return MSGPACK.deserializeData(HexFormat.of().parseHex(hex), ProtocolVersion.PYRO5);
    }

    private static String ext(int code, ByteBuffer payload) {
        byte[] p = payload.array();
        String header = p.length == 4 ? "d6" : p.length == 8 ? "d7" : p.length == 16 ? "d8" : "c7" + String.format("%02x", p.length);
        return header + String.format("%02x", code) + HexFormat.of().formatHex(p);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer be(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void dateOrdinalLittleEndianAndBigEndian() {
        LocalDate date = LocalDate.of(2024, 1, 2); // ordinal 738887
        assertEquals(date, decode(ext(0x33, le(8).putLong(738887))));
        assertEquals(date, decode(ext(0x33, be(8).putLong(738887))), "big-endian 8 bytes");
        assertEquals(date, decode(ext(0x33, le(4).putInt(738887))), "Windows: C long of 4 bytes");
        assertEquals(date, decode(ext(0x33, be(4).putInt(738887))), "4 bytes big-endian");
        assertEquals(LocalDate.of(1, 1, 1), decode(ext(0x33, le(8).putLong(1))));
        assertEquals(LocalDate.of(9999, 12, 31), decode(ext(0x33, le(8).putLong(3652059))));
        // ordinal 1 big-endian reads as 2^56 little-endian: nonsense, so big-endian wins
        assertEquals(LocalDate.of(1, 1, 1), decode(ext(0x33, be(8).putLong(1))));
        assertThrows(SerializeException.class, () -> decode(ext(0x33, le(8).putLong(0))));
        assertThrows(SerializeException.class, () -> decode(ext(0x33, le(8).putLong(3652060))));
        assertThrows(SerializeException.class, () -> decode(ext(0x33, le(8).putLong(-5))));
        assertThrows(SerializeException.class, () -> decode("c70233" + "0102"));
    }

    @Test
    void datetimeTimestampLittleEndianAndBigEndian() {
        double t = 1704164645.6;
        LocalDateTime expected = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000);
        assertEquals(expected, decode(ext(0x32, le(8).putDouble(t))));
        assertEquals(expected, decode(ext(0x32, be(8).putDouble(t))), "big-endian");
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0), decode(ext(0x32, le(8).putDouble(0.0))));
        assertThrows(SerializeException.class, () -> decode(ext(0x32, le(8).putDouble(Double.NaN))));
        assertThrows(SerializeException.class, () -> decode(ext(0x32, le(8).putDouble(1e300))));
        assertThrows(SerializeException.class, () -> decode("d6320000803f"));
        // a whole-second timestamp written big-endian reads as a subnormal little-endian: taken as big-endian
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), decode(ext(0x32, be(8).putDouble(1704164645.0))));
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0, 1), decode(ext(0x32, be(8).putDouble(1.0))));
    }

    /** Python's fromtimestamp rounds half-even to microseconds (values checked with CPython 3.11, TZ=UTC). */
    @Test
    void datetimeRoundsToMicrosecondsLikePython() {
        assertEquals(LocalDateTime.parse("1969-12-31T23:59:58.500"), decode(ext(0x32, le(8).putDouble(-1.5))));
        assertEquals(LocalDateTime.parse("1970-01-01T00:00:01.000001"), decode(ext(0x32, le(8).putDouble(1.0000005))));
        assertEquals(LocalDateTime.parse("1970-01-01T00:00:01.000001"), decode(ext(0x32, le(8).putDouble(1.0000015))));
        assertEquals(LocalDateTime.parse("1970-01-01T00:00:00"), decode(ext(0x32, le(8).putDouble(-0.0000005))));
        assertEquals(LocalDateTime.parse("1970-01-01T00:00:01"), decode(ext(0x32, le(8).putDouble(0.9999996))));
    }

    @Test
    void complexLittleEndianAndBigEndian() {
        assertEquals(new ComplexNumber(1.5, -2.0), decode(ext(0x30, le(16).putDouble(1.5).putDouble(-2.0))));
        assertEquals(new ComplexNumber(1.5, -2.0), decode(ext(0x30, be(16).putDouble(1.5).putDouble(-2.0))), "big-endian");
        // NaN and infinite parts written little-endian stay little-endian (big-endian they are tiny subnormals)
        ComplexNumber nan = (ComplexNumber) decode(ext(0x30, le(16).putDouble(Double.NaN).putDouble(1.0)));
        assertTrue(Double.isNaN(nan.real()) && nan.imaginary() == 1.0, nan.toString());
        assertEquals(new ComplexNumber(Double.POSITIVE_INFINITY, 0.0),
                decode(ext(0x30, le(16).putDouble(Double.POSITIVE_INFINITY).putDouble(0.0))));
        assertEquals(new ComplexNumber(-1.3e306, 1e-300), decode(ext(0x30, le(16).putDouble(-1.3e306).putDouble(1e-300))),
                "huge and tiny normal parts stay little-endian");
        assertEquals(new ComplexNumber(3.0, 4.9e-324), decode(ext(0x30, le(16).putDouble(3.0).putDouble(4.9e-324))),
                "a subnormal part whose big-endian reading is no better stays little-endian");
        // the documented price: a genuinely subnormal part whose big-endian reading is a normal number flips
        assertNotEquals(new ComplexNumber(1.1, 1e-310), decode(ext(0x30, le(16).putDouble(1.1).putDouble(1e-310))));
        assertEquals(new ComplexNumber(1.0, 1e-310), decode(ext(0x30, le(16).putDouble(1.0).putDouble(1e-310))),
                "but not when a big-endian part would be subnormal (1.0 read big-endian is)");
        assertEquals(new ComplexNumber(1.0, 2.0), decode(ext(0x30, be(16).putDouble(1.0).putDouble(2.0))),
                "round numbers written big-endian");
        assertThrows(SerializeException.class, () -> decode("d7300000000000000000"));
    }

    @Test
    void bigIntDigits() {
        assertEquals(BigInteger.ONE.shiftLeft(70), decode("c7163131313830353931363230373137343131333033343234"));
        assertEquals(7, decode("c70131" + "37"), "a small int in ext 0x31 becomes the smallest Java type");
        assertEquals(-12L - Integer.MAX_VALUE, decode("c70b312d32313437343833363539"));
        assertThrows(SerializeException.class, () -> decode("c70031"));
        assertThrows(SerializeException.class, () -> decode("c70131" + "2d"));
        assertThrows(SerializeException.class, () -> decode("c70331" + "312e35"));
        assertThrows(SerializeException.class, () -> decode("c70331" + "313233".replace("33", "20")));
        String tooLong = "c8" + "12d5" + "31" + "31".repeat(4821);
        assertThrows(SerializeException.class, () -> decode(tooLong));
    }

    @Test
    void msgpackTimestampIsAnInstantAndOtherExtTypesAreRefused() {
        assertEquals(Instant.ofEpochSecond(1), decode("d6ff00000001"));
        assertThrows(SerializeException.class, () -> decode("d43401"));
        assertThrows(SerializeException.class, () -> decode("c703ff010203"));
    }
}
