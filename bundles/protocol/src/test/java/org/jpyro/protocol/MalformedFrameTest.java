package org.jpyro.protocol;

import static org.jpyro.protocol.Frames.assertRejected;
import static org.jpyro.protocol.Frames.fixChecksum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;

import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.MessageTooLargeException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SecurityException;
import org.junit.jupiter.api.Test;

/** Broken frames are refused with the specific api exception, and nothing else escapes. */
class MalformedFrameTest {
    private static final FrameCodec P5 = Pyro5Codec.INSTANCE;
    private static final FrameCodec P4 = Pyro4Codec.INSTANCE;
    private static final WireOptions NONE = WireOptions.DEFAULT;
    private static final byte[] SECRET = "secret".getBytes();

    /** Pyro5 INVOKE with correlation id and annotation XTRA (18 annotation bytes, 63 payload bytes). */
    private static byte[] p5() {
        return Vectors.find("pyro5-serpent-correlation-annotations.json", f -> f.index() == 2).bytes();
    }

    /** Pyro4 INVOKE with annotations XTRA and CORR (38 annotation bytes, 63 payload bytes). */
    private static byte[] p4() {
        return Vectors.find("pyro4-serpent-correlation-annotations.json", f -> f.index() == 2).bytes();
    }

    /** Pyro4 INVOKE with an HMAC (key "secret"). */
    private static byte[] p4Hmac() {
        return Vectors.find("pyro4-serpent-hmac.json", f -> f.index() == 2).bytes();
    }

    @Test
    void baseFramesAreValid() throws IOException {
        assertEquals(UUID.fromString("12345678-1234-5678-1234-567812345678"),
                Frames.decodeAllWays(p5(), P5, NONE).correlationId());
        assertEquals(UUID.fromString("12345678-1234-5678-1234-567812345678"),
                Frames.decodeAllWays(p4(), P4, NONE).correlationId());
        Frames.decodeAllWays(p4Hmac(), P4, new WireOptions(0, false, SECRET));
    }

    @Test
    void truncatedHeader() throws IOException {
        for (byte[] frame : new byte[][] {p5(), p4()}) {
            FrameCodec codec = FrameCodec.detect(frame) == ProtocolVersion.PYRO5 ? P5 : P4;
            for (int cut = 0; cut < codec.headerSize(); cut++) {
                byte[] part = Arrays.copyOf(frame, cut);
                ConnectionClosedException e = assertThrows(ConnectionClosedException.class,
                        () -> MessageIO.read(new ByteArrayInputStream(part), codec, NONE));
                assertEquals("receiving: not enough data", e.getMessage());
                assertThrows(ConnectionClosedException.class,
                        () -> MessageIO.readFirst(new ByteArrayInputStream(part), NONE));
                assertThrows(ProtocolException.class, () -> codec.decodeHeader(part, 0, NONE));
                FrameDecoder decoder = new FrameDecoder(NONE);
                assertNull(decoder.decode(ByteBuffer.wrap(part)));
                assertEquals(cut > 0, decoder.hasPartialFrame());
            }
            assertThrows(ProtocolException.class, () -> codec.decodeHeader(frame, frame.length - 3, NONE));
            assertThrows(ProtocolException.class, () -> codec.decodeHeader(frame, -1, NONE));
        }
    }

    @Test
    void truncatedBody() throws IOException {
        for (byte[] frame : new byte[][] {p5(), p4()}) {
            FrameCodec codec = FrameCodec.detect(frame) == ProtocolVersion.PYRO5 ? P5 : P4;
            for (int cut = codec.headerSize(); cut < frame.length; cut++) {
                byte[] part = Arrays.copyOf(frame, cut);
                assertThrows(ConnectionClosedException.class,
                        () -> MessageIO.read(new ByteArrayInputStream(part), codec, NONE));
                FrameDecoder decoder = new FrameDecoder(NONE);
                assertNull(decoder.decode(ByteBuffer.wrap(part)));
                assertTrue(decoder.hasPartialFrame());
                FrameHeader h = codec.decodeHeader(part, 0, NONE);
                assertThrows(ProtocolException.class, () -> codec.decodeBody(h, part, codec.headerSize(), NONE));
            }
        }
    }

