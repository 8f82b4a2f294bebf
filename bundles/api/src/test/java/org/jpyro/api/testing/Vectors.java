package org.jpyro.api.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;

/**
 * Reads the golden conversations in {@code shared/vectors} (the directory in system property
 * {@code jpyro.vectors}, else {@code /work/shared/vectors}): the vector files of one serializer and the frames
 * whose payload that serializer wrote, each payload cut from the frame's wire bytes, inflated when it was
 * compressed, and checked against the hex/text the vector records for it.
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEFAULT_DIR = Paths.get("/work/shared/vectors");

    /** Serializer name: {Pyro4 id, Pyro5 id (-1: not in Pyro5), how many vector files there are at least}. */
    private static final Map<String, int[]> SERIALIZERS = Map.of(
            "serpent", new int[] {1, 1, 28},
            "json", new int[] {2, 3, 28},
            "marshal", new int[] {3, 2, 28},
            "msgpack", new int[] {6, 4, 28},
            "pickle", new int[] {4, -1, 15});

    /** One payload as it was on the wire (inflated when it was compressed), with where it came from. */
    public record Frame(String file, int index, int step, String direction, String type, ProtocolVersion version,
                        byte[] payload, String valueRepr, List<String> nondeterministic, String stepDescription,
                        JsonNode json) {
        /** The payload as UTF-8 text (serpent and json payloads are text). */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** Whether the client sent it. */
        public boolean c2s() {
            return direction.equals("c2s");
        }

        @Override
        public String toString() {
            return file + "#" + index + " (" + direction + " " + type + ", step " + step + ")";
        }
    }

    private Vectors() {
    }

    /** The vector directory; fails the test when it is not there. */
    public static Path dir() {
        String p = System.getProperty("jpyro.vectors");
        Path dir = p == null ? DEFAULT_DIR : Paths.get(p);
        if (!Files.isDirectory(dir)) {
            dir = DEFAULT_DIR;
        }
        assertTrue(Files.isDirectory(dir), "vector directory " + dir);
        return dir;
    }

    /** One vector file as a JSON tree. */
    public static JsonNode read(String file) {
        try {
            return JSON.readTree(dir().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code pyro4-<serializer>-*.json} and {@code pyro5-<serializer>-*.json} file name, sorted. */
    public static List<String> files(String serializer) {
        int[] known = known(serializer);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(), "pyro[45]-" + serializer + "-*.json")) {
            ds.forEach(f -> names.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        assertTrue(names.size() >= known[2], serializer + " vector files: " + names);
        return names;
    }

    /** The wire id of the serializer in that protocol version (-1 where the version has no such serializer). */
    public static int serializerId(String serializer, ProtocolVersion version) {
        return known(serializer)[version == ProtocolVersion.PYRO4 ? 0 : 1];
    }

    /** The frames of one file whose payload the serializer wrote (its wire id and a non-empty payload). */
    public static List<Frame> frames(String file, String serializer) {
        JsonNode root = read(file);
        ProtocolVersion version = ProtocolVersion.of(root.get("protocol_version").asInt());
        int id = serializerId(serializer, version);
        List<Frame> frames = new ArrayList<>();
        for (JsonNode f : root.get("frames")) {
            JsonNode header = f.get("header");
            JsonNode payload = f.get("payload");
            if (header.get("serializer_id").asInt() != id || payload == null || payload.get("length").asInt() == 0) {
                continue;
            }
            List<String> nondet = new ArrayList<>();
            f.path("nondeterministic").forEach(n -> nondet.add(n.asText()));
            int step = f.get("step").asInt();
            JsonNode repr = payload.get("value_repr");
            frames.add(new Frame(file, f.get("index").asInt(), step, f.get("direction").asText(),
                    header.get("msg_type_name").asText(), version, payloadBytes(f),
                    repr == null ? null : repr.asText(), nondet, stepDescription(root, step), f));
        }
        return frames;
    }

    /** Every frame of every vector file of the serializer. */
    public static List<Frame> allFrames(String serializer) {
        List<Frame> all = new ArrayList<>();
        for (String file : files(serializer)) {
            all.addAll(frames(file, serializer));
        }
        return all;
    }

    /** The frame with that index in that file. */
    public static Frame frame(String file, String serializer, int index) {
        for (Frame f : frames(file, serializer)) {
            if (f.index() == index) {
                return f;
            }
        }
        throw new AssertionError("no " + serializer + " frame " + index + " in " + file);
    }

    /** The first response (server to client) of that step, decoded. */
    public static Object response(Serializer serializer, List<Frame> frames, int step) {
        for (Frame f : frames) {
            if (!f.c2s() && f.step() == step) {
                return serializer.deserializeData(f.payload(), f.version());
            }
        }
        throw new AssertionError("no response for step " + step);
    }

    /** The first INVOKE of that step, decoded as a call. */
    public static Call call(Serializer serializer, List<Frame> frames, int step) {
        for (Frame f : frames) {
            if (f.c2s() && f.step() == step && f.type().equals("INVOKE")) {
                return serializer.deserializeCall(f.payload(), f.version());
            }
        }
        throw new AssertionError("no INVOKE for step " + step);
    }

    private static int[] known(String serializer) {
        int[] known = SERIALIZERS.get(serializer);
        if (known == null) {
            throw new IllegalArgumentException("no vectors for serializer " + serializer);
        }
        return known;
    }

    private static String stepDescription(JsonNode root, int step) {
        for (JsonNode s : root.path("steps")) {
            if (s.get("step").asInt() == step) {
                return s.path("description").asText("");
            }
        }
        return "";
    }

    /**
     * The payload bytes cut from the end of the frame's wire hex and checked against every form the vector
     * records: its hex or text, and when compressed the inflated length and hex or text.
     */
    private static byte[] payloadBytes(JsonNode frame) {
        JsonNode p = frame.get("payload");
        byte[] wire = HexFormat.of().parseHex(frame.get("hex").asText());
        int length = p.get("length").asInt();
        byte[] payload = Arrays.copyOfRange(wire, wire.length - length, wire.length);
        String where = frame.get("index") + " payload";
        assertRecorded(p, "hex", "text", payload, where);
        if (p.get("compressed").asBoolean()) {
            payload = inflate(payload);
            assertEquals(p.get("decompressed_length").asInt(), payload.length, where + " inflated length");
            assertRecorded(p, "decompressed_hex", "decompressed_text", payload, where + " inflated");
        }
        return payload;
    }

    private static void assertRecorded(JsonNode payload, String hexField, String textField, byte[] bytes, String where) {
        JsonNode hex = payload.get(hexField);
        JsonNode text = payload.get(textField);
        assertTrue(hex != null || text != null, where + ": neither " + hexField + " nor " + textField + " recorded");
        if (hex != null) {
            assertArrayEquals(HexFormat.of().parseHex(hex.asText()), bytes, where + " vs " + hexField);
        }
        if (text != null) {
            assertEquals(text.asText(), new String(bytes, StandardCharsets.UTF_8), where + " vs " + textField);
        }
    }

    private static byte[] inflate(byte[] data) {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated zlib data");
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
