package org.jpyro.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.jpyro.api.PyroException;
import org.junit.jupiter.api.Test;

/**
 * Mutated golden frames: whatever the bytes, decoding either succeeds or throws an {@code org.jpyro.api}
 * exception, never an IndexOutOfBounds, NegativeArraySize, DataFormat... Bounded and seeded.
 */
class FuzzTest {
    private static final int ITERATIONS = 30_000;
    private static final byte[] SECRET = "secret".getBytes();

    @Test
    void onlyApiExceptionsEscape() {
        List<byte[]> seeds = new ArrayList<>();
        for (Vectors.VectorFrame f : Vectors.frames()) {
            byte[] b = f.bytes();
            if (b.length < 2000 || f.compressed()) {
                seeds.add(b);
            }
        }
        Random random = new Random(0x5EED);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] frame = mutate(seeds.get(random.nextInt(seeds.size())), random);
            int max = switch (random.nextInt(3)) {
                case 0 -> 1 << 20;
                case 1 -> 1000;
                default -> Math.max(1, frame.length - 30);
            };
            WireOptions o = new WireOptions(max, false, random.nextBoolean() ? SECRET : null);
            String outcome = decodeSomehow(frame, o, random);
            outcomes.merge(outcome, 1, Integer::sum);
        }
        // the fuzzer must reach both success and the different refusals
        assertTrue(outcomes.getOrDefault("ok", 0) > 100, outcomes.toString());
        for (String expected : new String[] {"ProtocolException", "MessageTooLargeException", "SecurityException",
                "ConnectionClosedException"}) {
            assertTrue(outcomes.getOrDefault(expected, 0) > 50, expected + " rarely reached: " + outcomes);
        }
    }

    private static String decodeSomehow(byte[] frame, WireOptions o, Random random) {
        try {
            switch (random.nextInt(4)) {
                case 0 -> MessageIO.readFirst(new ByteArrayInputStream(frame), o);
                case 1 -> {
                    FrameCodec codec = random.nextBoolean() ? Pyro5Codec.INSTANCE : Pyro4Codec.INSTANCE;
                    MessageIO.read(new ByteArrayInputStream(frame), codec, o);
                }
                case 2 -> {
                    FrameCodec codec = random.nextBoolean() ? Pyro5Codec.INSTANCE : Pyro4Codec.INSTANCE;
                    FrameHeader h = codec.decodeHeader(frame, 0, o);
                    codec.decodeBody(h, frame, codec.headerSize(), o);
                }
                default -> {
                    FrameDecoder d = new FrameDecoder(o);
                    int pos = 0;
                    Message m = null;
                    while (pos < frame.length && m == null) {
                        int n = Math.min(frame.length - pos, 1 + random.nextInt(64));
                        m = d.decode(ByteBuffer.wrap(frame, pos, n));
                        pos += n;
                    }
                    if (m == null) {
                        return "incomplete";
                    }
                }
            }
            return "ok";
        } catch (PyroException e) {
            return e.getClass().getSimpleName();
        } catch (Throwable t) {
            throw new AssertionError("non-api exception for frame " + Vectors.HEX.formatHex(frame), t);
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] f = seed.clone();
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations && f.length > 0; m++) {
            switch (random.nextInt(8)) {
                case 0 -> f[random.nextInt(f.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> f[random.nextInt(f.length)] = (byte) random.nextInt(256);
                case 2 -> f = Arrays.copyOf(f, random.nextInt(f.length + 1));
                case 3 -> {
                    byte[] extra = new byte[random.nextInt(40)];
                    random.nextBytes(extra);
                    f = Frames.concat(f, extra);
                }
                case 4 -> setLength(f, random);
                case 5 -> {
                    if (f.length > 9) {
                        f[9] ^= Flags.COMPRESSED;
                    }
                }
                case 6 -> {
                    // a header byte (where the interesting fields are)
                    int limit = Math.min(f.length, 40);
                    if (limit > 0) {
                        f[random.nextInt(limit)] = (byte) random.nextInt(256);
                    }
                }
                default -> {
                    // an annotation chunk length byte of the first chunk
                    boolean p5 = f.length > 5 && f[5] == (byte) 0xF6;
                    int pos = (p5 ? 40 : 24) + 4 + random.nextInt(p5 ? 4 : 2);
                    if (pos < f.length) {
                        f[pos] = (byte) random.nextInt(256);
                    }
                }
            }
        }
        boolean p4 = f.length >= 24 && f[5] == 0x30;
        if (p4 && random.nextInt(4) != 0) {
            Frames.fixChecksum(f); // let most Pyro4 mutations past the checksum
        }
        return f;
    }

    private static void setLength(byte[] f, Random random) {
        boolean p5 = f.length > 5 && f[5] == (byte) 0xF6;
        int field = random.nextBoolean() ? 12 : (p5 ? 16 : 18);
        int size = field == 18 ? 2 : 4;
        if (f.length < field + size) {
            return;
        }
        int value = switch (random.nextInt(4)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextInt(300);
            case 2 -> -random.nextInt(10);
            default -> Integer.MAX_VALUE - random.nextInt(10);
        };
        if (size == 2) {
            BigEndian.put16(f, field, value);
        } else {
            BigEndian.put32(f, field, value);
        }
    }
}