    @Test
    void dataLengthOverTheLimit() throws IOException {
        byte[] p5 = p5();
        int body5 = p5.length - 40;
        Frames.decodeAllWays(p5, P5, new WireOptions(body5, false, null));
        MessageTooLargeException e5 = assertThrows(MessageTooLargeException.class,
                () -> P5.decodeHeader(p5, 0, new WireOptions(body5 - 1, false, null)));
        assertEquals("message too large (" + body5 + ", max=" + (body5 - 1) + ")", e5.getMessage());
        assertRejected(MessageTooLargeException.class, "message too large", p5, P5,
                new WireOptions(body5 - 1, false, null));

        byte[] p4 = p4();
        int body4 = p4.length - 24;
        Frames.decodeAllWays(p4, P4, new WireOptions(body4, false, null));
        assertRejected(MessageTooLargeException.class,
                "max message size exceeded (" + body4 + " where max=" + (body4 - 1) + ")", p4, P4,
                new WireOptions(body4 - 1, false, null));
    }

    /** A header that claims a huge body is refused from the header alone: no body byte is needed or read. */
    @Test
    void hugeLengthIsRefusedBeforeReadingTheBody() {
        byte[] p5 = Arrays.copyOf(p5(), 40);
        BigEndian.put32(p5, 12, 0xFFFFFFFF);
        assertTrue(P5.decodeHeader(Arrays.copyOf(p5(), 40), 0, NONE).bodyLength() > 0);
        assertThrows(MessageTooLargeException.class, () -> P5.decodeHeader(p5, 0, NONE)); // even unlimited
        assertHeaderOnlyRejected(p5, P5, NONE);

        byte[] p4 = fixChecksum(Arrays.copyOf(p4(), 24));
        BigEndian.put32(p4, 12, Integer.MAX_VALUE);
        fixChecksum(p4);
        assertHeaderOnlyRejected(p4, P4, new WireOptions(1 << 20, false, null));
        // P5 annotations length alone over the limit
        byte[] ann = Arrays.copyOf(p5(), 40);
        BigEndian.put32(ann, 16, 1 << 30);
        assertHeaderOnlyRejected(ann, P5, new WireOptions(1 << 20, false, null));
    }

    private static void assertHeaderOnlyRejected(byte[] header, FrameCodec codec, WireOptions o) {
        CountingStream in = new CountingStream(header);
        assertThrows(MessageTooLargeException.class, () -> MessageIO.read(in, codec, o));
        assertEquals(header.length, in.consumed);
        assertThrows(MessageTooLargeException.class, () -> MessageIO.readFirst(new ByteArrayInputStream(header), o));
        assertThrows(MessageTooLargeException.class, () -> new FrameDecoder(o).decode(ByteBuffer.wrap(header)));
    }

    @Test
    void negativePyro4DataLength() {
        byte[] f = p4();
        BigEndian.put32(f, 12, -5);
        fixChecksum(f);
        assertRejected(ProtocolException.class, "invalid message size", f, P4, NONE);
        BigEndian.put32(f, 12, Integer.MIN_VALUE);
        fixChecksum(f);
        assertRejected(ProtocolException.class, "invalid message size", f, P4, new WireOptions(100, false, null));
    }

    @Test
    void wrongTag() {
        byte[] f5 = p5();
        f5[3] = 'X';
        assertRejected(ProtocolException.class, "invalid data", f5, P5, NONE);
        ProtocolException d = assertThrows(ProtocolException.class,
                () -> MessageIO.readFirst(new ByteArrayInputStream(f5), NONE));
        assertEquals("invalid data or unsupported protocol version", d.getMessage());
        byte[] f4 = p4();
        f4[0] = 'p';
        assertRejected(ProtocolException.class, "invalid data or unsupported protocol version", f4, P4, NONE);
        assertThrows(ProtocolException.class, () -> new FrameDecoder(NONE).decode(ByteBuffer.wrap(f4)));
    }

