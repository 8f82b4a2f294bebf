package org.jpyro.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.junit.jupiter.api.Test;

class ProtocolDetectorTest {

    @Test
    void detectsEveryVectorFrame() {
        int n = 0;
        for (Vectors.VectorFrame f : Vectors.frames()) {
            byte[] b = f.bytes();
            assertEquals(f.version(), ProtocolDetector.detect(b, 0), f.toString());
            byte[] shifted = Frames.concat(new byte[3], java.util.Arrays.copyOf(b, 6));
            assertEquals(f.version(), ProtocolDetector.detect(shifted, 3), f.toString());
            n++;
        }
        assertEquals(Vectors.frames().size(), n);
    }

    @Test
    void refusesOthers() {
        byte[] p5 = {'P', 'Y', 'R', 'O', 0x01, (byte) 0xF6};
        byte[] p4 = {'P', 'Y', 'R', 'O', 0x00, 0x30};
        assertEquals(ProtocolVersion.PYRO5, ProtocolDetector.detect(p5, 0));
        assertEquals(ProtocolVersion.PYRO4, ProtocolDetector.detect(p4, 0));
        assertEquals(ProtocolVersion.PYRO4, FrameCodec.detect(p4));
        ProtocolException v = assertThrows(ProtocolException.class,
                () -> ProtocolDetector.detect(new byte[] {'P', 'Y', 'R', 'O', 0x00, 0x2F}, 0));
        assertEquals("invalid protocol version: 47", v.getMessage());
        assertThrows(ProtocolException.class,
                () -> ProtocolDetector.detect(new byte[] {'G', 'E', 'T', ' ', '/', ' '}, 0));
        assertThrows(ProtocolException.class, () -> ProtocolDetector.detect(p5, 1));
        assertThrows(ProtocolException.class, () -> ProtocolDetector.detect(new byte[5], 0));
        assertThrows(ProtocolException.class, () -> ProtocolDetector.detect(p5, 7));
        assertThrows(ProtocolException.class, () -> ProtocolDetector.detect(p5, -1));
    }
}
