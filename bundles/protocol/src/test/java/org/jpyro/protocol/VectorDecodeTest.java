package org.jpyro.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SecurityException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every golden frame decodes, through every entry point, to exactly what the transcript recorded. */
class VectorDecodeTest {

    @TestFactory
    Stream<DynamicTest> everyFrameDecodes() {
        return Vectors.files().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            for (Vectors.VectorFrame frame : f.frames()) {
                checkFrame(frame);
            }
        }));
    }

    private static void checkFrame(Vectors.VectorFrame frame) throws IOException {
        byte[] bytes = frame.bytes();
        FrameCodec codec = FrameCodec.of(frame.version());
        WireOptions options = frame.decodeOptions();
        String where = frame.toString();

        assertEquals(frame.version(), FrameCodec.detect(bytes), where);
        FrameHeader header = codec.decodeHeader(bytes, 0, options);
        checkHeader(frame, header);
        assertEquals(bytes.length, codec.headerSize() + header.bodyLength(), where);

        Message viaStream = MessageIO.read(new ByteArrayInputStream(bytes), codec, options);
        checkMessage(frame, viaStream);
        checkMessage(frame, MessageIO.readFirst(new ByteArrayInputStream(bytes), options));
        checkMessage(frame, codec.decodeBody(header, bytes, codec.headerSize(), options));

        FrameDecoder decoder = new FrameDecoder(options);
        Message viaDecoder = null;
        for (int i = 0; i < bytes.length; i++) {
            assertNull(viaDecoder, where + ": frame complete before its last byte");
            ByteBuffer one = ByteBuffer.wrap(bytes, i, 1);
            viaDecoder = decoder.decode(one);
            assertFalse(one.hasRemaining(), where);
        }
        assertNotNull(viaDecoder, where + ": decoder did not complete the frame");
        assertFalse(decoder.hasPartialFrame(), where);
        assertEquals(frame.version(), decoder.version(), where);
        checkMessage(frame, viaDecoder);
    }

    private static void checkHeader(Vectors.VectorFrame frame, FrameHeader h) {
        String where = frame.toString();
        var rec = frame.header();
        assertEquals(frame.version(), h.version(), where);
        assertEquals(rec.get("msg_type").asInt(), h.type(), where);
        assertEquals(frame.neutralFlags(), h.flags(), where);
        assertEquals(rec.get("flags").asInt(), Flags.toWire(h.flags(), h.version()), where);
        assertEquals(rec.get("seq").asInt(), h.seq(), where);
        assertEquals(rec.get("serializer_id").asInt(), h.serializerId(), where);
        assertEquals(rec.get("data_length").asInt(), h.dataLength(), where);
        assertEquals(frame.node().get("payload").get("length").asInt(), h.dataLength(), where);
        assertEquals(rec.get("annotations_length").asInt(), h.annotationsLength(), where);
        if (h.version() == ProtocolVersion.PYRO5) {
            if ((h.flags() & Flags.CORR_ID) != 0) {
                assertEquals(frame.headerCorrelationUuid(), h.correlationId(), where);
            } else {
                assertNull(h.correlationId(), where);
            }
            assertEquals("0x4dc5", rec.get("magic").asText(), where);
        } else {
            assertNull(h.correlationId(), where);
            int expected = (h.type() + 48 + h.dataLength() + h.annotationsLength() + h.serializerId()
                    + rec.get("flags").asInt() + h.seq() + 0x34E9) & 0xFFFF;
            assertEquals(Integer.parseInt(rec.get("checksum").asText().substring(2), 16), expected,
                    where + ": recorded checksum");
        }
    }

    private static void checkMessage(Vectors.VectorFrame frame, Message m) {
        String where = frame.toString();
        var rec = frame.header();
        assertEquals(frame.version(), m.version(), where);
        assertEquals(rec.get("msg_type").asInt(), m.type(), where);
        assertEquals(frame.neutralFlags(), m.flags(), where);
        assertEquals(rec.get("seq").asInt(), m.seq(), where);
        assertEquals(rec.get("serializer_id").asInt(), m.serializerId(), where);
        assertArrayEquals(frame.payload(), m.payload(), where + ": payload");

        List<String> expectedKeys = new ArrayList<>(frame.annotationOrder());
        if (m.version() == ProtocolVersion.PYRO4) {
            expectedKeys.remove("CORR");
            expectedKeys.remove("HMAC");
            byte[] corr = frame.annotation("CORR");
            if (corr != null) {
                assertEquals(16, corr.length, where);
                assertEquals(Vectors.uuid(corr), m.correlationId(), where);
            } else {
                assertNull(m.correlationId(), where);
            }
        } else if ((frame.neutralFlags() & Flags.CORR_ID) != 0) {
            assertEquals(frame.headerCorrelationUuid(), m.correlationId(), where);
        } else {
            assertNull(m.correlationId(), where);
        }
        assertEquals(expectedKeys, new ArrayList<>(m.annotations().keySet()), where + ": annotation order");
        for (String key : expectedKeys) {
            assertArrayEquals(frame.annotation(key), m.annotations().get(key), where + ": annotation " + key);
        }
    }

    /** The recorded HMACs are what the scheme says, computed here independently of the codec. */
    @Test
    void recordedHmacsFollowTheScheme() throws Exception {
        int checked = 0;
        for (Vectors.VectorFrame frame : Vectors.frames()) {
            byte[] hmac = frame.annotation("HMAC");
            if (hmac == null) {
                continue;
            }
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(frame.hmacKey(), "HmacSHA1"));
            mac.update(frame.payloadAsSent());
            TreeMap<String, byte[]> sorted = new TreeMap<>();
            for (String key : frame.annotationOrder()) {
                if (!key.equals("HMAC")) {
                    sorted.put(key, frame.annotation(key));
                }
            }
            for (byte[] v : sorted.values()) {
                mac.update(v);
            }
            assertArrayEquals(hmac, mac.doFinal(), frame.toString());
            checked++;
        }
        assertEquals(11, checked);
    }

    @Test
    void hmacFramesNeedTheirKey() {
        int keyed = 0;
        for (Vectors.VectorFrame frame : Vectors.frames()) {
            if (frame.annotation("HMAC") == null) {
                if (frame.hmacKey() != null) {
                    // an un-keyed frame in a keyed conversation: refused by a keyed receiver
                    SecurityException e = assertThrows(SecurityException.class, () -> decode(frame,
                            new WireOptions(0, false, frame.hmacKey())));
                    assertEquals("hmac key config not symmetric", e.getMessage());
                }
                continue;
            }
            keyed++;
            SecurityException noKey = assertThrows(SecurityException.class,
                    () -> decode(frame, WireOptions.DEFAULT), frame.toString());
            assertEquals("hmac key config not symmetric", noKey.getMessage());
            SecurityException otherKey = assertThrows(SecurityException.class,
                    () -> decode(frame, new WireOptions(0, false, "not-the-key".getBytes())), frame.toString());
            assertEquals("message hmac mismatch", otherKey.getMessage());
        }
        assertEquals(11, keyed);
    }

    private static Message decode(Vectors.VectorFrame frame, WireOptions options) throws IOException {
        return MessageIO.readFirst(new ByteArrayInputStream(frame.bytes()), options);
    }

    /**
     * Each direction of each connection as one stream: read frame after frame with MessageIO, and cut with a
     * FrameDecoder fed random-sized chunks; both give the frames in order, then a clean end.
     */
    @TestFactory
    Stream<DynamicTest> wholeConversationsDecodeAsStreams() {
        return Vectors.files().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            Map<String, List<Vectors.VectorFrame>> streams = new TreeMap<>();
            for (Vectors.VectorFrame fr : f.frames()) {
                streams.computeIfAbsent(fr.connection() + fr.direction(), k -> new ArrayList<>()).add(fr);
            }
            Random random = new Random(f.name().hashCode());
            for (List<Vectors.VectorFrame> frames : streams.values()) {
                // HMAC'd and un-HMAC'd frames are never mixed within one direction of a connection except in
                // the "wrong key" conversation, which is covered frame by frame
                WireOptions options = frames.get(0).decodeOptions();
                if (frames.stream().anyMatch(x -> !java.util.Arrays.equals(x.decodeKey(), frames.get(0).decodeKey()))) {
                    continue;
                }
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (Vectors.VectorFrame fr : frames) {
                    all.writeBytes(fr.bytes());
                }
                byte[] stream = all.toByteArray();

                ByteArrayInputStream in = new ByteArrayInputStream(stream);
                Message first = MessageIO.readFirst(in, options);
                checkMessage(frames.get(0), first);
                FrameCodec codec = FrameCodec.of(first.version());
                for (int i = 1; i < frames.size(); i++) {
                    checkMessage(frames.get(i), MessageIO.read(in, codec, options));
                }
                ConnectionClosedException end = assertThrows(ConnectionClosedException.class,
                        () -> MessageIO.read(in, codec, options));
                assertEquals("receiving: not enough data", end.getMessage());

                FrameDecoder decoder = new FrameDecoder(options);
                List<Message> out = new ArrayList<>();
                int pos = 0;
                while (pos < stream.length) {
                    int n = Math.min(stream.length - pos, 1 + random.nextInt(random.nextBoolean() ? 7 : 300));
                    ByteBuffer chunk = ByteBuffer.wrap(stream, pos, n);
                    Message m;
                    while ((m = decoder.decode(chunk)) != null) {
                        out.add(m);
                    }
                    assertFalse(chunk.hasRemaining());
                    pos += n;
                }
                assertFalse(decoder.hasPartialFrame());
                assertEquals(frames.size(), out.size(), f.name());
                for (int i = 0; i < frames.size(); i++) {
                    checkMessage(frames.get(i), out.get(i));
                }
            }
        }));
    }

    /** A buffer holding several frames: the decoder takes exactly one frame per call and leaves the rest. */
    @Test
    void decoderStopsAtTheEndOfEachFrame() {
        Vectors.VectorFrame a = Vectors.find("pyro5-serpent-ping.json", f -> f.direction().equals("c2s"));
        Vectors.VectorFrame b = Vectors.find("pyro5-serpent-ping.json", f -> f.direction().equals("s2c"));
        ByteBuffer buf = ByteBuffer.allocate(a.bytes().length + b.bytes().length + 3);
        buf.put(a.bytes()).put(b.bytes()).put(new byte[] {'P', 'Y', 'R'}).flip();
        FrameDecoder decoder = new FrameDecoder(WireOptions.DEFAULT);
        checkMessage(a, decoder.decode(buf));
        assertEquals(b.bytes().length + 3, buf.remaining());
        checkMessage(b, decoder.decode(buf));
        assertEquals(3, buf.remaining());
        assertNull(decoder.decode(buf));
        assertEquals(0, buf.remaining());
        assertTrue(decoder.hasPartialFrame());
    }
}
