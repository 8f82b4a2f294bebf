package org.jpyro.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;

import org.jpyro.api.ProtocolVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Decoded golden frames encode back to the recorded bytes. */
class VectorEncodeTest {

    /**
     * Every frame with an uncompressed payload re-encodes byte for byte. This includes frames marked
     * nondeterministic for other reasons (random correlation ids, tracebacks...): those vary between capture
     * runs, not between decoding and encoding one recorded frame.
     */
    @TestFactory
    Stream<DynamicTest> uncompressedFramesReencodeExactly() {
        return Vectors.files().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            for (Vectors.VectorFrame frame : f.frames()) {
                if (frame.compressed()) {
                    continue;
                }
                byte[] bytes = frame.bytes();
                Message m = MessageIO.readFirst(new ByteArrayInputStream(bytes), frame.decodeOptions());
                assertArrayEquals(bytes, FrameCodec.of(frame.version()).encode(m, frame.encodeOptions()),
                        frame.toString());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                MessageIO.write(out, m, frame.encodeOptions());
                assertArrayEquals(bytes, out.toByteArray(), frame.toString());
            }
        }));
    }

    /** The deterministic frames in particular (the README's strict rule), counted so the test cannot pass empty. */
    @Test
    void deterministicFramesReencodeExactly() throws IOException {
        int n = 0;
        for (Vectors.VectorFrame frame : Vectors.frames()) {
            if (!frame.nondeterministic().isEmpty()) {
                continue;
            }
            byte[] bytes = frame.bytes();
            Message m = MessageIO.readFirst(new ByteArrayInputStream(bytes), frame.decodeOptions());
            assertArrayEquals(bytes, FrameCodec.of(frame.version()).encode(m, frame.encodeOptions()),
                    frame.toString());
            n++;
        }
        assertTrue(n > 1000, "only " + n + " deterministic frames");
    }

    /**
     * Compressed frames (marked {@code payload.zlib_bytes}): our encoding with compression on is compressed
     * as well, with the version's zlib level, and decodes to the same message; the zlib bytes themselves may
     * differ, so they are compared after inflating.
     */
    @Test
    void compressedFramesReencodeEquivalently() throws IOException {
        int n = 0;
        for (Vectors.VectorFrame frame : Vectors.frames()) {
            if (!frame.compressed()) {
                continue;
            }
            assertTrue(frame.nondeterministic().contains("payload.zlib_bytes"), frame.toString());
            byte[] bytes = frame.bytes();
            FrameCodec codec = FrameCodec.of(frame.version());
            Message m = MessageIO.readFirst(new ByteArrayInputStream(bytes), frame.decodeOptions());
            byte[] ours = codec.encode(m, frame.encodeOptions());
            FrameHeader h = codec.decodeHeader(ours, 0, WireOptions.DEFAULT);
            assertTrue((h.flags() & Flags.COMPRESSED) != 0, frame.toString());
            // same header apart from the compressed length (and the Pyro4 checksum that follows from it)
            int headerSize = codec.headerSize();
            int lengthField = 12;
            for (int i = 0; i < headerSize; i++) {
                boolean varies = (i >= lengthField && i < lengthField + 4)
                        || (frame.version() == ProtocolVersion.PYRO4 && i >= 22);
                if (!varies) {
                    assertEquals(bytes[i], ours[i], frame + ": header byte " + i);
                }
            }
            // identical annotations (including a Pyro4 CORR; the HMAC covers the compressed bytes)
            int annotationsLength = h.annotationsLength();
            if (frame.annotation("HMAC") == null) {
                assertArrayEquals(Arrays.copyOfRange(bytes, headerSize, headerSize + annotationsLength),
                        Arrays.copyOfRange(ours, headerSize, headerSize + annotationsLength),
                        frame.toString());
            }
            int zlibLevelByte = ours[headerSize + annotationsLength + 1] & 0xFF;
            assertEquals(0x78, ours[headerSize + annotationsLength] & 0xFF);
            assertEquals(frame.version() == ProtocolVersion.PYRO5 ? 0x5E : 0x9C, zlibLevelByte,
                    frame + ": zlib level marker");
            assertEquals(bytes[headerSize + annotationsLength + 1] & 0xFF, zlibLevelByte,
                    frame + ": same zlib level as the reference");
            Message back = codec.decodeBody(h, ours, headerSize, frame.decodeOptions());
            assertArrayEquals(frame.payload(), back.payload(), frame.toString());
            assertEquals(m.flags(), back.flags(), frame.toString());
            assertEquals(m.annotations().keySet(), back.annotations().keySet(), frame.toString());
            assertEquals(m.correlationId(), back.correlationId(), frame.toString());
            n++;
        }
        assertTrue(n >= 30, "only " + n + " compressed frames");
    }
}
