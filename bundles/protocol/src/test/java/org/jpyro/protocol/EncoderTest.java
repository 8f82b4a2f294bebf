package org.jpyro.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.jpyro.api.MessageTooLargeException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.junit.jupiter.api.Test;

/** Encoding rules: size limit, compression per version, Pyro4 CORR/HMAC placement, flag translation. */
class EncoderTest {
    private static final ProtocolVersion V5 = ProtocolVersion.PYRO5;
    private static final ProtocolVersion V4 = ProtocolVersion.PYRO4;
    private static final UUID ID = UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10");

    private static byte[] bytes(int n, boolean compressible) {
        byte[] b = new byte[n];
        if (compressible) {
            for (int i = 0; i < n; i++) {
                b[i] = (byte) ('a' + i % 3);
            }
        } else {
            new Random(n).nextBytes(b);
        }
        return b;
    }

    private static Message decode(byte[] frame, WireOptions o) throws IOException {
        return MessageIO.readFirst(new ByteArrayInputStream(frame), o);
    }

    @Test
    void refusesOversizeFrames() throws IOException {
        Map<String, byte[]> ann = Map.of("XTRA", new byte[3]); // 11 bytes in Pyro5, 9 in Pyro4
        Message m5 = Frames.message(V5, MessageType.INVOKE, 0, ID, ann, new byte[989]);
        assertEquals(1040, Frames.encode(m5, new WireOptions(1000, false, null)).length);
        MessageTooLargeException e5 = assertThrows(MessageTooLargeException.class,
                () -> Frames.encode(m5, new WireOptions(999, false, null)));
        assertEquals("message too large (1000, max=999)", e5.getMessage());

        // Pyro4 counts the CORR (22) and HMAC (26) chunks it adds
        Message m4 = Frames.message(V4, MessageType.INVOKE, 0, ID, ann, new byte[943]);
        byte[] key = "k".getBytes();
        assertEquals(1024, Frames.encode(m4, new WireOptions(1000, false, key)).length);
        MessageTooLargeException e4 = assertThrows(MessageTooLargeException.class,
                () -> Frames.encode(m4, new WireOptions(999, false, key)));
        assertEquals("max message size exceeded (1000 where max=999)", e4.getMessage());

        // the limit applies to the payload as sent: a compressible payload over the limit fits once compressed
        for (ProtocolVersion v : ProtocolVersion.values()) {
            Message big = Frames.message(v, MessageType.RESULT, 0, null, Map.of(), bytes(5000, true));
            assertThrows(MessageTooLargeException.class, () -> Frames.encode(big, new WireOptions(1000, false, null)));
            byte[] f = Frames.encode(big, new WireOptions(1000, true, null));
            assertArrayEquals(big.payload(), decode(f, WireOptions.DEFAULT).payload());
        }
    }

    @Test
    void pyro5CompressesAbove100BytesAlways() throws IOException {
        WireOptions on = new WireOptions(0, true, null);
        for (boolean compressible : new boolean[] {true, false}) {
            Message at = Frames.message(V5, MessageType.RESULT, 0, null, Map.of(), bytes(100, compressible));
            byte[] plain = Frames.encode(at, on);
            assertEquals(140, plain.length);
            assertFalse(decode(plain, WireOptions.DEFAULT).has(Flags.COMPRESSED));

            Message above = Frames.message(V5, MessageType.RESULT, 0, null, Map.of(), bytes(101, compressible));
            byte[] f = Frames.encode(above, on);
            Message back = decode(f, WireOptions.DEFAULT);
            assertTrue(back.has(Flags.COMPRESSED), "flag set even when it does not shrink");
            assertArrayEquals(above.payload(), back.payload());
            assertEquals(0x78, f[40] & 0xFF);
            assertEquals(0x5E, f[41] & 0xFF, "zlib level 4");
            if (!compressible) {
                assertTrue(f.length > 141, "random data grows");
            }
            assertFalse(decode(Frames.encode(above, WireOptions.DEFAULT), WireOptions.DEFAULT).has(Flags.COMPRESSED));
        }
    }

    @Test
    void pyro4CompressesFrom200BytesOnlyIfSmaller() throws IOException {
        WireOptions on = new WireOptions(0, true, null);
        Message below = Frames.message(V4, MessageType.RESULT, 0, null, Map.of(), bytes(199, true));
        assertFalse(decode(Frames.encode(below, on), WireOptions.DEFAULT).has(Flags.COMPRESSED));
        Message at = Frames.message(V4, MessageType.RESULT, 0, null, Map.of(), bytes(200, true));
        byte[] f = Frames.encode(at, on);
        Message back = decode(f, WireOptions.DEFAULT);
        assertTrue(back.has(Flags.COMPRESSED));
        assertArrayEquals(at.payload(), back.payload());
        assertTrue(f.length < 24 + 200);
        assertEquals(0x9C, f[25] & 0xFF, "zlib default level");
        Message random = Frames.message(V4, MessageType.RESULT, 0, null, Map.of(), bytes(5000, false));
        byte[] r = Frames.encode(random, on);
        assertEquals(24 + 5000, r.length);
        assertFalse(decode(r, WireOptions.DEFAULT).has(Flags.COMPRESSED));
    }

