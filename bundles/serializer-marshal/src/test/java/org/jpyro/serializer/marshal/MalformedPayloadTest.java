package org.jpyro.serializer.marshal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;
import org.jpyro.api.testing.Py;
import org.jpyro.api.testing.RandomValues;
import org.jpyro.api.testing.RandomValues.Feature;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.Test;

/**
 * Garbage, truncated and mutated payloads give a {@link SerializeException} and nothing else: no other
 * exception type, no hang, no huge allocation, no stack overflow.
 */
class MalformedPayloadTest {
    private final MarshalSerializer marshal = new MarshalSerializer();

    private void decodeBoth(byte[] data) {
        try {
            marshal.deserializeData(data, ProtocolVersion.PYRO4);
        } catch (SerializeException expected) {
            // fine
        } catch (Throwable t) {
            fail("data " + Arrays.toString(Arrays.copyOf(data, Math.min(64, data.length))) + " gave " + t, t);
        }
        try {
            marshal.deserializeCall(data, ProtocolVersion.PYRO5);
        } catch (SerializeException expected) {
            // fine
        } catch (Throwable t) {
            fail("call data " + Arrays.toString(Arrays.copyOf(data, Math.min(64, data.length))) + " gave " + t, t);
        }
    }

    private static List<byte[]> validPayloads() {
        List<byte[]> valid = new ArrayList<>();
        for (Vectors.Frame f : Vectors.allFrames("marshal")) {
            valid.add(f.payload());
        }
        RandomValues random = new RandomValues(99, EnumSet.allOf(Feature.class));
        MarshalSerializer m = new MarshalSerializer();
        for (int i = 0; i < 200; i++) {
            valid.add(m.serializeData(random.value(4), ProtocolVersion.PYRO5));
        }
        return valid;
    }

    @Test
    void mutatedAndTruncatedPayloads() {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
            Random random = new Random(12345);
            List<byte[]> valid = validPayloads();
            for (byte[] payload : valid) {
                for (int cut = 0; cut < payload.length; cut += Math.max(1, payload.length / 16)) {
                    decodeBoth(Arrays.copyOf(payload, cut));
                }
                for (int i = 0; i < 20; i++) {
                    byte[] mutated = payload.clone();
                    int changes = 1 + random.nextInt(3);
                    for (int c = 0; c < changes && mutated.length > 0; c++) {
                        int at = random.nextInt(mutated.length);
                        switch (random.nextInt(4)) {
                            case 0: mutated[at] = (byte) random.nextInt(256); break;
                            case 1: mutated[at] ^= (byte) (1 << random.nextInt(8)); break;
                            case 2: mutated[at] = (byte) 0xff; break;
                            default: mutated[at] = (byte) 0x7f; break;
                        }
                    }
                    decodeBoth(mutated);
                }
            }
        });
    }

    @Test
    void randomBytes() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Random random = new Random(777);
            String codes = "0NFTSi.IfgxylstrR([{cu<>aA)zZ?";
            for (int i = 0; i < 20000; i++) {
                byte[] data = new byte[random.nextInt(40)];
                for (int j = 0; j < data.length; j++) {
                    data[j] = random.nextBoolean() ? (byte) (codes.charAt(random.nextInt(codes.length()))
                            | (random.nextBoolean() ? 0x80 : 0)) : (byte) random.nextInt(256);
                }
                decodeBoth(data);
            }
        });
    }

    @Test
    void hugeDeclaredSizesAllocateNothing() {
        for (char code : "([<>satuAz".toCharArray()) {
            byte[] data = {(byte) code, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
            assertThrows(SerializeException.class, () -> marshal.deserializeData(data, ProtocolVersion.PYRO5));
        }
        byte[] longDigits = {'l', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 0};
        assertThrows(SerializeException.class, () -> marshal.deserializeData(longDigits, ProtocolVersion.PYRO5));
    }

    @Test
    void deepNestingOnASmallStackIsASerializeException() throws Exception {
        byte[] deep = new byte[100_000 * 2 + 1];
        for (int i = 0; i < 100_000; i++) {
            deep[2 * i] = ')';
            deep[2 * i + 1] = 1;
        }
        deep[deep.length - 1] = 'N';
        Throwable[] result = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                marshal.deserializeData(deep, ProtocolVersion.PYRO5);
            } catch (Throwable e) {
                result[0] = e;
            }
        }, "small-stack", 64 * 1024);
        t.start();
        t.join(10_000);
        assertTrue(result[0] instanceof SerializeException, String.valueOf(result[0]));
    }

    @Test
    void callsOfTheWrongShape() {
        MarshalSerializer m = marshal;
        for (Object notACall : new Object[] {null, 1, "x", Py.tuple("a", "b", Py.list()), Py.tuple(1, "m", Py.list(), null),
                Py.tuple("o", "m", 5, null), Py.tuple("o", "m", Py.list(), 5), Py.tuple("o", "m", Py.list(), Py.dict(1, 2))}) {
            byte[] data = m.serializeData(notACall, ProtocolVersion.PYRO4);
            assertThrows(SerializeException.class, () -> m.deserializeCall(data, ProtocolVersion.PYRO4), String.valueOf(notACall));
        }
    }
}
