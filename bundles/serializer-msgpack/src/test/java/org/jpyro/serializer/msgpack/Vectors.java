package org.jpyro.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/** The msgpack payloads of the golden conversations in {@code shared/vectors}. */
final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One msgpack payload as it was on the wire (inflated when it was compressed). */
    record Frame(String file, int index, int step, String direction, String type, ProtocolVersion version,
                 byte[] payload, String valueRepr, List<String> nondeterministic) {
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
        if (!Files.isDirectory(dir)) {
            dir = Paths.get("/work/shared/vectors");
        }
        assertTrue(Files.isDirectory(dir), "vector directory " + dir);
        return dir;
    }

    static JsonNode read(String file) {
        try {
            return JSON.readTree(dir().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code pyro4-msgpack-*.json} and {@code pyro5-msgpack-*.json}, sorted. */
    static List<String> msgpackFiles() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(), "pyro[45]-msgpack-*.json")) {
            ds.forEach(f -> names.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        assertEquals(28, names.size(), "msgpack vector files: " + names);
        return names;
    }

    /** The frames of one file whose payload is msgpack (Pyro4 id 6 / Pyro5 id 4, non-empty payload). */
    static List<Frame> frames(String file) {
        JsonNode root = read(file);
        ProtocolVersion version = ProtocolVersion.of(root.get("protocol_version").asInt());
        int id = version == ProtocolVersion.PYRO4 ? MsgpackSerializer.PYRO4_ID : MsgpackSerializer.PYRO5_ID;
        List<Frame> frames = new ArrayList<>();
        for (JsonNode f : root.get("frames")) {
            JsonNode header = f.get("header");
            JsonNode payload = f.get("payload");
            if (header.get("serializer_id").asInt() != id || payload == null || payload.get("length").asInt() == 0) {
                continue;
            }
            List<String> nondet = new ArrayList<>();
            if (f.has("nondeterministic")) {
                f.get("nondeterministic").forEach(n -> nondet.add(n.asText()));
            }
            frames.add(new Frame(file, f.get("index").asInt(), f.get("step").asInt(), f.get("direction").asText(),
                    header.get("msg_type_name").asText(), version, payloadBytes(f), payload.path("value_repr").asText(),
                    nondet));
        }
        return frames;
    }

    /** Every msgpack frame of every msgpack vector file. */
    static List<Frame> allFrames() {
        List<Frame> all = new ArrayList<>();
        for (String file : msgpackFiles()) {
            all.addAll(frames(file));
        }
        return all;
    }

    /** The payload bytes cut from the frame's hex (inflated when compressed), checked against the recorded hex. */
    private static byte[] payloadBytes(JsonNode frame) {
        JsonNode p = frame.get("payload");
        byte[] wire = HexFormat.of().parseHex(frame.get("hex").asText());
        int length = p.get("length").asInt();
        byte[] payload = Arrays.copyOfRange(wire, wire.length - length, wire.length);
        assertArrayEquals(HexFormat.of().parseHex(p.get("hex").asText()), payload);
        if (p.get("compressed").asBoolean()) {
            payload = inflate(payload);
            assertEquals(p.get("decompressed_length").asInt(), payload.length);
            assertArrayEquals(HexFormat.of().parseHex(p.get("decompressed_hex").asText()), payload);
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
