package org.jpyro.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.junit.jupiter.api.Test;

/**
 * What the writer produces, compared with what Python's msgpack 1.0.3 {@code packb(v, use_bin_type=True)} gives
 * for the same value (the expected hex strings were produced with it).
 */
class MsgpackWriterTest {
    private static final MsgpackSerializer MSGPACK = new MsgpackSerializer(ZoneOffset.UTC);

    private static String hex(Object value) {
        return HexFormat.of().formatHex(MSGPACK.serializeData(value, ProtocolVersion.PYRO5));
    }

    private static String head(Object value, int bytes) {
        return hex(value).substring(0, bytes * 2);
    }

    @Test
    void intsUseTheSmallestEncodingAsPython() {
        Object[][] cases = {
            {0, "00"}, {127, "7f"}, {128, "cc80"}, {255, "ccff"}, {256, "cd0100"}, {65535, "cdffff"},
            {65536, "ce00010000"}, {4294967295L, "ceffffffff"}, {4294967296L, "cf0000000100000000"},
            {Long.MAX_VALUE, "cf7fffffffffffffff"}, {new BigInteger("18446744073709551615"), "cfffffffffffffffff"},
            {-1, "ff"}, {-32, "e0"}, {-33, "d0df"}, {-128, "d080"}, {-129, "d1ff7f"}, {-32768, "d18000"},
            {-32769, "d2ffff7fff"}, {Integer.MIN_VALUE, "d280000000"}, {-2147483649L, "d3ffffffff7fffffff"},
            {Long.MIN_VALUE, "d38000000000000000"}, {(short) 300, "cd012c"}, {(byte) -5, "fb"},
            {BigInteger.valueOf(5), "05"}, {BigInteger.valueOf(-200), "d1ff38"},
        };
        for (Object[] c : cases) {
            assertEquals(c[1], hex(c[0]), c[0] + " (" + c[0].getClass().getSimpleName() + ")");
        }
    }

