package org.jpyro.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroException;

/** Test helpers: building and tampering with frames, and decoding them through every entry point. */
final class Frames {
    private Frames() {
    }

    static Message message(ProtocolVersion v, int type, int flags, UUID corr, Map<String, byte[]> annotations,
                           byte[] payload) {
        return new Message(v, type, flags, 7, 1, corr, annotations, payload);
    }

    static byte[] encode(Message m, WireOptions o) {
        return FrameCodec.of(m.version()).encode(m, o);
    }

    /** Recomputes a Pyro4 header checksum after the test changed a header field. */
    static byte[] fixChecksum(byte[] f) {
        int sum = BigEndian.u16(f, 6) + 48 + BigEndian.i32(f, 12) + BigEndian.u16(f, 18) + BigEndian.u16(f, 16)
                + BigEndian.u16(f, 8) + BigEndian.u16(f, 10) + 0x34E9;
        BigEndian.put16(f, 22, sum & 0xFFFF);
        return f;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Decodes a complete frame with MessageIO (given codec and auto-detect), the codec, and a FrameDecoder. */
    static Message decodeAllWays(byte[] frame, FrameCodec codec, WireOptions o) throws IOException {
        Message a = MessageIO.read(new ByteArrayInputStream(frame), codec, o);
        MessageIO.readFirst(new ByteArrayInputStream(frame), o);
        FrameHeader h = codec.decodeHeader(frame, 0, o);
        codec.decodeBody(h, frame, codec.headerSize(), o);
        new FrameDecoder(codec.version(), o).decode(ByteBuffer.wrap(frame));
        return a;
    }

    /**
     * Asserts that every way of decoding a complete frame fails with exactly {@code type} whose message
     * contains {@code text}.
     */
    static void assertRejected(Class<? extends PyroException> type, String text, byte[] frame, FrameCodec codec,
                               WireOptions o) {
        check(type, text, assertThrows(Throwable.class,
                () -> MessageIO.read(new ByteArrayInputStream(frame), codec, o), "MessageIO.read"));
        check(type, text, assertThrows(Throwable.class, () -> {
            FrameHeader h = codec.decodeHeader(frame, 0, o);
            codec.decodeBody(h, frame, codec.headerSize(), o);
        }, "codec"));
        check(type, text, assertThrows(Throwable.class,
                () -> new FrameDecoder(codec.version(), o).decode(ByteBuffer.wrap(frame)), "FrameDecoder"));
        check(type, text, assertThrows(Throwable.class,
                () -> feedByteByByte(new FrameDecoder(codec.version(), o), frame), "FrameDecoder byte by byte"));
        if (detectsAs(frame, codec.version())) {
            check(type, text, assertThrows(Throwable.class,
                    () -> MessageIO.readFirst(new ByteArrayInputStream(frame), o), "MessageIO.readFirst"));
            check(type, text, assertThrows(Throwable.class,
                    () -> feedByteByByte(new FrameDecoder(o), frame), "detecting FrameDecoder"));
        } else {
            check(ProtocolException.class, "", assertThrows(Throwable.class,
                    () -> MessageIO.readFirst(new ByteArrayInputStream(frame), o), "MessageIO.readFirst"));
            check(ProtocolException.class, "", assertThrows(Throwable.class,
                    () -> feedByteByByte(new FrameDecoder(o), frame), "detecting FrameDecoder"));
        }
    }

    private static void feedByteByByte(FrameDecoder d, byte[] frame) {
        for (int i = 0; i < frame.length; i++) {
            if (d.decode(ByteBuffer.wrap(frame, i, 1)) != null) {
                fail("decoded a malformed frame");
            }
        }
    }

    private static boolean detectsAs(byte[] frame, ProtocolVersion v) {
        try {
            return FrameCodec.detect(Arrays.copyOf(frame, 6)) == v;
        } catch (PyroException e) {
            return false;
        }
    }

    static void check(Class<? extends Throwable> type, String text, Throwable t) {
        if (t.getClass() != type) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + t, t);
        }
        assertTrue(t.getMessage() != null && t.getMessage().contains(text),
                "message '" + t.getMessage() + "' lacks '" + text + "'");
    }

    static void assertSameMessage(Message expected, Message actual) {
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.type(), actual.type());
        assertEquals(expected.seq(), actual.seq());
        assertEquals(expected.serializerId(), actual.serializerId());
        assertEquals(expected.correlationId(), actual.correlationId());
        assertEquals(expected.annotations().keySet(), actual.annotations().keySet());
        for (String k : expected.annotations().keySet()) {
            assertTrue(Arrays.equals(expected.annotations().get(k), actual.annotations().get(k)), k);
        }
        assertTrue(Arrays.equals(expected.payload(), actual.payload()), "payload");
    }
}