    /** The COMPRESSED flag of a message only records how it arrived: the options decide on send. */
    @Test
    void compressedFlagOfTheMessageIsIgnoredOnSend() throws IOException {
        for (ProtocolVersion v : ProtocolVersion.values()) {
            Message m = Frames.message(v, MessageType.RESULT, Flags.COMPRESSED | Flags.EXCEPTION, null, Map.of(),
                    bytes(50, true));
            Message back = decode(Frames.encode(m, WireOptions.DEFAULT), WireOptions.DEFAULT);
            assertEquals(Flags.EXCEPTION, back.flags());
            assertArrayEquals(m.payload(), back.payload());
        }
    }

    @Test
    void hmacCoversTheCompressedPayload() throws IOException {
        WireOptions keyed = new WireOptions(0, true, "key".getBytes());
        Message m = Frames.message(V4, MessageType.RESULT, 0, ID, Map.of("XTRA", new byte[] {9}), bytes(400, true));
        byte[] f = Frames.encode(m, keyed);
        Message back = decode(f, keyed);
        assertTrue(back.has(Flags.COMPRESSED));
        Frames.assertSameMessage(m, back);
    }

    /** Pyro4 order: CORR after the annotations in requests, before them in responses; HMAC last. */
    @Test
    void pyro4AnnotationOrder() throws IOException {
        Map<String, byte[]> ann = new LinkedHashMap<>();
        ann.put("ZZZZ", new byte[] {1});
        ann.put("AAAA", new byte[] {2});
        byte[] key = "k".getBytes();
        for (int type = MessageType.CONNECT; type <= MessageType.PING; type++) {
            Message m = Frames.message(V4, type, 0, ID, ann, new byte[] {'x'});
            byte[] f = Frames.encode(m, new WireOptions(0, false, key));
            List<String> keys = chunkKeys(f, 24, BigEndian.u16(f, 18), 2);
            boolean request = type == MessageType.CONNECT || type == MessageType.INVOKE;
            assertEquals(request ? List.of("ZZZZ", "AAAA", "CORR", "HMAC") : List.of("CORR", "ZZZZ", "AAAA", "HMAC"),
                    keys, MessageType.name(type));
            Message back = decode(f, new WireOptions(0, false, key));
            assertEquals(List.of("ZZZZ", "AAAA"), new ArrayList<>(back.annotations().keySet()));
            assertEquals(ID, back.correlationId());
        }
        // no correlation id, no key: no CORR, no HMAC
        byte[] plain = Frames.encode(Frames.message(V4, MessageType.INVOKE, 0, null, ann, new byte[0]),
                WireOptions.DEFAULT);
        assertEquals(List.of("ZZZZ", "AAAA"), chunkKeys(plain, 24, BigEndian.u16(plain, 18), 2));
        assertNull(decode(plain, WireOptions.DEFAULT).correlationId());
    }

    private static List<String> chunkKeys(byte[] f, int start, int length, int lengthField) {
        List<String> keys = new ArrayList<>();
        int pos = start;
        while (pos < start + length) {
            keys.add(new String(f, pos, 4));
            int len = lengthField == 2 ? BigEndian.u16(f, pos + 4) : BigEndian.i32(f, pos + 4);
            pos += 4 + lengthField + len;
        }
        assertEquals(start + length, pos);
        return keys;
    }

    @Test
    void pyro4ReservedAndOversizeAnnotations() {
        assertThrows(ProtocolException.class, () -> Frames.encode(Frames.message(V4, MessageType.INVOKE, 0, null,
                Map.of("CORR", new byte[16]), new byte[0]), WireOptions.DEFAULT));
        assertThrows(ProtocolException.class, () -> Frames.encode(Frames.message(V4, MessageType.INVOKE, 0, null,
                Map.of("HMAC", new byte[20]), new byte[0]), WireOptions.DEFAULT));
        assertThrows(ProtocolException.class, () -> Frames.encode(Frames.message(V4, MessageType.INVOKE, 0, null,
                Map.of("BIGG", new byte[65536]), new byte[0]), WireOptions.DEFAULT));
        // the 16-bit total: two chunks that fit alone but not together
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put("AAAA", new byte[40000]);
        two.put("BBBB", new byte[40000]);
        assertThrows(ProtocolException.class, () -> Frames.encode(Frames.message(V4, MessageType.INVOKE, 0, null,
                two, new byte[0]), WireOptions.DEFAULT));
        // Pyro5 has 32-bit lengths
        Frames.encode(Frames.message(V5, MessageType.INVOKE, 0, null, two, new byte[0]), WireOptions.DEFAULT);
    }

    @Test
    void badAnnotationKeys() {
        for (String key : new String[] {"ABC", "ABCDE", "ABC\u00e9", ""}) {
            for (ProtocolVersion v : ProtocolVersion.values()) {
                assertThrows(ProtocolException.class, () -> Frames.encode(Frames.message(v, MessageType.INVOKE, 0,
                        null, Map.of(key, new byte[1]), new byte[0]), WireOptions.DEFAULT), key);
            }
        }
    }

