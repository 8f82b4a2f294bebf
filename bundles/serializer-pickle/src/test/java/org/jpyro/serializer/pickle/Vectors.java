package org.jpyro.serializer.pickle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the pickle frames (serializer id 4) of the golden Pyro4 conversations in {@code shared/vectors}. */
final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One pickle payload as it was on the wire (decompressed), with where it came from. */
    record Frame(String file, int index, int step, String direction, String type, byte[] payload,
                 List<String> nondeterministic, JsonNode json) {
        boolean c2s() {
            return direction.equals("c2s");
        }

        String valueRepr() {
            JsonNode p = json.get("payload");
            return p.has("value_repr") ? p.get("value_repr").asText() : null;
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

    static JsonNode read(String file) {
        try {
            return JSON.readTree(dir().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code pyro4-pickle-*.json} plus {@code pyro4-serializer-not-accepted.json}, sorted. */
    static List<String> pickleFiles() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(), "pyro4-pickle-*.json")) {
            ds.forEach(f -> names.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        assertTrue(names.size() >= 15, "pickle vector files: " + names);
        names.add("pyro4-serializer-not-accepted.json");
        return names;
    }

    /** The frames of one file whose payload is a pickle (serializer id 4 and a payload). */
    static List<Frame> pickleFrames(String file) {
        JsonNode root = read(file);
        List<Frame> frames = new ArrayList<>();
        for (JsonNode f : root.get("frames")) {
            JsonNode h = f.get("header");
            JsonNode p = f.get("payload");
            if (h.get("serializer_id").asInt() != 4 || p == null || p.get("length").asInt() == 0
                    || h.get("msg_type_name").asText().equals("PING")) {
                continue;
            }
            byte[] payload;
            if (p.get("compressed").asBoolean()) {
                payload = inflate(HexFormat.of().parseHex(p.get("hex").asText()));
            } else {
                payload = HexFormat.of().parseHex(p.get("hex").asText());
            }
            List<String> nd = new ArrayList<>();
            if (f.has("nondeterministic")) {
                f.get("nondeterministic").forEach(n -> nd.add(n.asText()));
            }
            frames.add(new Frame(file, f.get("index").asInt(), f.get("step").asInt(), f.get("direction").asText(),
                    h.get("msg_type_name").asText(), payload, nd, f));
        }
        return frames;
    }

    /** The frame of that index in that file. */
    static Frame frame(String file, int index) {
        for (Frame f : pickleFrames(file)) {
            if (f.index() == index) {
                return f;
            }
        }
        throw new AssertionError("no pickle frame " + index + " in " + file);
    }

    private static byte[] inflate(byte[] data) {
        Inflater inf = new Inflater();
        inf.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inf.end();
        }
        return out.toByteArray();
    }
}
