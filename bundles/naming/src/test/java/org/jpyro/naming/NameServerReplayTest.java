package org.jpyro.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.FrameHeader;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageIO;
import org.jpyro.protocol.MessageType;
import org.jpyro.protocol.WireOptions;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.serializer.json.JsonSerializer;
import org.jpyro.serializer.marshal.MarshalSerializer;
import org.jpyro.serializer.msgpack.MsgpackSerializer;
import org.jpyro.serializer.pickle.PickleSerializer;
import org.jpyro.serializer.serpent.SerpentSerializer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the client frames of the golden Pyro4/Pyro5 name server sessions (every serializer captured) against a jpyro name server
 * and compares every reply with the recorded one semantically: type, flags, seq, serializer, annotation keys,
 * correlation id presence and the decoded payload (the recorded NS location replaced by ours, sets and Pyro4's
 * set-derived metadata lists unordered, exceptions by Python type and args, tracebacks present).
 * <p>
 * Known, deliberate difference: one Java object serves both versions, so the Pyro4 handshake metadata also lists
 * {@code yplookup} (Pyro4's name server lacks it); the test checks it is the only extra method.
 * <p>
 * Known difference with marshal: Python's marshal cannot write the URI object inside the tuple
 * {@code lookup(name, return_metadata=True)} returns, so Pyro answers {@code ValueError("unmarshallable object")};
 * jpyro's marshal serializer writes it (the URI as its class dict). The test checks that this is the reply's only
 * difference: a normal (non-exception) reply holding a pair.
 * <p>
 * The Pyro4 daemons of the capture accepted msgpack and pickle (Pyro4's default SERIALIZERS_ACCEPTED does not);
 * the name server here is configured alike.
 */
@Timeout(30)
class NameServerReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Serializer> SERIALIZERS = Map.of("serpent", new SerpentSerializer(),
            "json", new JsonSerializer(), "marshal", new MarshalSerializer(), "msgpack", new MsgpackSerializer(),
            "pickle", new PickleSerializer());

    static File vectors() {
        String dir = System.getProperty("jpyro.vectors");
        File f = dir == null ? null : new File(dir);
        return f != null && f.isDirectory() ? f : new File("/work/shared/vectors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pyro5-serpent-nameserver.json", "pyro4-serpent-nameserver.json",
        "pyro5-json-nameserver.json", "pyro4-json-nameserver.json", "pyro5-marshal-nameserver.json",
        "pyro4-marshal-nameserver.json", "pyro5-msgpack-nameserver.json", "pyro4-msgpack-nameserver.json",
        "pyro4-pickle-nameserver.json"})
    void replay(String file) throws Exception {
        JsonNode vector = JSON.readTree(new File(vectors(), file));
        Serializer serializer = SERIALIZERS.get(vector.get("serializer").asText());
        assertNotNull(serializer, file + ": serializer " + vector.get("serializer"));
        ProtocolVersion version = ProtocolVersion.of(vector.get("protocol_version").asInt());
        String recordedLocation = vector.get("connections").get(0).get("daemon_location").asText();
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.SERIALIZERS_ACCEPTED,
                Set.of("serpent", "marshal", "json", "msgpack", "pickle"));
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false)
                .config(config).start()) {
            String ourLocation = ns.daemon().locationStr();
            int replies = 0;
            try (Socket socket = new Socket("127.0.0.1", ns.uri().port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                for (JsonNode f : vector.get("frames")) {
                    byte[] bytes = HexFormat.of().parseHex(f.get("hex").asText());
                    String where = file + " frame " + f.get("index").asInt();
                    if ("c2s".equals(f.get("direction").asText())) {
                        out.write(bytes);
                        out.flush();
                        continue;
                    }
                    Message recorded = decode(version, bytes);
                    Message reply = MessageIO.read(in, FrameCodec.of(version), WireOptions.DEFAULT);
                    assertEquals(MessageType.name(recorded.type()), MessageType.name(reply.type()), where + ": type");
                    if (isUnmarshallable(serializer.deserializeData(recorded.payload(), version))) {
                        Object pair = serializer.deserializeData(reply.payload(), version);
                        assertTrue(pair instanceof List<?> l && l.size() == 2, where + ": a pair, got " + pair);
                        assertEquals(recorded.seq(), reply.seq(), where + ": seq");
                        replies++;
                        continue;
                    }
                    assertEquals(recorded.flags(), reply.flags(), where + ": flags");
                    assertEquals(recorded.seq(), reply.seq(), where + ": seq");
                    assertEquals(recorded.serializerId(), reply.serializerId(), where + ": serializer");
                    assertEquals(recorded.annotations().keySet(), reply.annotations().keySet(), where + ": annotations");
                    assertEquals(recorded.correlationId() != null, reply.correlationId() != null, where + ": corr id");
                    Object expected = relocate(serializer.deserializeData(recorded.payload(), version), recordedLocation,
                            ourLocation);
                    Object actual = serializer.deserializeData(reply.payload(), version);
                    if (recorded.type() == MessageType.CONNECTOK && version == ProtocolVersion.PYRO4) {
                        actual = withoutYplookup(actual);
                    }
                    assertSame(where, expected, actual);
                    replies++;
                }
            }
            assertEquals(22, replies, file + ": replies compared");
        }
    }

    /** Python marshal's failure on a nested URI (see the class comment). */
    private static boolean isUnmarshallable(Object recorded) {
        return recorded instanceof PyroException e && String.valueOf(e.pythonName()).endsWith("ValueError")
                && "unmarshallable object".equals(e.getMessage());
    }

    private static Message decode(ProtocolVersion version, byte[] frame) {
        FrameCodec codec = FrameCodec.of(version);
        FrameHeader h = codec.decodeHeader(frame, 0, WireOptions.DEFAULT);
        return codec.decodeBody(h, frame, codec.headerSize(), WireOptions.DEFAULT);
    }

    /** Drops {@code yplookup} from a Pyro4 handshake reply's method list, checking it was there. */
    @SuppressWarnings("unchecked")
    private static Object withoutYplookup(Object connectOk) {
        Map<String, Object> reply = new LinkedHashMap<>((Map<String, Object>) connectOk);
        Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) reply.get("meta"));
        List<Object> methods = new ArrayList<>((List<Object>) meta.get("methods"));
        assertTrue(methods.remove("yplookup"), "yplookup offered");
        meta.put("methods", methods);
        reply.put("meta", meta);
        return reply;
    }

    private static Object relocate(Object value, String from, String to) {
        if (value instanceof String s) {
            return s.replace(from, to);
        }
        if (value instanceof Tuple t) {
            List<Object> items = new ArrayList<>();
            t.forEach(i -> items.add(relocate(i, from, to)));
            return Tuple.copyOf(items);
        }
        if (value instanceof List<?> l) {
            List<Object> items = new ArrayList<>();
            l.forEach(i -> items.add(relocate(i, from, to)));
            return items;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, relocate(v, from, to)));
            return copy;
        }
        return value;
    }

    private static void assertSame(String where, Object expected, Object actual) {
        if (expected instanceof PyroException e) {
            if (!(actual instanceof PyroException a)) {
                fail(where + ": expected " + expected + " but got " + actual);
                return;
            }
            assertEquals(e.getClass(), a.getClass(), where + ": exception class");
            assertEquals(e.pythonName(), a.pythonName(), where + ": python type");
            if (e instanceof PyroRemoteException re) {
                assertEquals(re.args(), ((PyroRemoteException) a).args(), where + ": args");
            } else {
                assertEquals(e.getMessage(), a.getMessage(), where + ": message");
            }
            assertNotNull(a.remoteTraceback(), where + ": traceback");
            return;
        }
        if (expected instanceof java.util.Collection<?> ec && ec.isEmpty() && actual instanceof java.util.Collection<?> ac
                && ac.isEmpty()) {
            return; // serpent writes an empty set as ()
        }
        if (expected instanceof Set<?> s) {
            assertTrue(actual instanceof Set, where + ": expected a set, got " + actual);
            assertEquals(new HashSet<>(s), new HashSet<>((Set<?>) actual), where);
            return;
        }
        if (expected instanceof List<?> e) {
            assertTrue(actual instanceof List, where + ": expected a sequence, got " + actual);
            List<?> a = (List<?>) actual;
            assertEquals(e instanceof Tuple, a instanceof Tuple, where + ": tuple or list " + actual);
            if (!(e instanceof Tuple) && e.stream().allMatch(String.class::isInstance)) {
                assertEquals(new TreeSet<>(e.stream().map(String::valueOf).toList()),
                        new TreeSet<>(a.stream().map(String::valueOf).toList()), where);
                assertEquals(e.size(), a.size(), where);
                return;
            }
            assertEquals(e.size(), a.size(), where + ": length of " + actual);
            for (int i = 0; i < e.size(); i++) {
                assertSame(where + "[" + i + "]", e.get(i), a.get(i));
            }
            return;
        }
        if (expected instanceof Map<?, ?> e) {
            assertTrue(actual instanceof Map, where + ": expected a dict, got " + actual);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(e.keySet(), a.keySet(), where + ": keys");
            e.forEach((k, v) -> assertSame(where + "." + k, v, a.get(k)));
            return;
        }
        if (expected instanceof PyroURI) {
            assertEquals(expected, actual, where);
            return;
        }
        assertEquals(expected, actual, where);
    }
}
