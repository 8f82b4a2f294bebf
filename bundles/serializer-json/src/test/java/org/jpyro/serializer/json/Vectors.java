package org.jpyro.serializer.json;

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
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jpyro.api.ProtocolVersion;

/** Reads the json frames (Pyro4 id 2, Pyro5 id 3) of the golden conversations in {@code shared/vectors}. */
final class Vectors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One json payload as it was on the wire (decompressed), with where it came from. */
    record Frame(String file, int index, int step, String direction, String type, ProtocolVersion version,
                 byte[] payload, List<String> nondeterministic) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        boolean c2s() {
            return direction.equals("c2s");
        }

        @Override
        public String toString() {
            return file + "#" + index + " (" + direction + " " + type + ", step " + step + ")";
        }
    }

    private Vectors() {
    }

    static Path dir() {
        String p = System.getProperty("jpyro.vectors");
        Path dir = p == null ? Paths.get("/work/shared/vectors") : Paths.get(p);
        assertTrue(Files.isDirectory(dir), "vector directory " + dir);
        return dir;
    }

    /** Every {@code pyro4-json-*.json} and {@code pyro5-json-*.json} file name, sorted. */
    static List<String> jsonFiles() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(), "pyro[45]-json-*.json")) {
            ds.forEach(f -> names.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        assertTrue(names.size() >= 24, "json vector files: " + names);
        return names;
    }

    /** The frames of one file whose payload is json (the file's serializer id and a payload). */
    static List<Frame> jsonFrames(String file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(dir().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProtocolVersion version = ProtocolVersion.of(root.get("protocol_version").asInt());
        int jsonId = version == ProtocolVersion.PYRO4 ? 2 : 3;
        List<Frame> frames = new ArrayList<>();
        for (JsonNode f : root.get("frames")) {
            JsonNode header = f.get("header");
            JsonNode payload = f.get("payload");
            if (header.get("serializer_id").asInt() != jsonId || payload == null || payload.get("length").asInt() == 0) {
                continue;
            }
            List<String> nondet = new ArrayList<>();
            if (f.has("nondeterministic")) {
                f.get("nondeterministic").forEach(n -> nondet.add(n.asText()));
            }
            frames.add(new Frame(file, f.get("index").asInt(), f.get("step").asInt(), f.get("direction").asText(),
                    header.get("msg_type_name").asText(), version, payloadBytes(f), nondet));
        }
        return frames;
    }

    /** Every json frame of every json vector file. */
    static List<Frame> allJsonFrames() {
        List<Frame> all = new ArrayList<>();
        for (String file : jsonFiles()) {
            all.addAll(jsonFrames(file));
        }
        return all;
    }

    private static byte[] payloadBytes(JsonNode frame) {
        JsonNode p = frame.get("payload");
        byte[] wire = HexFormat.of().parseHex(frame.get("hex").asText());
        int length = p.get("length").asInt();
        byte[] payload = Arrays.copyOfRange(wire, wire.length - length, wire.length);
        if (p.get("compressed").asBoolean()) {
            assertArrayEquals(HexFormat.of().parseHex(p.get("hex").asText()), payload);
            payload = inflate(payload);
            assertEquals(p.get("decompressed_length").asInt(), payload.length);
            assertEquals(p.get("decompressed_text").asText(), new String(payload, StandardCharsets.UTF_8));
        } else {
            assertEquals(p.get("text").asText(), new String(payload, StandardCharsets.UTF_8));
        }
        return payload;
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
