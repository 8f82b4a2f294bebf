package org.jpyro.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jpyro.api.ProtocolVersion;

/** The golden Pyro session captures of {@code /work/shared/vectors}, as a test needs them. */
final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {
    }

    /** The vector directory: system property {@code jpyro.vectors}, else {@code /work/shared/vectors}. */
    static Path dir() {
        String p = System.getProperty("jpyro.vectors");
        Path dir = p != null && Files.isDirectory(Path.of(p)) ? Path.of(p) : Path.of("/work/shared/vectors");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("vector directory not found: " + dir);
        }
        return dir;
    }

    /** One captured frame. */
    record Frame(int index, int connection, boolean clientToServer, int step, byte[] bytes, Set<String> nondeterministic,
                 String messageType) {
    }

    /** One capture file. */
    record Capture(String name, ProtocolVersion version, List<Frame> frames, List<Boolean> serverClosesFirst) {

        /** Connections in order, 1-based numbering as in the file. */
        int connections() {
            return serverClosesFirst.size();
        }
    }

    static Capture load(String name) {
        try {
            JsonNode root = JSON.readTree(dir().resolve(name + ".json").toFile());
            ProtocolVersion version = ProtocolVersion.of(root.get("protocol_version").asInt());
            List<Frame> frames = new ArrayList<>();
            for (JsonNode f : root.get("frames")) {
                Set<String> nd = new TreeSet<>();
                if (f.has("nondeterministic")) {
                    f.get("nondeterministic").forEach(n -> nd.add(n.asText()));
                }
                frames.add(new Frame(f.get("index").asInt(), f.get("connection").asInt(),
                        f.get("direction").asText().equals("c2s"), f.get("step").asInt(),
                        HexFormat.of().parseHex(f.get("hex").asText()), nd,
                        f.get("header").get("msg_type_name").asText()));
            }
            List<Boolean> serverCloses = new ArrayList<>();
            for (JsonNode c : root.get("connections")) {
                JsonNode closed = c.get("closed");
                serverCloses.add(closed.size() > 0 && closed.get(0).asText().startsWith("s2c"));
            }
            return new Capture(name, version, frames, serverCloses);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