    @Test
    void pyro5CorrelationIdFlagFollowsTheId() throws IOException {
        byte[] with = Frames.encode(Frames.message(V5, MessageType.INVOKE, 0, ID, Map.of(), new byte[0]),
                WireOptions.DEFAULT);
        assertEquals(0x40, BigEndian.u16(with, 8));
        assertEquals(ID, decode(with, WireOptions.DEFAULT).correlationId());
        byte[] without = Frames.encode(Frames.message(V5, MessageType.INVOKE, Flags.CORR_ID, null, Map.of(),
                new byte[0]), WireOptions.DEFAULT);
        assertEquals(0, BigEndian.u16(without, 8));
        for (int i = 20; i < 36; i++) {
            assertEquals(0, without[i]);
        }
        assertNull(decode(without, WireOptions.DEFAULT).correlationId());
    }

    @Test
    void flagsAreTranslatedPerVersion() throws IOException {
        int neutral = Flags.ITEMSTREAMRESULT | Flags.KEEPSERIALIZED | Flags.EXCEPTION;
        byte[] f5 = Frames.encode(Frames.message(V5, MessageType.RESULT, neutral, null, Map.of(), new byte[0]),
                WireOptions.DEFAULT);
        assertEquals(0x31, BigEndian.u16(f5, 8));
        byte[] f4 = Frames.encode(Frames.message(V4, MessageType.RESULT, neutral | Flags.META_ON_CONNECT, null,
                Map.of(), new byte[0]), WireOptions.DEFAULT);
        assertEquals(0x71, BigEndian.u16(f4, 8));
        assertEquals(neutral, decode(f5, WireOptions.DEFAULT).flags());
        assertEquals(neutral | Flags.META_ON_CONNECT, decode(f4, WireOptions.DEFAULT).flags());
    }

    @Test
    void pingIsAnOrdinaryMessage() throws IOException {
        for (String file : new String[] {"pyro5-serpent-ping.json", "pyro4-serpent-ping.json"}) {
            Vectors.VectorFrame ping = Vectors.find(file, f -> f.type() == MessageType.PING
                    && f.direction().equals("c2s"));
            ProtocolVersion v = ping.version();
            Message m = new Message(v, MessageType.PING, 0, 0, 42, null, null, "ping".getBytes());
            assertArrayEquals(ping.bytes(), Frames.encode(m, WireOptions.DEFAULT), file);
        }
    }

    @Test
    void writeIsOneWriteAndAFlush() throws IOException {
        Message m = Frames.message(V5, MessageType.INVOKE, 0, ID, Map.of("XTRA", new byte[3]), bytes(300, true));
        List<String> calls = new ArrayList<>();
        byte[][] written = new byte[1][];
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                calls.add("write1");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                calls.add("write");
                written[0] = java.util.Arrays.copyOfRange(b, off, off + len);
            }

            @Override
            public void flush() {
                calls.add("flush");
            }
        };
        WireOptions o = new WireOptions(0, false, null);
        MessageIO.write(out, m, o);
        assertEquals(List.of("write", "flush"), calls);
        assertArrayEquals(Frames.encode(m, o), written[0]);
    }

    @Test
    void codecRefusesAMessageOfTheOtherVersion() {
        Message m5 = Frames.message(V5, MessageType.INVOKE, 0, null, Map.of(), new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> Pyro4Codec.INSTANCE.encode(m5, WireOptions.DEFAULT));
        Message m4 = Frames.message(V4, MessageType.INVOKE, 0, null, Map.of(), new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> Pyro5Codec.INSTANCE.encode(m4, WireOptions.DEFAULT));
    }

    /** Round trips of assorted messages through both codecs, with and without compression and HMAC. */
    @Test
    void roundTrips() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            ProtocolVersion v = random.nextBoolean() ? V5 : V4;
            Map<String, byte[]> ann = new LinkedHashMap<>();
            int n = random.nextInt(4);
            for (int k = 0; k < n; k++) {
                byte[] value = new byte[random.nextInt(300)];
                random.nextBytes(value);
                ann.put("K" + (char) ('A' + random.nextInt(26)) + "X" + k, value);
            }
            byte[] payload = bytes(random.nextInt(3000), random.nextBoolean());
            int flags = random.nextInt(0x40) & ~Flags.COMPRESSED;
            Message m = new Message(v, 1 + random.nextInt(6), flags, random.nextInt(0x10000),
                    random.nextInt(256), random.nextBoolean() ? UUID.randomUUID() : null, ann, payload);
            byte[] key = v == V4 && random.nextBoolean() ? "secret".getBytes() : null;
            WireOptions o = new WireOptions(0, random.nextBoolean(), key);
            Message back = decode(Frames.encode(m, o), new WireOptions(0, false, key));
            Frames.assertSameMessage(m, back);
            int expectFlags = flags;
            if (v == V5 && m.correlationId() != null) {
                expectFlags |= Flags.CORR_ID;
            }
            assertEquals(expectFlags, back.flags() & ~Flags.COMPRESSED);
        }
    }
}