    @Test
    void intsOutside64BitsAreExt0x31Digits() {
        assertEquals("c7163131313830353931363230373137343131333033343234", hex(BigInteger.ONE.shiftLeft(70)));
        assertEquals("c720312d31323637363530363030323238323239343031343936373033323035333639",
                hex(BigInteger.ONE.shiftLeft(100).negate().add(BigInteger.valueOf(7))));
        assertEquals("c714313138343436373434303733373039353531363136", hex(BigInteger.ONE.shiftLeft(64)));
        assertEquals("c714312d39323233333732303336383534373735383039",
                hex(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)));
    }

    @Test
    void stringsAndBytesUseTheSmallestHeader() {
        Object[][] cases = {
            {0, "a0", "c400"}, {31, "bf", "c41f"}, {32, "d920", "c420"}, {255, "d9ff", "c4ff"},
            {256, "da0100", "c50100"}, {65535, "daffff", "c5ffff"}, {65536, "db00010000", "c600010000"},
        };
        for (Object[] c : cases) {
            int n = (Integer) c[0];
            String header = (String) c[1];
            assertEquals(header, head("a".repeat(n), header.length() / 2), "str " + n);
            byte[] bytes = new byte[n];
            Arrays.fill(bytes, (byte) 'a');
            String binHeader = (String) c[2];
            assertEquals(binHeader, head(bytes, binHeader.length() / 2), "bin " + n);
            assertEquals(n + header.length() / 2, MSGPACK.serializeData("a".repeat(n), ProtocolVersion.PYRO5).length);
        }
        // the header counts UTF-8 bytes, not chars: 20 euro signs are 60 bytes
        assertEquals("d93c", head("\u20ac".repeat(20), 2));
        assertEquals("a4f09f9880", hex("\ud83d\ude00"));
    }

    @Test
    void arraysAndMapsUseTheSmallestHeader() {
        assertEquals("9f", head(Collections.nCopies(15, null), 1));
        assertEquals("dc0010", head(Collections.nCopies(16, null), 3));
        assertEquals("dcffff", head(Collections.nCopies(65535, null), 3));
        assertEquals("dd00010000", head(Collections.nCopies(65536, null), 5));
        for (int[] c : new int[][] {{15, 1}, {16, 3}, {65536, 5}}) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < c[0]; i++) {
                m.put(Integer.toString(i), null);
            }
            String expected = c[0] == 15 ? "8f" : c[0] == 16 ? "de0010" : "df00010000";
            assertEquals(expected, head(m, c[1]));
        }
    }

    @Test
    void floatsAreAlwaysFloat64() {
        assertEquals("cb3ff8000000000000", hex(1.5));
        assertEquals("cb3ff8000000000000", hex(1.5f));
        assertEquals("cb8000000000000000", hex(-0.0));
        assertEquals("cb7ff8000000000000", hex(Double.NaN));
        assertEquals("cb3fe0000000000000", hex(Duration.ofMillis(500)));
    }

    @Test
    void tuplesListsSetsArraysAreArrays() {
        assertEquals("9301a161c2", hex(Tuple.of(1, "a", false)));
        assertEquals("9301a161c2", hex(Arrays.asList(1, "a", false)));
        assertEquals("9301a161c2", hex(new LinkedHashSet<>(List.of(1, "a", false))));
        assertEquals("9301a161c2", hex(new Object[] {1, "a", false}));
        assertEquals("93010203", hex(new int[] {1, 2, 3}));
        assertEquals("93010203", hex(new long[] {1, 2, 3}));
        assertEquals("92c3c2", hex(new boolean[] {true, false}));
        assertEquals("91cb3ff8000000000000", hex(new double[] {1.5}));
        assertEquals("a26869", hex(new char[] {'h', 'i'}));
        assertEquals("c403010203", hex(new byte[] {1, 2, 3}));
    }

    @Test
    void pyroExtTypesAsThePythonReferenceWritesThem() {
        // bytes from the golden vectors (pyro5-msgpack-values.json, TZ=UTC)
        assertEquals("d73266666649df64d941", hex(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000)));
        assertEquals("d73347460b0000000000", hex(LocalDate.of(2024, 1, 2)));
        assertEquals("d830000000000000f83f00000000000000c0", hex(new ComplexNumber(1.5, -2.0)));
        // computed by Python: datetime(1900,3,4,5,6,7,1).timestamp(), datetime(2100,1,1,0,0,0,999999).timestamp()
        assertEquals("d732feff1f380f6be0c1", hex(LocalDateTime.of(1900, 3, 4, 5, 6, 7, 1000)));
        assertEquals("d732feff1fe0ca90ee41", hex(LocalDateTime.of(2100, 1, 1, 0, 0, 0, 999_999_000)));
        // aware datetimes as the timestamp of their instant
        assertEquals("d73266666649df64d941", hex(Instant.parse("2024-01-02T03:04:05.600Z")));
        assertEquals("d73266666649df64d941", hex(OffsetDateTime.parse("2024-01-02T05:04:05.600+02:00")));
        assertEquals("d73266666649df64d941", hex(java.util.Date.from(Instant.parse("2024-01-02T03:04:05.600Z"))));
    }

    @Test
    void naiveDatetimesUseTheSerializersZone() {
        MsgpackSerializer plus2 = new MsgpackSerializer(ZoneOffset.ofHours(2));
        byte[] data = plus2.serializeData(LocalDateTime.of(2024, 1, 2, 5, 4, 5, 600_000_000), ProtocolVersion.PYRO4);
        assertEquals("d73266666649df64d941", HexFormat.of().formatHex(data));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000), MSGPACK.deserializeData(data, ProtocolVersion.PYRO4));
    }

    @Test
    void decimalUuidEnumCharacterOptionalAsStrings() {
        assertEquals("a431302e35", hex(new BigDecimal("10.5")));
        assertEquals("d92431323334353637382d313233342d353637382d313233342d353637383132333435363738",
                hex(UUID.fromString("12345678-1234-5678-1234-567812345678")));
        assertEquals("ab4e414e4f5345434f4e4453", hex(java.util.concurrent.TimeUnit.NANOSECONDS));
        assertEquals("a178", hex('x'));
        assertEquals("a178", hex(Optional.of("x")));
        assertEquals("c0", hex(Optional.empty()));
    }

    @Test
    void urisAndExceptionsAreClassDictsPerVersion() {
        PyroURI uri = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");
        // from pyro5-msgpack-autoproxy.json
        assertEquals("82a95f5f636c6173735f5fae5079726f352e636f72652e555249a5737461746595a45059524fab736f6d652e6f626a656374c0a93132372e302e302e31cdbb7f",
                hex(uri));
        String p4 = HexFormat.of().formatHex(MSGPACK.serializeData(uri, ProtocolVersion.PYRO4));
        assertEquals(hex(uri).replace("5079726f35", "5079726f34"), p4);
        Object back = MSGPACK.deserializeData(MSGPACK.serializeData(new IllegalStateException("boom"), ProtocolVersion.PYRO5),
                ProtocolVersion.PYRO5);
        org.jpyro.api.PyroRemoteException e = (org.jpyro.api.PyroRemoteException) back;
        assertEquals(List.of("boom"), e.args());
    }

    @Test
    void callsAreFourArraysWithNilKwargsWhenAbsent() {
        assertEquals("94ac746573742e73657276696365a46563686f912a80",
                HexFormat.of().formatHex(MSGPACK.serializeCall(new Call("test.service", "echo", List.of(42), Map.of()),
                        ProtocolVersion.PYRO4)));
        assertEquals("94ac746573742e73657276696365ab5f5f676574617474725f5f91a576616c7565c0",
                HexFormat.of().formatHex(MSGPACK.serializeCall(new Call("test.service", "__getattr__", new ArrayList<>(List.of("value")), null),
                        ProtocolVersion.PYRO5)));
        assertEquals("94a16fa16d9080", HexFormat.of().formatHex(MSGPACK.serializeCall(new Call("o", "m", null, Map.of()),
                ProtocolVersion.PYRO5)));
    }

    @Test
    void unserializableValuesAreSerializeExceptions() {
        assertThrows(SerializeException.class, () -> MSGPACK.serializeData(new Object(), ProtocolVersion.PYRO5));
        assertThrows(SerializeException.class, () -> MSGPACK.serializeData("lone \ud800 surrogate", ProtocolVersion.PYRO5));
        assertThrows(SerializeException.class, () -> MSGPACK.serializeData("reversed \udc00\ud800?", ProtocolVersion.PYRO5));
        assertEquals("a3613f62", hex("a?b"));
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThrows(SerializeException.class, () -> MSGPACK.serializeData(self, ProtocolVersion.PYRO5));
        Object deep = "x";
        for (int i = 0; i < 511; i++) {
            deep = List.of(deep);
        }
        MSGPACK.serializeData(deep, ProtocolVersion.PYRO5); // 511 levels: Python's limit, still fine
        Object tooDeep = List.of(deep);
        assertThrows(SerializeException.class, () -> MSGPACK.serializeData(tooDeep, ProtocolVersion.PYRO5));
    }
}
