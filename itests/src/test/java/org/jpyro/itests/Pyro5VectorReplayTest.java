package org.jpyro.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.PyroURI;
import org.jpyro.daemon.Daemon;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.razorvine.serpent.Parser;

/**
 * Replays the recorded Pyro5 serpent conversations of {@code shared/vectors} (client frames, byte for byte, with
 * stream ids substituted) against a jpyro daemon serving {@link VecService} and {@link VecChild}, and compares
 * every reply with the recorded Python daemon's reply semantically (shared/vectors/README.md, "How a test should
 * use them", 4.): message type, flags, sequence number, serializer id, annotation keys, and the payload decoded by
 * an independent serpent parser (Razorvine's), with the README's rules for what legitimately varies.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Pyro5VectorReplayTest {
    /**
     * The conversations to replay. bundles/daemon's VectorReplayTest already replays handshake, exception, oneway,
     * batch, stream, properties, kwargs, daemon-object and ping (Pyro4 and Pyro5, with jpyro's own codec); this
     * covers what it leaves out: the 43 value types of {@code values}, judged by independent decoders.
     */
    static final List<String> SCENARIOS = List.of("values");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ONEWAY_SETTLE_MILLIS = 250;

    static Path vectors() {
        String dir = System.getProperty("jpyro.vectors");
        Path p = dir == null ? Path.of("/work/shared/vectors") : Path.of(dir);
        return Files.isDirectory(p) ? p : Path.of("/work/shared/vectors");
    }

    @TestFactory
    Stream<DynamicTest> replayPyro5SerpentConversations() {
        return SCENARIOS.stream().map(s -> DynamicTest.dynamicTest("pyro5-serpent-" + s,
                () -> replay(JSON.readTree(vectors().resolve("pyro5-serpent-" + s + ".json").toFile()))));
    }

    private static void replay(JsonNode vector) throws Exception {
        VecChild child = new VecChild();
        try (Daemon daemon = new Daemon("127.0.0.1", 0)) {
            daemon.register(new VecService(child), VecService.OBJECT_ID);
            daemon.register(child, VecChild.OBJECT_ID);
            daemon.start();
            PyroURI uri = daemon.uri();
            new Conversation(vector, uri.host(), uri.port(), daemon.locationStr()).run();
        }
    }

    /** One recorded file played against one daemon. */
    private static final class Conversation {
        private final JsonNode vector;
        private final String host;
        private final int port;
        private final String recordedLocation;
        private final String location;
        private final Map<Integer, Socket> sockets = new HashMap<>();
        private final Map<String, String> streamIds = new HashMap<>();
        private final Map<Integer, Pyro5Frame> lastRequest = new HashMap<>();

        Conversation(JsonNode vector, String host, int port, String location) {
            this.vector = vector;
            this.host = host;
            this.port = port;
            this.location = location;
            this.recordedLocation = vector.get("connections").get(0).get("daemon_location").asText();
        }

        void run() throws Exception {
            try {
                for (JsonNode frame : vector.get("frames")) {
                    int connection = frame.get("connection").asInt();
                    String what = vector.get("name").asText() + " frame " + frame.get("index").asInt() + " (step "
                            + frame.get("step").asInt() + ": " + stepDescription(frame.get("step").asInt()) + ")";
                    if (frame.get("direction").asText().equals("c2s")) {
                        send(connection, frame);
                    } else {
                        Pyro5Frame actual;
                        try {
                            actual = Pyro5Frame.read(socket(connection).getInputStream());
                        } catch (SocketTimeoutException | EOFException e) {
                            throw new AssertionError(what + ": no reply from the daemon: " + e, e);
                        }
                        compare(what, frame, actual, lastRequest.get(connection));
                        if (actual.type() == Pyro5Frame.CONNECTFAIL) {
                            assertClosedByDaemon(what, socket(connection));
                        }
                    }
                }
            } finally {
                for (Socket s : sockets.values()) {
                    s.close();
                }
            }
        }

        private String stepDescription(int step) {
            for (JsonNode s : vector.get("steps")) {
                if (s.get("step").asInt() == step) {
                    return s.get("description").asText();
                }
            }
            return "?";
        }

        private Socket socket(int connection) throws IOException {
            Socket s = sockets.get(connection);
            if (s == null) {
                s = new Socket(host, port);
                s.setSoTimeout(10_000);
                s.setTcpNoDelay(true);
                sockets.put(connection, s);
            }
            return s;
        }

        private void send(int connection, JsonNode recorded) throws IOException {
            Pyro5Frame frame = Pyro5Frame.parse(HexFormat.of().parseHex(recorded.get("hex").asText()));
            if (nondeterministic(recorded).contains("payload.stream_id")) {
                String text = frame.payloadText();
                for (Map.Entry<String, String> id : streamIds.entrySet()) {
                    text = text.replace(id.getKey(), id.getValue());
                }
                frame = frame.withPayload(text.getBytes(StandardCharsets.UTF_8));
            }
            lastRequest.put(connection, frame);
            socket(connection).getOutputStream().write(frame.toBytes());
            if ((frame.flags() & Pyro5Frame.FLAG_ONEWAY) != 0) {
                // Pyro runs oneway calls on another thread, so nothing orders them before the next request; the
                // recording shows the oneway call done first (e.g. store() then stored()), so give it that time.
                sleep(ONEWAY_SETTLE_MILLIS);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Set<String> nondeterministic(JsonNode frame) {
            Set<String> items = new java.util.HashSet<>();
            frame.path("nondeterministic").forEach(n -> items.add(n.asText()));
            return items;
        }

        private void compare(String what, JsonNode recorded, Pyro5Frame actual, Pyro5Frame request) {
            Pyro5Frame expected = Pyro5Frame.parse(HexFormat.of().parseHex(recorded.get("hex").asText()));
            Set<String> varies = nondeterministic(recorded);
            String context = what + "\n  expected " + expected + "\n  actual   " + actual;
            assertEquals(expected.type(), actual.type(), "message type; " + context);
            assertEquals(expected.flags(), actual.flags(), "flags; " + context);
            assertEquals(expected.seq(), actual.seq(), "seq; " + context);
            assertEquals(expected.serializerId(), actual.serializerId(), "serializer id; " + context);
            assertEquals(expected.annotations().keySet(), actual.annotations().keySet(), "annotation keys; " + context);
            if ((actual.flags() & Pyro5Frame.FLAG_CORR_ID) != 0) {
                assertEquals(16, actual.correlationId().length);
                boolean adopted = request != null && (request.flags() & Pyro5Frame.FLAG_CORR_ID) != 0;
                if (adopted || !varies.contains("header.correlation_id")) {
                    assertTrue(Arrays.equals(request != null && adopted ? request.correlationId() : expected.correlationId(),
                            actual.correlationId()), "correlation id; " + context);
                } else {
                    assertFalse(Arrays.equals(new byte[16], actual.correlationId()), "generated correlation id is all zero; " + context);
                }
            }
            byte[] strm = actual.annotations().get("STRM");
            if (strm != null) {
                assertEquals(36, strm.length, "STRM is a uuid4 text; " + context);
                streamIds.put(new String(expected.annotations().get("STRM"), StandardCharsets.US_ASCII),
                        new String(strm, StandardCharsets.US_ASCII));
            }
            if (expected.serializerId() != 1) {
                assertEquals(expected.payloadText(), actual.payloadText(), "raw payload; " + context);
                return;
            }
            Object actualValue = new Parser().parse(actual.payload()).getData();
            if (varies.contains("payload.daemon_info")) {
                assertTrue(actualValue instanceof String && ((String) actualValue).contains(location), "info() text; " + context);
                return;
            }
            String expectedText = expected.payloadText().replace(recordedLocation, location);
            Object expectedValue = new Parser().parse(expectedText.getBytes(StandardCharsets.UTF_8)).getData();
            SerpentSemantics.assertEquivalent(expectedValue, actualValue, "payload", context);
        }

        private static void assertClosedByDaemon(String what, Socket socket) throws IOException {
            socket.setSoTimeout(5000);
            try {
                assertEquals(-1, socket.getInputStream().read(), what + ": daemon sent more after CONNECTFAIL");
            } catch (SocketException reset) {
                // connection reset: closed as well
            } catch (SocketTimeoutException e) {
                fail(what + ": the daemon did not close the connection after CONNECTFAIL");
            }
        }
    }

    /** The comparison rules for decoded serpent payloads, exposed for their own unit test. */
    static final class SerpentSemantics {
        private SerpentSemantics() {
        }

        static void assertEquivalent(Object expected, Object actual, String path, String context) {
            if (expected == null || actual == null) {
                assertEquals(expected, actual, path + "; " + context);
            } else if (expected instanceof Map && ((Map<?, ?>) expected).containsKey("__exception__")) {
                assertException((Map<?, ?>) expected, actual, path, context);
            } else if (expected instanceof Map) {
                assertTrue(actual instanceof Map, path + " is not a dict; " + context);
                Map<?, ?> e = (Map<?, ?>) expected;
                Map<?, ?> a = (Map<?, ?>) actual;
                assertEquals(e.keySet(), a.keySet(), path + " keys; " + context);
                e.forEach((k, v) -> assertEquivalent(v, a.get(k), path + "[" + k + "]", context));
            } else if (expected instanceof Object[]) {
                assertTrue(actual instanceof Object[], path + " is not a tuple: " + actual + "; " + context);
                assertSequence(Arrays.asList((Object[]) expected), Arrays.asList((Object[]) actual), path, context);
            } else if (expected instanceof List) {
                assertTrue(actual instanceof List, path + " is not a list: " + actual + "; " + context);
                assertSequence((List<?>) expected, (List<?>) actual, path, context);
            } else {
                assertEquals(expected.getClass(), actual.getClass(), path + " type; " + context);
                assertEquals(expected, actual, path + "; " + context);
            }
        }

        private static void assertSequence(List<?> expected, List<?> actual, String path, String context) {
            assertEquals(expected.size(), actual.size(), path + " length; " + context);
            for (int i = 0; i < expected.size(); i++) {
                assertEquivalent(expected.get(i), actual.get(i), path + "[" + i + "]", context);
            }
        }

        /** Class name, args and attribute names must match; a recorded traceback needs a list of strings. */
        private static void assertException(Map<?, ?> expected, Object actual, String path, String context) {
            assertTrue(actual instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) actual).get("__exception__")),
                    path + " is not an exception; " + context);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(expected.get("__class__"), a.get("__class__"), path + " exception class; " + context);
            assertEquivalent(expected.get("args"), a.get("args"), path + ".args", context);
            Map<?, ?> ea = (Map<?, ?>) expected.get("attributes");
            Map<?, ?> aa = (Map<?, ?>) a.get("attributes");
            assertNotNull(aa, path + " has no attributes; " + context);
            assertEquals(ea.keySet(), aa.keySet(), path + " attribute names; " + context);
            for (Map.Entry<?, ?> e : ea.entrySet()) {
                if (e.getKey().equals("_pyroTraceback")) {
                    if (e.getValue() != null) {
                        Object tb = aa.get("_pyroTraceback");
                        assertTrue(tb instanceof List && !((List<?>) tb).isEmpty()
                                && ((List<?>) tb).stream().allMatch(String.class::isInstance),
                                path + " _pyroTraceback is not a list of strings: " + tb + "; " + context);
                    }
                } else {
                    assertEquivalent(e.getValue(), aa.get(e.getKey()), path + ".attributes[" + e.getKey() + "]", context);
                }
            }
        }
    }

    /** The rules must be able to fail: a changed arg, a lost traceback and a tuple turned list are caught. */
    @org.junit.jupiter.api.Test
    void semanticsRejectDifferences() {
        Object exc = new Parser().parse("{'__class__':'builtins.ValueError','__exception__':True,'args':('x',1),"
                + "'attributes':{'_pyroTraceback':['a\\n']}}").getData();
        Object otherArgs = new Parser().parse("{'__class__':'builtins.ValueError','__exception__':True,'args':('x',2),"
                + "'attributes':{'_pyroTraceback':['b\\n','c\\n']}}").getData();
        Object noTraceback = new Parser().parse("{'__class__':'builtins.ValueError','__exception__':True,'args':('x',1),"
                + "'attributes':{'_pyroTraceback':None}}").getData();
        Object sameButOtherTraceback = new Parser().parse("{'__class__':'builtins.ValueError','__exception__':True,'args':('x',1),"
                + "'attributes':{'_pyroTraceback':['java line\\n']}}").getData();
        SerpentSemantics.assertEquivalent(exc, sameButOtherTraceback, "p", "");
        assertThrows(AssertionError.class, () -> SerpentSemantics.assertEquivalent(exc, otherArgs, "p", ""));
        assertThrows(AssertionError.class, () -> SerpentSemantics.assertEquivalent(exc, noTraceback, "p", ""));
        Object tuple = new Parser().parse("(1,2)").getData();
        Object list = new Parser().parse("[1,2]").getData();
        assertThrows(AssertionError.class, () -> SerpentSemantics.assertEquivalent(tuple, list, "p", ""));
        Object set1 = new Parser().parse("{'a','b'}").getData();
        Object set2 = new Parser().parse("{'b','a'}").getData();
        SerpentSemantics.assertEquivalent(set1, set2, "p", "");
        assertThrows(AssertionError.class, () -> SerpentSemantics.assertEquivalent(new Parser().parse("1").getData(),
                new Parser().parse("1.0").getData(), "p", ""));
    }
}
