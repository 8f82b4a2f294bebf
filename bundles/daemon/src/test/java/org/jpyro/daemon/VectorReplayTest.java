package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.FrameHeader;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;
import org.jpyro.protocol.WireOptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the client frames of the golden Pyro4/Pyro5 serpent sessions against this daemon serving the Java
 * twin of the captured {@code test.service}, and compares every reply with the recorded daemon frame
 * semantically (vectors README, "How a test should use them", rule 4): message type, flags, seq, serializer
 * id, annotation keys, correlation id presence, and the decoded payload (exceptions by class and args, sets
 * unordered, tracebacks present or absent, {@code info()} text by its shape).
 */
@Timeout(60)
class VectorReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INFO = Pattern.compile(
            "Pyro\\.Daemon bound on (\\S+), NAT None, (\\d+) objects registered\\. Servertype: .+");

    /** The configuration of the replayed daemon; {@link MultiplexVectorReplayTest} changes the server type. */
    PyroConfig config() {
        return PyroConfig.defaults(ProtocolVersion.PYRO5);
    }

    static File vectors() {
        String dir = System.getProperty("jpyro.vectors");
        File f = dir == null ? null : new File(dir);
        return f != null && f.isDirectory() ? f : new File("/work/shared/vectors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"handshake", "exception", "oneway", "batch", "stream", "properties", "kwargs",
        "daemon-object", "ping", "correlation-annotations", "autoproxy"})
    void pyro5(String scenario) throws Exception {
        replay("pyro5-serpent-" + scenario + ".json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"handshake", "exception", "oneway", "batch", "stream", "properties", "kwargs",
        "daemon-object", "ping", "correlation-annotations", "autoproxy"})
    void pyro4(String scenario) throws Exception {
        replay("pyro4-serpent-" + scenario + ".json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pyro4-serpent-hmac.json", "pyro4-serializer-not-accepted.json"})
    void pyro4Extras(String file) throws Exception {
        replay(file);
    }

    private void replay(String file) throws Exception {
        JsonNode vector = JSON.readTree(new File(vectors(), file));
        ProtocolVersion version = ProtocolVersion.of(vector.get("protocol_version").asInt());
        byte[] key = vector.has("hmac_key_utf8") ? vector.get("hmac_key_utf8").asText().getBytes(StandardCharsets.UTF_8)
                : null;
        WireOptions options = new WireOptions(Integer.MAX_VALUE, false, key);
        VecService service = new VecService();
        try (Daemon daemon = Daemon.builder().host("127.0.0.1").config(config())
                .hmacKey(key).build()) {
            daemon.register(service, "test.service");
            Child child = new Child();
            daemon.register(child, "test.child");
            service.child = child;
            daemon.start();
            Map<String, String> streamIds = new HashMap<>();
            int replies = 0;
            for (JsonNode connection : vector.get("connections")) {
                int number = connection.get("connection").asInt();
                service.reset();
                List<JsonNode> frames = new ArrayList<>();
                for (JsonNode f : vector.get("frames")) {
                    if (f.get("connection").asInt() == number) {
                        frames.add(f);
                    }
                }
                boolean daemonCloses = connection.get("closed").get(0).asText().startsWith("s2c");
                try (RawClient client = new RawClient(daemon.uri(), version, options)) {
                    java.util.UUID requestCorrelation = null;
                    for (JsonNode f : frames) {
                        String where = file + " frame " + f.get("index").asInt();
                        byte[] bytes = HexFormat.of().parseHex(f.get("hex").asText());
                        if ("c2s".equals(f.get("direction").asText())) {
                            Message request = decodeRequest(version, bytes);
                            requestCorrelation = request == null ? null : request.correlationId();
                            bytes = substitute(bytes, streamIds);
                            int callsBefore = service.calls.get();
                            client.sendRaw(bytes);
                            if (request != null && request.has(Flags.ONEWAY)) {
                                awaitOneway(client, request, service, callsBefore);
                            }
                        } else {
                            Message recorded = decode(version, bytes, options);
                            Message reply = client.read();
                            compare(where, client, daemon, recorded, reply, streamIds,
                                    nondeterministic(f).contains("payload.set_order"), f.get("payload"));
                            if (requestCorrelation != null) {
                                assertEquals(recorded.correlationId(), reply.correlationId(),
                                        where + ": adopted correlation id");
                            }
                            replies++;
                        }
                    }
                    if (daemonCloses) {
                        assertTrue(client.closedByPeer(), file + ": the daemon closes connection " + number);
                    }
                }
            }
            assertTrue(replies > 0, file + " has replies");
        }
    }

    private static Set<String> nondeterministic(JsonNode frame) {
        Set<String> items = new java.util.HashSet<>();
        JsonNode n = frame.get("nondeterministic");
        if (n != null) {
            n.forEach(x -> items.add(x.asText()));
        }
        return items;
    }

    private static Message decode(ProtocolVersion version, byte[] frame, WireOptions options) {
        FrameCodec codec = FrameCodec.of(version);
        FrameHeader h = codec.decodeHeader(frame, 0, options);
        return codec.decodeBody(h, frame, codec.headerSize(), options);
    }

    /** A recorded request, decoded without checking its HMAC (some carry a wrong one on purpose). */
    private static Message decodeRequest(ProtocolVersion version, byte[] frame) {
        byte[] anyKey = {1};
        try {
            return decode(version, frame, WireOptions.DEFAULT);
        } catch (org.jpyro.api.SecurityException hasHmac) {
            try {
                return decode(version, frame, new WireOptions(Integer.MAX_VALUE, false, anyKey));
            } catch (org.jpyro.api.SecurityException wrongKey) {
                return null; // only the ONEWAY flag is needed, and HMAC'd frames in the vectors are not oneway
            }
        }
    }

    /** Puts the stream ids this daemon handed out where the capture has the recorded ones (same length). */
    private static byte[] substitute(byte[] frame, Map<String, String> streamIds) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, String> e : streamIds.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A oneway call on the service runs on another thread: wait until it has happened. */
    private static void awaitOneway(RawClient client, Message request, VecService service, int callsBefore)
            throws InterruptedException {
        if (request.has(Flags.BATCH)) {
            return; // oneway batches run in order on the connection, as in Pyro
        }
        Call call = RawClient.SERPENT.deserializeCall(request.payload(), client.version);
        if (!"test.service".equals(call.objectId())) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (service.calls.get() == callsBefore && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    private static void compare(String where, RawClient client, Daemon daemon, Message recorded, Message reply,
                                Map<String, String> streamIds, boolean unorderedLists, JsonNode payload) {
        assertEquals(MessageType.name(recorded.type()), MessageType.name(reply.type()), where + ": type");
        assertEquals(recorded.flags() & ~Flags.COMPRESSED, reply.flags(), where + ": flags");
        assertEquals(recorded.seq(), reply.seq(), where + ": seq");
        assertEquals(recorded.annotations().keySet(), reply.annotations().keySet(), where + ": annotation keys");
        assertEquals(recorded.correlationId() != null, reply.correlationId() != null, where + ": correlation id");
        if (recorded.serializerId() != reply.serializerId() && recorded.serializerId() == 3
                && recorded.type() == MessageType.CONNECTFAIL) {
            // Pyro answers a CONNECT it could not use in marshal, which this daemon does not have: it answers in
            // serpent. Compare the reason with the recorded value's repr.
            assertEquals(RawClient.SERPENT.id(client.version), reply.serializerId(), where + ": fallback serializer");
            String repr = payload.get("value_repr").asText();
            assertEquals(repr.substring(1, repr.length() - 1), client.value(reply), where + ": reason");
            return;
        }
        assertEquals(recorded.serializerId(), reply.serializerId(), where + ": serializer id");
        if (recorded.annotations().containsKey("STRM")) {
            String ours = new String(reply.annotations().get("STRM"), StandardCharsets.US_ASCII);
            assertEquals(36, ours.length(), where + ": stream id");
            streamIds.put(new String(recorded.annotations().get("STRM"), StandardCharsets.US_ASCII), ours);
        }
        if (recorded.type() == MessageType.PING) {
            assertEquals("pong", new String(reply.payload(), StandardCharsets.US_ASCII), where);
            return;
        }
        Object expected = client.value(recorded);
        Object actual = client.value(reply);
        if (expected instanceof String && INFO.matcher((String) expected).matches()) {
            Matcher m = INFO.matcher(String.valueOf(actual));
            assertTrue(m.matches(), where + ": info() " + actual);
            assertEquals(daemon.locationStr(), m.group(1), where + ": info() location");
            Matcher r = INFO.matcher((String) expected);
            assertTrue(r.matches());
            assertEquals(r.group(2), m.group(2), where + ": info() object count");
            return;
        }
        if (expected instanceof org.jpyro.api.ProxyState p && daemon.registered().contains(p.uri().object())) {
            // an autoproxy of an object of the capture's daemon: the location is this daemon's (payload.location)
            expected = new org.jpyro.api.ProxyState(daemon.uriFor(p.uri().object()), p.oneway(), p.methods(),
                    p.attrs(), p.handshake(), p.serializer(), p.timeout(), p.hmacKey(), p.maxRetries());
        }
        assertSame(where + ": payload", expected, actual, unorderedLists);
    }

    /** Semantic equality of decoded payloads. */
    private static void assertSame(String where, Object expected, Object actual, boolean unordered) {
        if (expected instanceof PyroException) {
            if (!(actual instanceof PyroException)) {
                fail(where + ": expected exception " + expected + " but got " + actual);
            }
            PyroException e = (PyroException) expected;
            PyroException a = (PyroException) actual;
            assertEquals(e.getClass(), a.getClass(), where + ": exception class");
            assertEquals(e.pythonName(), a.pythonName(), where + ": python exception type");
            if (e instanceof PyroRemoteException) {
                assertSame(where + ": exception args", ((PyroRemoteException) e).args(), ((PyroRemoteException) a).args(), unordered);
            } else {
                assertEquals(e.getMessage(), a.getMessage(), where + ": exception message");
            }
            if (e.remoteTraceback() == null) {
                assertNull(a.remoteTraceback(), where + ": no traceback");
            } else {
                assertNotNull(a.remoteTraceback(), where + ": traceback");
                assertTrue(!a.remoteTraceback().isEmpty(), where + ": traceback lines");
            }
            return;
        }
        if (expected instanceof ExceptionWrapper) {
            assertTrue(actual instanceof ExceptionWrapper, where + ": expected an _ExceptionWrapper, got " + actual);
            assertSame(where + ".exception", ((ExceptionWrapper) expected).exception(), ((ExceptionWrapper) actual).exception(), unordered);
            return;
        }
        if (isEmptyCollection(expected) && isEmptyCollection(actual)) {
            return; // serpent writes an empty set as ()
        }
        if (expected instanceof Set) {
            assertEquals(expected, actual, where);
            return;
        }
        if (expected instanceof List) {
            assertTrue(actual instanceof List, where + ": expected a sequence, got " + actual);
            List<?> e = (List<?>) expected;
            List<?> a = (List<?>) actual;
            if (unordered && e.stream().allMatch(String.class::isInstance)) {
                // Python lists made from sets (Pyro4 metadata): order is not stable
                assertEquals(e.stream().sorted().toList(), a.stream().map(String::valueOf).sorted().toList(), where);
                return;
            }
            assertEquals(e.size(), a.size(), where + ": length of " + a);
            assertEquals(e.getClass() == org.jpyro.api.Tuple.class, a.getClass() == org.jpyro.api.Tuple.class,
                    where + ": tuple or list");
            for (int i = 0; i < e.size(); i++) {
                assertSame(where + "[" + i + "]", e.get(i), a.get(i), unordered);
            }
            return;
        }
        if (expected instanceof Map) {
            assertTrue(actual instanceof Map, where + ": expected a dict, got " + actual);
            Map<?, ?> e = (Map<?, ?>) expected;
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(new TreeMap<>(stringKeys(e)).keySet(), new TreeMap<>(stringKeys(a)).keySet(), where + ": keys");
            for (Iterator<?> it = e.keySet().iterator(); it.hasNext();) {
                Object k = it.next();
                assertSame(where + "." + k, e.get(k), a.get(k), unordered);
            }
            return;
        }
        assertEquals(expected, actual, where);
    }

    private static boolean isEmptyCollection(Object o) {
        return o instanceof java.util.Collection && ((java.util.Collection<?>) o).isEmpty();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
