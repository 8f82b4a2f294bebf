package org.jpyro.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.Test;

/** Broken input of every kind is a SerializeException, quickly: never a hang, OOM or another exception type. */
class MalformedPayloadTest {
    private static final JsonSerializer JSON = new JsonSerializer();
    private static final ProtocolVersion V = ProtocolVersion.PYRO5;

    private static void refusedAsData(String text) {
        refusedAsData(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void refusedAsData(byte[] data) {
        assertThrows(SerializeException.class, () -> JSON.deserializeData(data, V), () -> new String(data,
                StandardCharsets.UTF_8));
    }

    private static void refusedAsCall(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        assertThrows(SerializeException.class, () -> JSON.deserializeCall(data, V), text);
    }

    @Test
    void invalidJson() {
        for (String bad : List.of("", " ", "{", "[", "[1,", "[1 2]", "{\"a\" 1}", "{\"a\": }", "{1: 2}", "01", "1.",
                ".5", "+1", "tru", "nul", "\"abc", "\"a\\x\"", "\"\\u12\"", "[1]]", "1 2", "{\"a\": 1} x", "nan",
                "\"tab\there\"", "'single'", "[1,]", "{\"a\":1,}", "\u0000")) {
            refusedAsData(bad);
        }
        refusedAsData(new byte[] {'"', (byte) 0xff, '"'});
        refusedAsData(new byte[] {'"', (byte) 0xc3, '"'});
    }

    @Test
    void invalidCalls() {
        for (String bad : List.of("[]", "1", "null", "{}", "{\"object\": \"o\", \"method\": \"m\", \"params\": []}",
                "{\"object\": 1, \"method\": \"m\", \"params\": [], \"kwargs\": {}}",
                "{\"object\": \"o\", \"method\": null, \"params\": [], \"kwargs\": {}}",
                "{\"object\": \"o\", \"method\": \"m\", \"params\": {}, \"kwargs\": {}}",
                "{\"object\": \"o\", \"method\": \"m\", \"params\": null, \"kwargs\": {}}",
                "{\"object\": \"o\", \"method\": \"m\", \"params\": [], \"kwargs\": []}",
                "{\"object\": \"o\", \"method\": \"m\", \"params\": [], \"kwargs\": {}} []",
                "{\"object\": \"o\", \"method\": \"m\", \"params\": [1, \"kwargs\": {}}")) {
            refusedAsCall(bad);
        }
        // keys in any order, unknown keys ignored (as in Python)
        assertEquals("m", JSON.deserializeCall(("{\"kwargs\": null, \"x\": 1, \"params\": [1], \"method\": \"m\", "
                + "\"object\": \"o\"}").getBytes(StandardCharsets.UTF_8), V).method());
    }

    @Test
    void malformedPyroClassDicts() {
        refusedAsData("{\"__class__\": \"Pyro5.core.URI\", \"state\": 5}");
        refusedAsData("{\"__class__\": \"Pyro5.core.URI\", \"state\": [\"PYRO\"]}");
        refusedAsData("{\"__class__\": \"Pyro4.core.URI\", \"state\": [1, 2, 3, 4, 5]}");
        refusedAsData("{\"__class__\": \"Pyro5.client.Proxy\", \"state\": [\"not a uri\", [], [], [], null, null]}");
        refusedAsData("{\"__class__\": \"Pyro4.core.Proxy\", \"state\": [\"PYRO:o@h:1\", [], [], [], 0.0, \"b64:!!\", null, 0, null]}");
        refusedAsData("{\"__class__\": \"Pyro5.core._ExceptionWrapper\", \"exception\": 1}");
        // a class name with double underscores is a security refusal, as in Pyro
        assertThrows(SecurityException.class, () -> JSON.deserializeData(
                "{\"__class__\": \"os.__evil__\", \"__exception__\": true, \"args\": []}".getBytes(StandardCharsets.UTF_8), V));
    }

    @Test
    void limitsAreEnforcedBeforeAnythingBig() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            refusedAsData("[".repeat(100_000));
            refusedAsData("[".repeat(1001) + "]".repeat(1001));
            refusedAsData("{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
            refusedAsData("1" + "0".repeat(5000));
            refusedAsCall("{\"object\": \"o\", \"method\": \"m\", \"params\": " + "[".repeat(20_000));
        });
        String deepest = "[".repeat(999) + "]".repeat(999);
        assertEquals(1, ((List<?>) JSON.deserializeData(deepest.getBytes(StandardCharsets.UTF_8), V)).size());
        String bigInt = "9".repeat(4300);
        assertEquals(new BigInteger(bigInt), JSON.deserializeData(bigInt.getBytes(StandardCharsets.UTF_8), V));
    }

    /** Random corruptions of real payloads (fixed seed): each one decodes or fails with a SerializeException. */
    @Test
    void randomCorruptionsOfRealPayloads() {
        Random random = new Random(0xbadc0deL);
        List<Vectors.Frame> frames = Vectors.allFrames("json");
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] data = frames.get(random.nextInt(frames.size())).payload().clone();
            if (data.length == 0) {
                continue;
            }
            switch (random.nextInt(4)) {
                case 0:
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                    break;
                case 1:
                    data = java.util.Arrays.copyOf(data, random.nextInt(data.length));
                    break;
                case 2:
                    int at = random.nextInt(data.length);
                    data[at] = "[]{}\",:0-eE.\\".getBytes(StandardCharsets.US_ASCII)[random.nextInt(13)];
                    break;
                default:
                    for (int k = 0; k < 4; k++) {
                        data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                    }
                    break;
            }
            try {
                if (random.nextBoolean()) {
                    JSON.deserializeData(data, V);
                } else {
                    JSON.deserializeCall(data, ProtocolVersion.PYRO4);
                }
            } catch (SerializeException | SecurityException e) {
                refused++;
            }
        }
        assertEquals(true, refused > 5_000, "refused: " + refused);
    }
}