    @Test
    void wrongVersion() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> P5.decodeHeader(p4Padded(), 0, NONE));
        assertEquals("invalid protocol version: 48", e.getMessage());
        assertThrows(ProtocolException.class, () -> MessageIO.read(new ByteArrayInputStream(p4()), P5, NONE));
        ProtocolException e4 = assertThrows(ProtocolException.class, () -> P4.decodeHeader(p5(), 0, NONE));
        assertEquals("invalid data or unsupported protocol version", e4.getMessage());
        assertThrows(ProtocolException.class, () -> MessageIO.read(new ByteArrayInputStream(p5()), P4, NONE));

        byte[] v503 = p5();
        BigEndian.put16(v503, 4, 503);
        assertRejected(ProtocolException.class, "invalid protocol version: 503", v503, P5, NONE);
        ProtocolException d = assertThrows(ProtocolException.class,
                () -> MessageIO.readFirst(new ByteArrayInputStream(v503), NONE));
        assertEquals("invalid protocol version: 503", d.getMessage());
        byte[] v49 = p4();
        BigEndian.put16(v49, 4, 49);
        assertRejected(ProtocolException.class, "invalid data or unsupported protocol version", v49, P4, NONE);

        // a decoder fixed to one version refuses the other after 6 bytes
        FrameDecoder fixed = new FrameDecoder(ProtocolVersion.PYRO5, NONE);
        assertThrows(ProtocolException.class, () -> fixed.decode(ByteBuffer.wrap(p4(), 0, 6)));
        // a detecting decoder sticks to the first frame's version
        FrameDecoder detecting = new FrameDecoder(NONE);
        detecting.decode(ByteBuffer.wrap(p4()));
        assertEquals(ProtocolVersion.PYRO4, detecting.version());
        ProtocolException mixed = assertThrows(ProtocolException.class,
                () -> detecting.decode(ByteBuffer.wrap(p5())));
        assertEquals("invalid data or unsupported protocol version", mixed.getMessage());
    }

    private static byte[] p4Padded() {
        return Arrays.copyOf(p4(), Math.max(40, p4().length));
    }

    @Test
    void wrongMagic() {
        byte[] f = p5();
        f[39] ^= 1;
        assertRejected(ProtocolException.class, "invalid magic number", f, P5, NONE);
    }

    @Test
    void wrongChecksum() {
        for (int i : new int[] {6, 9, 11, 15, 17, 19, 22, 23}) {
            byte[] f = p4();
            f[i] ^= 0x10;
            assertRejected(ProtocolException.class, "header checksum mismatch", f, P4, NONE);
        }
    }

    @Test
    void unknownMessageType() {
        for (int type : new int[] {0, 7, 255}) {
            byte[] f5 = p5();
            f5[6] = (byte) type;
            assertRejected(ProtocolException.class, "invalid msg type " + type, f5, P5, NONE);
            byte[] f4 = p4();
            BigEndian.put16(f4, 6, type);
            assertRejected(ProtocolException.class, "invalid msg type " + type, fixChecksum(f4), P4, NONE);
        }
        byte[] f4 = p4();
        BigEndian.put16(f4, 6, 0x0104);
        assertRejected(ProtocolException.class, "invalid msg type 260", fixChecksum(f4), P4, NONE);
    }

    @Test
    void wrongHmac() throws IOException {
        WireOptions keyed = new WireOptions(0, false, SECRET);
        byte[] good = p4Hmac();
        Frames.decodeAllWays(good, P4, keyed);
        int annotationsEnd = 24 + BigEndian.u16(good, 18);
        // a byte of the digest itself, of the payload
        for (int i : new int[] {annotationsEnd - 1, 24 + 6, annotationsEnd, good.length - 1}) {
            byte[] f = good.clone();
            f[i] ^= 0x01;
            assertRejected(SecurityException.class, "message hmac mismatch", f, P4, keyed);
        }
        // a correct digest under another key
        assertRejected(SecurityException.class, "message hmac mismatch", good, P4,
                new WireOptions(0, false, "secreT".getBytes()));
        // an annotation added by a middle man is covered too
        Message m = MessageIO.readFirst(new ByteArrayInputStream(good), keyed);
        byte[] signed = P4.encode(new Message(ProtocolVersion.PYRO4, m.type(), m.flags(), m.seq(), m.serializerId(),
                UUID.randomUUID(), Map.of("XTRA", new byte[] {1, 2}), m.payload()), keyed);
        Frames.decodeAllWays(signed, P4, keyed);
        byte[] tampered = signed.clone();
        int corrValue = 24 + 6 + 2 + 6; // XTRA chunk (6 + 2), then CORR header
        tampered[corrValue] ^= 0x40;
        assertRejected(SecurityException.class, "message hmac mismatch", tampered, P4, keyed);
    }

    @Test
    void hmacOnOneSideOnly() {
        assertRejected(SecurityException.class, "hmac key config not symmetric", p4Hmac(), P4, NONE);
        assertRejected(SecurityException.class, "hmac key config not symmetric", p4(), P4,
                new WireOptions(0, false, SECRET));
        // an empty key is no key, as in Pyro4
        assertRejected(SecurityException.class, "hmac key config not symmetric", p4Hmac(), P4,
                new WireOptions(0, false, new byte[0]));
    }

    @Test
    void annotationChunkOverrunning() {
        // Pyro5: XTRA claims one byte more than the annotations area holds
        byte[] f5 = p5();
        BigEndian.put32(f5, 44, 11);
        assertRejected(ProtocolException.class, "overruns the annotations area", f5, P5, NONE);
        // a length with the top bit set
        BigEndian.put32(f5, 44, 0x8000000A);
        assertRejected(ProtocolException.class, "overruns the annotations area", f5, P5, NONE);
        // XTRA claims less: the rest (2 bytes) is too short for a chunk header
        BigEndian.put32(f5, 44, 8);
        assertRejected(ProtocolException.class, "overruns the annotations area", f5, P5, NONE);
        // annotations area one byte longer than its chunks
        byte[] longer = p5();
        BigEndian.put32(longer, 16, 19);
        byte[] withExtra = Frames.concat(Arrays.copyOf(longer, 58), new byte[] {0}, Arrays.copyOfRange(longer, 58,
                longer.length));
        assertRejected(ProtocolException.class, "overruns the annotations area", withExtra, P5, NONE);

        // Pyro4: the chunk lengths are not covered by the checksum
        byte[] f4 = p4();
        BigEndian.put16(f4, 28, 40);
        assertRejected(ProtocolException.class, "overruns the annotations area", f4, P4, NONE);
        byte[] g4 = p4();
        BigEndian.put16(g4, 28, 9);
        assertRejected(ProtocolException.class, "overruns the annotations area", g4, P4, NONE);
    }

    @Test
    void badAnnotationContent() {
        byte[] key = p5();
        key[40] = (byte) 0xC3;
        assertRejected(ProtocolException.class, "annotation key is not ascii", key, P5, NONE);
        // Pyro4 CORR must be 16 bytes: shorten it to 15 (annotations and data lengths adjusted)
        Message m = new Message(ProtocolVersion.PYRO4, MessageType.INVOKE, 0, 1, 1, null,
                Map.of("CORX", new byte[15]), new byte[] {1});
        byte[] f = P4.encode(m, NONE);
        f[24 + 3] = 'R';
        assertRejected(ProtocolException.class, "invalid CORR annotation", f, P4, NONE);
    }

    @Test
    void garbageZlib() {
        // COMPRESSED flag on a payload that is not zlib data
        byte[] f5 = p5();
        f5[9] |= Flags.COMPRESSED;
        assertRejected(ProtocolException.class, "invalid compressed data", f5, P5, NONE);
        byte[] f4 = p4();
        f4[9] |= Flags.COMPRESSED;
        assertRejected(ProtocolException.class, "invalid compressed data", fixChecksum(f4), P4, NONE);

        byte[] payload = new byte[1000];
        Arrays.fill(payload, (byte) 'a');
        byte[] compressed = P5.encode(Frames.message(ProtocolVersion.PYRO5, MessageType.RESULT, 0, null, Map.of(),
                payload), new WireOptions(0, true, null));
        // truncated zlib stream (lengths consistent)
        int dataLength = BigEndian.i32(compressed, 12);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 3);
        BigEndian.put32(truncated, 12, dataLength - 3);
        assertRejected(ProtocolException.class, "invalid compressed data", truncated, P5, NONE);
        // corrupted deflate data
        byte[] corrupt = compressed.clone();
        for (int i = 42; i < corrupt.length; i++) {
            corrupt[i] = (byte) 0xFF;
        }
        assertRejected(ProtocolException.class, "invalid compressed data", corrupt, P5, NONE);
        // zlib stream that wants a preset dictionary
        Deflater withDictionary = new Deflater();
        withDictionary.setDictionary(new byte[] {1, 2, 3});
        withDictionary.setInput(payload);
        withDictionary.finish();
        byte[] z = new byte[200];
        int n = withDictionary.deflate(z);
        withDictionary.end();
        byte[] dict = Frames.concat(Arrays.copyOf(compressed, 40), Arrays.copyOf(z, n));
        BigEndian.put32(dict, 12, n);
        assertRejected(ProtocolException.class, "invalid compressed data", dict, P5, NONE);
        // empty payload with the flag
        byte[] empty = Arrays.copyOf(compressed, 40);
        BigEndian.put32(empty, 12, 0);
        assertRejected(ProtocolException.class, "invalid compressed data", empty, P5, NONE);
    }

    /** A small frame that inflates past the limit is refused; the limit is hard, exactly at the boundary. */
    @Test
    void zlibBomb() throws IOException {
        byte[] zeros = new byte[16 << 20];
        for (ProtocolVersion v : ProtocolVersion.values()) {
            FrameCodec codec = FrameCodec.of(v);
            Map<String, byte[]> ann = Map.of("XTRA", new byte[4]);
            byte[] bomb = codec.encode(Frames.message(v, MessageType.RESULT, 0, null, ann, zeros),
                    new WireOptions(0, true, null));
            assertTrue(bomb.length < 64 * 1024, "compressed to " + bomb.length);
            int annotationsLength = v == ProtocolVersion.PYRO5 ? 12 : 10;
            assertRejected(MessageTooLargeException.class, "decompressed message too large", bomb, codec,
                    new WireOptions(1 << 20, false, null));
            // decompressed payload + annotations exactly at the limit: accepted; one byte less: refused
            int limit = zeros.length + annotationsLength;
            assertEquals(zeros.length, Frames.decodeAllWays(bomb, codec, new WireOptions(limit, false, null))
                    .payload().length);
            assertRejected(MessageTooLargeException.class, "decompressed message too large", bomb, codec,
                    new WireOptions(limit - 1, false, null));
        }
    }

    @Test
    void decoderStaysFailedAfterAnError() {
        byte[] bad = p5();
        bad[39] = 0;
        FrameDecoder decoder = new FrameDecoder(NONE);
        assertThrows(ProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(bad)));
        ProtocolException again = assertThrows(ProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(p5())));
        assertTrue(again.getMessage().contains("earlier"));
    }

    @Test
    void readStopsExactlyAtTheFrameEnd() throws IOException {
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.writeBytes(p5());
        two.writeBytes(p5());
        CountingStream in = new CountingStream(two.toByteArray());
        MessageIO.read(in, P5, NONE);
        assertEquals(p5().length, in.consumed);
        assertArrayEquals(p5(), P5.encode(MessageIO.read(in, P5, NONE), NONE));
        assertFalse(in.available() > 0);
    }

    /** A stream that counts the bytes taken from it. */
    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        int consumed;

        CountingStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                consumed++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, len);
            if (n > 0) {
                consumed += n;
            }
            return n;
        }

        @Override
        public int available() {
            return in.available();
        }
    }
}
