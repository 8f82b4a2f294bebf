package org.jpyro.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed payloads give a {@link SerializeException} and nothing else: no hang, no OutOfMemoryError, no
 * StackOverflowError, no other exception type. Every announced length is checked before anything is allocated.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MalformedPayloadTest {
    private static final MsgpackSerializer MSGPACK = new MsgpackSerializer(java.time.ZoneOffset.UTC);
    private static final ProtocolVersion V = ProtocolVersion.PYRO5;

    private static SerializeException refused(String hex) {
        return refused(HexFormat.of().parseHex(hex));
    }

    private static SerializeException refused(byte[] data) {
        return assertThrows(SerializeException.class, () -> MSGPACK.deserializeData(data, V),
                () -> HexFormat.of().formatHex(data, 0, Math.min(data.length, 40)));
    }

    @Test
    void hugeAnnouncedLengthsAreRefusedWithoutAllocating() {
        // 2^31 - 1 and 2^31 and 2^32 - 1 bytes/items announced, a handful present
        for (String header : List.of("db7fffffff", "db80000000", "dbffffffff", "c67fffffff", "c680000000", "c6ffffffff",
                "dd7fffffff", "dd80000000", "ddffffffff", "df7fffffff", "df80000000", "dfffffffff",
                "c97fffffff31", "c980000000", "c9ffffffff30", "daffff", "c5ffff", "dcffff", "deffff", "d9ff", "c4ff",
                "c7ff30")) {
            long start = System.nanoTime();
            refused(header + "a1a2a3a4a5");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 500, header + " took " + millis + " ms");
        }
        // a map of n entries needs at least 2n bytes, an array at least n
        refused("de0003" + "a161c0" + "a162c0" + "a163");
        refused("dc0004" + "c0c0c0");
    }

    @Test
    void deepNestingIsRefused() {
        for (int open : new int[] {0x91, 0x81}) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < 100_000; i++) {
                b.write(open);
                if (open == 0x81) {
                    b.write(0xa0); // key ""
                }
            }
            b.write(0xc0);
            SerializeException e = refused(b.toByteArray());
            assertTrue(e.getMessage().contains("nested"), e.getMessage());
        }
        // 1024 levels are fine (Python's unpacker allows as many)
        byte[] ok = new byte[1025];
        Arrays.fill(ok, (byte) 0x91);
        ok[1024] = (byte) 0xc0;
        MSGPACK.deserializeData(ok, V);
    }

    @Test
    void otherMalformedData() {
        refused("");
        refused("c1");                 // never used
        refused("2a2a");               // trailing bytes
        refused("a2c328");             // invalid UTF-8
        refused("a3eda080");           // UTF-8 encoded surrogate
        refused("92c0");               // truncated array
        refused("cd01");               // truncated int
        refused("cb3ff8");             // truncated float
        refused("d73300");             // truncated ext
        refused("d5300102");           // complex of 2 bytes
        refused("82a95f5f636c6173735f5fae5079726f352e636f72652e555249a57374617465" + "05"); // URI with state 5
        refused("82a95f5f636c6173735f5fae5079726f352e636f72652e555249a57374617465" + "92a1780c"); // short state
        assertThrows(SerializeException.class, () -> MSGPACK.deserializeData(null, V));
    }

    @Test
    void forbiddenClassNamesArePyrosSecurityError() {
        // {'__class__': 'os.__system__', '__exception__': True, 'args': [], 'attributes': {}}
        String hex = "84a95f5f636c6173735f5fad6f732e5f5f73797374656d5f5fad5f5f657863657074696f6e5f5fc3a461726773"
                + "90aa6174747269627574657380";
        assertThrows(SecurityException.class, () -> MSGPACK.deserializeData(HexFormat.of().parseHex(hex), V));
    }

    @Test
    void malformedCalls() {
        for (String hex : List.of("2a", "93a16fa16d90", "95a16fa16d9080c0", "94c0a16d9080", "94a16f2a9080",
                "94a16fa16d2a80", "94a16fa16d90a178", "94a16fa16d90810102", "94a16fa16d90")) {
            byte[] data = HexFormat.of().parseHex(hex);
            assertThrows(SerializeException.class, () -> MSGPACK.deserializeCall(data, V), hex);
        }
        assertEquals("m", MSGPACK.deserializeCall(HexFormat.of().parseHex("94a16fa16dc0c0"), V).method(),
                "nil vargs are an empty argument list");
    }

    /** Every proper prefix of every golden payload is refused. */
    @Test
    void everyTruncatedVectorPayloadIsRefused() {
        int checked = 0;
        for (Vectors.Frame f : Vectors.allFrames("msgpack")) {
            byte[] p = f.payload();
            int step = Math.max(1, p.length / 64);
            for (int n = 0; n < p.length; n += step) {
                byte[] prefix = Arrays.copyOf(p, n);
                assertThrows(SerializeException.class, () -> MSGPACK.deserializeData(prefix, f.version()), f + " cut at " + n);
                checked++;
            }
        }
        assertTrue(checked > 5000, "prefixes: " + checked);
    }

    /** Random byte changes in golden payloads, and random garbage: a value or a SerializeException, nothing else. */
    @Test
    void mutatedPayloadsGiveAValueOrASerializeException() {
        Random random = new Random(4711);
        List<Vectors.Frame> frames = Vectors.allFrames("msgpack");
        int refused = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] data;
            if (i % 10 == 0) {
                data = new byte[1 + random.nextInt(40)];
                random.nextBytes(data);
            } else {
                data = frames.get(random.nextInt(frames.size())).payload().clone();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    int pos = random.nextInt(data.length);
                    data[pos] = random.nextInt(4) == 0 ? (byte) (0xc4 + random.nextInt(28)) : (byte) random.nextInt(256);
                }
            }
            try {
                MSGPACK.deserializeData(data, V);
                MSGPACK.deserializeCall(data, V);
            } catch (SerializeException | SecurityException expected) {
                refused++;
            } catch (Throwable t) {
                fail("unexpected " + t + " for " + HexFormat.of().formatHex(data), t);
            }
        }
        assertTrue(refused > 10_000, "refused " + refused);
    }
}
