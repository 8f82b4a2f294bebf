package org.jpyro.api.serializer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.jpyro.api.SerializeException;
import org.junit.jupiter.api.Test;

/** {@link PythonValues#bytesOf}: serpent's base64 bytes dict, the one way bytes travel in serpent and json. */
class PythonValuesBytesTest {

    @Test
    void decodesTheBase64DictAndPassesArraysThrough() {
        assertArrayEquals(new byte[] {'b', 'a', 0, (byte) 0xff},
                PythonValues.bytesOf(Map.of("data", "YmEA/w==", "encoding", "base64")));
        byte[] raw = {1, 2};
        assertSame(raw, PythonValues.bytesOf(raw));
    }

    @Test
    void refusesAnythingElse() {
        assertTrue(assertThrows(SerializeException.class,
                () -> PythonValues.bytesOf(Map.of("data", "!!", "encoding", "base64"))).getMessage()
                .startsWith("invalid base64"));
        assertThrows(SerializeException.class, () -> PythonValues.bytesOf(Map.of("data", "AA==", "encoding", "hex")));
        assertThrows(SerializeException.class, () -> PythonValues.bytesOf("AA=="));
        assertThrows(SerializeException.class, () -> PythonValues.bytesOf(null));
    }
}
