package org.jpyro.serializer.marshal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** The marshal frames of the golden conversations in {@code shared/vectors}. */
final class MarshalVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One marshal payload as it was on the wire (inflated), with where it came from. */
    record Frame(String file, int index, int step, String direction, String type, ProtocolVersion version,
                 byte[] payload, String valueRepr, List<String> nondeterministic, String stepDescription) {
        boolean c2s() {
            return direction.equals("c2s");
        }

        @Override
        public String toString() {
            return file + "#" + index + " (" + direction + " " + type + ", step " + step + ")";
        }
    }

    private MarshalVectors() {
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

    static List<String> files() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(), "pyro[45]-marshal-*.json")) {
            ds.forEach(f -> names.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        assertTrue(names.size() >= 28, "marshal vector files: " + names);
        return names;
    }

    /** Every frame with a marshal payload (serializer id of marshal in that protocol version). */
    static List<Frame> all() {
        List<Frame> all = new ArrayList<>();
        for (String file : files()) {
            JsonNode root;
            try {
                root = JSON.readTree(dir().resolve(file).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProtocolVersion version = ProtocolVersion.of(root.get("protocol_version").asInt());
            int id = version == ProtocolVersion.PYRO4 ? 3 : 2;
            for (JsonNode f : root.get("frames")) {
                JsonNode header = f.get("header");
                JsonNode payload = f.get("payload");
                if (header.get("serializer_id").asInt() != id || payload == null
                        || payload.get("length").asInt() == 0) {
                    continue;
                }
                List<String> nondet = new ArrayList<>();
                if (f.has("nondeterministic")) {
                    f.get("nondeterministic").forEach(n -> nondet.add(n.asText()));
                }
                int step = f.get("step").asInt();
                String description = "";
                for (JsonNode s : root.get("steps")) {
                    if (s.get("step").asInt() == step) {
                        description = s.get("description").asText();
                    }
                }
                JsonNode repr = payload.get("value_repr");
                all.add(new Frame(file, f.get("index").asInt(), step, f.get("direction").asText(),
                        header.get("msg_type_name").asText(), version, payloadBytes(f),
                        repr == null ? null : repr.asText(), nondet, description));
            }
        }
        return all;
    }

    private static byte[] payloadBytes(JsonNode frame) {
        JsonNode p = frame.get("payload");
        byte[] wire = HexFormat.of().parseHex(frame.get("hex").asText());
        int length = p.get("length").asInt();
        byte[] payload = Arrays.copyOfRange(wire, wire.length - length, wire.length);
        if (p.get("compressed").asBoolean()) {
            payload = inflate(payload);
            assertArrayEquals(HexFormat.of().parseHex(p.get("decompressed_hex").asText()), payload);
        } else {
            assertArrayEquals(HexFormat.of().parseHex(p.get("hex").asText()), payload);
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
