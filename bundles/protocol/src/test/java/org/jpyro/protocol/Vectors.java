package org.jpyro.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jpyro.api.ProtocolVersion;

/** The golden frames of {@code /work/shared/vectors}: loading and the expected values of one frame. */
final class Vectors {
    static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile List<VectorFile> files;

    private Vectors() {
    }

    /** The vectors directory: system property {@code jpyro.vectors}, else {@code /work/shared/vectors}. */
    static Path dir() {
        String prop = System.getProperty("jpyro.vectors");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop);
        }
        return Paths.get("/work/shared/vectors");
    }

    /** Every {@code pyro4-*}/{@code pyro5-*} transcript, sorted by name. */
    static List<VectorFile> files() {
        List<VectorFile> f = files;
        if (f == null) {
            f = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir())) {
                for (Path p : s.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.startsWith("pyro") && name.endsWith(".json")) {
                        f.add(new VectorFile(name, JSON.readTree(p.toFile())));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertTrue(f.size() > 100, "expected the golden vector files in " + dir() + ", found " + f.size());
            files = f;
        }
        return f;
    }

    /** All frames of all files. */
    static List<VectorFrame> frames() {
        List<VectorFrame> all = new ArrayList<>();
        for (VectorFile f : files()) {
            all.addAll(f.frames());
        }
        return all;
    }

    /** The first frame matching a predicate (the test fails if there is none). */
    static VectorFrame find(String file, java.util.function.Predicate<VectorFrame> p) {
        for (VectorFile f : files()) {
            if (f.name().equals(file)) {
                for (VectorFrame fr : f.frames()) {
                    if (p.test(fr)) {
                        return fr;
                    }
                }
            }
        }
        throw new AssertionError("no such vector frame in " + file);
    }

    /** One transcript file. */
    record VectorFile(String name, JsonNode root) {
        List<VectorFrame> frames() {
            List<VectorFrame> list = new ArrayList<>();
            for (JsonNode fr : root.get("frames")) {
                list.add(new VectorFrame(this, fr));
            }
            return list;
        }

        ProtocolVersion version() {
            return ProtocolVersion.of(root.get("protocol_version").asInt());
        }
    }

    /** One recorded frame and what it should decode to. */
    record VectorFrame(VectorFile file, JsonNode node) {
        @Override
        public String toString() {
            return file.name() + "#" + index();
        }

        int index() {
            return node.get("index").asInt();
        }

        int connection() {
            return node.get("connection").asInt();
        }

        String direction() {
            return node.get("direction").asText();
        }

        byte[] bytes() {
            return HEX.parseHex(node.get("hex").asText());
        }

        JsonNode header() {
            return node.get("header");
        }

        ProtocolVersion version() {
            return ProtocolVersion.of(header().get("protocol_version").asInt());
        }

        int type() {
            return header().get("msg_type").asInt();
        }

        /** Neutral flags from the recorded flag names. */
        int neutralFlags() {
            int f = 0;
            for (JsonNode n : header().get("flag_names")) {
                f |= flag(n.asText());
            }
            return f;
        }

        /** Annotation keys in wire order. */
        List<String> annotationOrder() {
            List<String> keys = new ArrayList<>();
            for (JsonNode n : node.get("annotation_order")) {
                keys.add(n.asText());
            }
            return keys;
        }

        byte[] annotation(String key) {
            JsonNode v = node.get("annotations").get(key);
            return v == null ? null : HEX.parseHex(v.asText());
        }

        Set<String> nondeterministic() {
            Set<String> s = new TreeSet<>();
            JsonNode n = node.get("nondeterministic");
            if (n != null) {
                n.forEach(x -> s.add(x.asText()));
            }
            return s;
        }

        boolean compressed() {
            return node.get("payload").get("compressed").asBoolean();
        }

        /** The payload as sent (compressed bytes for compressed frames). */
        byte[] payloadAsSent() {
            JsonNode p = node.get("payload");
            if (p.has("hex")) {
                return HEX.parseHex(p.get("hex").asText());
            }
            return p.get("text").asText().getBytes(StandardCharsets.UTF_8);
        }

        /** The uncompressed payload. */
        byte[] payload() {
            JsonNode p = node.get("payload");
            if (p.get("compressed").asBoolean()) {
                if (p.has("decompressed_text")) {
                    return p.get("decompressed_text").asText().getBytes(StandardCharsets.UTF_8);
                }
                return HEX.parseHex(p.get("decompressed_hex").asText());
            }
            return payloadAsSent();
        }

        /** The recorded HMAC key of this frame (frame's own, else the file's), or {@code null}. */
        byte[] hmacKey() {
            JsonNode k = node.get("hmac_key_utf8");
            if (k == null) {
                k = file.root().get("hmac_key_utf8");
            }
            return k == null ? null : k.asText().getBytes(StandardCharsets.UTF_8);
        }

        /** The key to decode with: the recorded key when the frame carries an HMAC, else none. */
        byte[] decodeKey() {
            return annotation("HMAC") != null ? hmacKey() : null;
        }

        /** Options that decode this frame (no limit, its key). */
        WireOptions decodeOptions() {
            return new WireOptions(Integer.MAX_VALUE, false, decodeKey());
        }

        /** Options that re-encode this frame: compression as recorded, its key. */
        WireOptions encodeOptions() {
            return new WireOptions(Integer.MAX_VALUE, compressed(), decodeKey());
        }

        /** Pyro5 correlation uuid from the header. */
        UUID headerCorrelationUuid() {
            return UUID.fromString(header().get("correlation_uuid").asText());
        }
    }

    /** The neutral flag for a recorded flag name. */
    static int flag(String name) {
        switch (name) {
            case "EXCEPTION": return Flags.EXCEPTION;
            case "COMPRESSED": return Flags.COMPRESSED;
            case "ONEWAY": return Flags.ONEWAY;
            case "BATCH": return Flags.BATCH;
            case "ITEMSTREAMRESULT": return Flags.ITEMSTREAMRESULT;
            case "KEEPSERIALIZED": return Flags.KEEPSERIALIZED;
            case "CORR_ID": return Flags.CORR_ID;
            case "META_ON_CONNECT": return Flags.META_ON_CONNECT;
            default: throw new AssertionError("unknown flag name " + name);
        }
    }

    /** UUID from 16 big-endian bytes. */
    static UUID uuid(byte[] b) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[i] & 0xFF);
            lo = lo << 8 | (b[i + 8] & 0xFF);
        }
        return new UUID(hi, lo);
    }
}
