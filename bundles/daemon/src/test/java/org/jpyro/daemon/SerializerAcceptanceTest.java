package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which serializers a daemon accepts: the registry is consulted per message (removing a serializer refuses the
 * next message that uses it, adding it back accepts it again, on the same connection), and pickle only for
 * Pyro4 and only when SERIALIZERS_ACCEPTED names it, with a warning in the log.
 */
@Timeout(30)
class SerializerAcceptanceTest {
    private static final int JSON_PYRO4 = 2;
    private static final int JSON_PYRO5 = 3;
    private static final int PICKLE_PYRO4 = 4;

    private static Daemon daemon(PyroConfig config, SerializerRegistry registry) {
        Daemon d = Daemon.builder().host("127.0.0.1").config(config).serializers(registry).build().start();
        d.register(new Child(), "child");
        return d;
    }

    private static PyroURI uri(Daemon d) {
        return d.uriFor("child");
    }

    /** INVOKE child.hello() with the given serializer id; the reply. */
    private static Message hello(RawClient c, int serializerId) throws IOException {
        c.seq = (c.seq + 1) & 0xFFFF;
        byte[] payload = RawClient.SERPENT.serializeCall(new Call("child", "hello", List.of(), Map.of()), c.version);
        c.send(new Message(c.version, MessageType.INVOKE, 0, c.seq, serializerId, null, Map.of(), payload));
        return c.read();
    }

    private static void assertAccepted(RawClient c, int serializerId) throws IOException {
        Message reply = hello(c, serializerId);
        assertEquals(0, reply.flags() & Flags.EXCEPTION, () -> "refused: " + c.value(reply));
        assertEquals(serializerId, reply.serializerId());
        assertEquals(new Child().hello(), c.value(reply));
    }

    /** The call is refused; the refusal comes in {@code replyId} (the request's if installed, else serpent). */
    private static void assertRefused(RawClient c, int serializerId, int replyId) throws IOException {
        Message reply = hello(c, serializerId);
        assertEquals(Flags.EXCEPTION, reply.flags() & Flags.EXCEPTION);
        assertEquals(replyId, reply.serializerId());
        Object error = c.value(reply);
        assertTrue(String.valueOf(error).contains("not accepted"), String.valueOf(error));
    }

    @Test
    void removingAndAddingASerializerTakesEffectForTheNextMessage() throws Exception {
        AliasSerializer json = new AliasSerializer("json", JSON_PYRO4, JSON_PYRO5);
        SerializerRegistry registry = new SerializerRegistry().add(RawClient.SERPENT).add(json);
        for (ProtocolVersion v : ProtocolVersion.values()) {
            int id = json.id(v);
            try (Daemon d = daemon(PyroConfig.defaults(v), registry); RawClient c = new RawClient(uri(d), v)) {
                c.connect("child", "hello", 0);
                assertAccepted(c, id);
                assertTrue(registry.remove("json"));
                assertRefused(c, id, 1);
                assertAccepted(c, 1);
                registry.add(json);
                assertAccepted(c, id);
            }
        }
    }

    @Test
    void pickleIsRefusedUnlessConfiguredAndNeverOnPyro5() throws Exception {
        // a stand-in "pickle" that even claims a Pyro5 id: the daemon refuses it by name on Pyro5
        SerializerRegistry registry = new SerializerRegistry().add(RawClient.SERPENT)
                .add(new AliasSerializer("pickle", PICKLE_PYRO4, 9));
        PyroConfig pyro4 = PyroConfig.defaults(ProtocolVersion.PYRO4);
        try (Daemon d = daemon(pyro4, registry); RawClient c = new RawClient(uri(d), ProtocolVersion.PYRO4)) {
            c.connect("child", "hello", 0);
            assertRefused(c, PICKLE_PYRO4, PICKLE_PYRO4);
        }
        PyroConfig withPickle = pyro4.with(ConfigItem.SERIALIZERS_ACCEPTED, Set.of("serpent", "pickle"));
        try (Daemon d = daemon(withPickle, registry); RawClient c = new RawClient(uri(d), ProtocolVersion.PYRO4)) {
            c.connect("child", "hello", 0);
            assertAccepted(c, PICKLE_PYRO4);
        }
        PyroConfig pyro5WithPickle = PyroConfig.defaults(ProtocolVersion.PYRO5)
                .with(ConfigItem.SERIALIZERS_ACCEPTED, Set.of("serpent", "pickle"));
        try (Daemon d = daemon(pyro5WithPickle, registry); RawClient c = new RawClient(uri(d), ProtocolVersion.PYRO5)) {
            c.connect("child", "hello", 0);
            assertRefused(c, 9, 9);
        }
    }

    @Test
    void acceptingPickleLogsOneWarning() {
        Logger logger = Logger.getLogger("org.jpyro.daemon.impl.DaemonCore");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (records) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            SerializerRegistry registry = new SerializerRegistry().add(RawClient.SERPENT);
            try (Daemon d = daemon(PyroConfig.defaults(ProtocolVersion.PYRO4), registry)) {
                assertEquals(List.of(), pickleWarnings(records));
            }
            PyroConfig withPickle = PyroConfig.defaults(ProtocolVersion.PYRO4)
                    .with(ConfigItem.SERIALIZERS_ACCEPTED, Set.of("serpent", "pickle"));
            try (Daemon d = daemon(withPickle, registry); RawClient c = new RawClient(uri(d), ProtocolVersion.PYRO4)) {
                c.connect("child", "hello", 0);
                assertAccepted(c, 1);
                assertAccepted(c, 1);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            List<LogRecord> warnings = pickleWarnings(records);
            assertEquals(1, warnings.size(), "one warning per daemon, not per message");
            assertEquals(Level.WARNING, warnings.get(0).getLevel());
            assertTrue(warnings.get(0).getMessage().startsWith("pickle is unsafe"), warnings.get(0).getMessage());
        } finally {
            logger.removeHandler(handler);
        }
    }

    private static List<LogRecord> pickleWarnings(List<LogRecord> records) {
        synchronized (records) {
            return records.stream().filter(r -> String.valueOf(r.getMessage()).contains("pickle")).toList();
        }
    }
}
