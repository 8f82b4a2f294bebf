package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.DaemonException;
import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.FrameCodec;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;
import org.jpyro.protocol.WireOptions;
import org.jpyro.transport.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The daemon over real loopback sockets, driven with raw frames (protocol codec + serpent). */
@Timeout(30)
class DaemonEndToEndTest {
    final PyroConfig CONFIG = config();
    static final Set<String> SERVICE_METHODS = Set.of("context_info", "count", "kw", "add", "echo", "store", "ping",
            "fail", "child", "stored");

    private Daemon daemon;
    private final VecService service = new VecService();
    private final Tools tools = new Tools();

    /** Extra members for the tests that VecService does not have. */
    public static class Tools {
        final CountDownLatch slowStarted = new CountDownLatch(1);
        final CountDownLatch slowRelease = new CountDownLatch(1);
        final CountDownLatch slowDone = new CountDownLatch(1);
        final AtomicBoolean streamClosed = new AtomicBoolean();

        @Expose
        @Oneway
        public void slow() throws InterruptedException {
            slowStarted.countDown();
            slowRelease.await(10, TimeUnit.SECONDS);
            slowDone.countDown();
        }

        @Expose
        public void javaFailure(String message) {
            throw new IllegalArgumentException(message);
        }

        @Expose
        public Stream<String> letters() {
            return Stream.of("a", "b", "c").onClose(() -> streamClosed.set(true));
        }

        @Expose
        public int sum(List<Integer> numbers) {
            return numbers.stream().mapToInt(Integer::intValue).sum();
        }

        @Expose
        public String describe(int x) {
            return "int " + x;
        }

        @Expose
        public String describe(String x) {
            return "str " + x;
        }

        @Expose
        public int getReadOnly() {
            return 7;
        }

        @Expose
        public Object unserializable() {
            return new Object();
        }
    }

    /** The configuration of every daemon in these tests; {@link MultiplexDaemonEndToEndTest} changes the server type. */
    PyroConfig config() {
        return PyroConfig.defaults(ProtocolVersion.PYRO5);
    }

    @BeforeEach
    void start() {
        daemon = Daemon.builder().host("127.0.0.1").port(0).config(CONFIG).build();
        daemon.register(service, "test.service");
        daemon.register(new Child(), "test.child");
        daemon.register(tools, "test.tools");
        daemon.start();
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private RawClient client(ProtocolVersion version) throws IOException {
        return new RawClient(daemon.uri(), version);
    }

    private RawClient connected(ProtocolVersion version, String objectId) throws IOException {
        RawClient c = client(version);
        Message ok = c.connect(objectId, "hello", version == ProtocolVersion.PYRO4 ? Flags.META_ON_CONNECT : 0);
        assertEquals(MessageType.CONNECTOK, ok.type(), () -> "handshake failed: " + c.value(ok));
        return c;
    }

    private static void awaitTrue(AtomicBoolean flag, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!flag.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(flag.get(), what);
    }

    private static Object remoteError(RawClient c, Message m) {
        assertEquals(MessageType.RESULT, m.type());
        assertTrue(m.has(Flags.EXCEPTION), "EXCEPTION flag expected");
        return c.value(m);
    }

    // ------------------------------------------------------------------ handshake

    @Test
    void pyro5HandshakeCarriesHandshakeAndMetadataSets() throws Exception {
        try (RawClient c = client(ProtocolVersion.PYRO5)) {
            c.seq = 3;
            Message ok = c.connect("test.service", "hello", 0);
            assertEquals(MessageType.CONNECTOK, ok.type());
            assertEquals(3, ok.seq());
            assertEquals(1, ok.serializerId());
            assertTrue(ok.has(Flags.CORR_ID));
            assertNotNull(ok.correlationId());
            Map<?, ?> reply = (Map<?, ?>) c.value(ok);
            assertEquals("hello", reply.get("handshake"));
            Map<?, ?> meta = (Map<?, ?>) reply.get("meta");
            assertEquals(SERVICE_METHODS, meta.get("methods"));
            assertEquals(Set.of("store"), meta.get("oneway"));
            assertEquals(Set.of("value"), meta.get("attrs"));
            assertEquals(null, c.value(c.call("test.service", "ping")));
        }
    }

    @Test
    void pyro4HandshakeWithMetaOnConnectEchoesTheFlagAndSendsLists() throws Exception {
        try (RawClient c = client(ProtocolVersion.PYRO4)) {
            Message ok = c.connect("test.service", "hello", Flags.META_ON_CONNECT);
            assertEquals(MessageType.CONNECTOK, ok.type());
            assertEquals(Flags.META_ON_CONNECT, ok.flags());
            assertNotNull(ok.correlationId(), "Pyro4 CONNECTOK carries CORR");
            Map<?, ?> meta = (Map<?, ?>) ((Map<?, ?>) c.value(ok)).get("meta");
            assertInstanceOf(List.class, meta.get("methods"));
            assertEquals(SERVICE_METHODS, Set.copyOf((List<?>) meta.get("methods")));
            assertEquals(List.of("store"), meta.get("oneway"));
            assertEquals(List.of("value"), meta.get("attrs"));
        }
    }

    @Test
    void pyro4HandshakeWithoutMetaAnswersTheHandshakeOnlyAndDoesNotCheckTheObject() throws Exception {
        try (RawClient c = client(ProtocolVersion.PYRO4)) {
            Message ok = c.connect(null, "hello", 0);
            assertEquals(MessageType.CONNECTOK, ok.type());
            assertEquals(0, ok.flags());
            assertEquals("hello", c.value(ok));
            Object error = remoteError(c, c.call("no.such.object", "echo", 1));
            assertInstanceOf(DaemonException.class, error);
            assertEquals("unknown object", ((DaemonException) error).getMessage());
            assertEquals("no metadata", c.value(c.call("test.service", "echo", "no metadata")));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void unknownObjectInConnectIsRefusedAndTheConnectionClosed(ProtocolVersion version) throws Exception {
        try (RawClient c = client(version)) {
            Message fail = c.connect("no.such.object", "hello", version == ProtocolVersion.PYRO4 ? Flags.META_ON_CONNECT : 0);
            assertEquals(MessageType.CONNECTFAIL, fail.type());
            assertEquals("unknown object", c.value(fail));
            assertEquals(version == ProtocolVersion.PYRO5, fail.has(Flags.CORR_ID));
            assertNotNull(fail.correlationId());
            assertTrue(c.closedByPeer());
        }
    }

    @Test
    void validateHandshakeDecidesAndAnswers() throws Exception {
        Daemon checking = new Daemon(Daemon.builder().host("127.0.0.1").config(CONFIG)) {
            @Override
            protected Object validateHandshake(Connection connection, Object data) {
                assertNotNull(connection.remoteAddress());
                if (data instanceof Map && "secret".equals(((Map<?, ?>) data).get("token"))) {
                    return Map.of("welcome", "in");
                }
                throw new SecurityException("bad token");
            }
        };
        try (checking) {
            checking.register(new Child(), "test.child");
            checking.start();
            try (RawClient c = new RawClient(checking.uri(), ProtocolVersion.PYRO5)) {
                Message fail = c.connect("test.child", Map.of("token", "wrong"), 0);
                assertEquals(MessageType.CONNECTFAIL, fail.type());
                assertEquals("bad token", c.value(fail));
                assertTrue(c.closedByPeer());
            }
            try (RawClient c = new RawClient(checking.uri(), ProtocolVersion.PYRO5)) {
                Message ok = c.connect("test.child", Map.of("token", "secret"), 0);
                assertEquals(MessageType.CONNECTOK, ok.type());
                assertEquals(Map.of("welcome", "in"), ((Map<?, ?>) c.value(ok)).get("handshake"));
                assertEquals("hello from child", c.value(c.call("test.child", "hello")));
            }
        }
    }

    @Test
    void firstFrameMustBeConnect() throws Exception {
        try (RawClient c = client(ProtocolVersion.PYRO5)) {
            Message fail = c.call("test.service", "ping");
            assertEquals(MessageType.CONNECTFAIL, fail.type());
            assertEquals("invalid msg type 4 received", c.value(fail));
            assertTrue(c.closedByPeer());
        }
    }

    // ------------------------------------------------------------------ calls

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void echoesManyValues(ProtocolVersion version) throws Exception {
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "one");
        intKeys.put(2, List.of(Tuple.of(1, 2), Set.of("x")));
        List<Object> values = Arrays.asList(null, true, false, 0, -1, 42, Integer.MAX_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE, new BigInteger("18446744073709551615"), BigInteger.TWO.pow(100).negate(), 1.5, -0.25,
                Double.POSITIVE_INFINITY, "", "hello", "äöü €", "nul\u0000ctl\u0001\n\t'\"\\", List.of(), List.of(1, "a"),
                Tuple.of(), Tuple.of(1), Tuple.of(1, "two", 3.0), Set.of(1, 2, 3), Map.of(), Map.of("k", "v"), intKeys,
                List.of(Map.of("nested", List.of(List.of(Tuple.of(List.of()))))));
        try (RawClient c = connected(version, "test.service")) {
            for (Object v : values) {
                Message reply = c.call("test.service", "echo", v);
                assertEquals(MessageType.RESULT, reply.type());
                assertFalse(reply.has(Flags.EXCEPTION), () -> "echo failed for " + v);
                assertEquals(c.seq, reply.seq());
                assertEquals(v, c.value(reply), () -> "echo of " + v);
            }
            Object nan = c.value(c.call("test.service", "echo", Double.NaN));
            assertTrue(Double.isNaN((Double) nan));
            Object bytes = c.value(c.call("test.service", "echo", (Object) new byte[] {0, 1, (byte) 255}));
            assertArrayEquals(new byte[] {0, 1, (byte) 255},
                    org.jpyro.serializer.serpent.SerpentSerializer.toBytes(bytes));
        }
    }

    @Test
    void pythonExceptionWithTracebackAndCorrelation() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.service")) {
            Message m = c.call("test.service", "fail", "bad value", 42);
            assertTrue(m.has(Flags.CORR_ID));
            PyroRemoteException e = (PyroRemoteException) remoteError(c, m);
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals(List.of("bad value", 42), e.args());
            assertNotNull(e.remoteTraceback());
            assertTrue(e.remoteTraceback().get(0).startsWith("Traceback (most recent call last):"));
            assertEquals("still connected", c.value(c.call("test.service", "echo", "still connected")));
        }
        try (RawClient c = connected(ProtocolVersion.PYRO4, "test.service")) {
            Message m = c.call("test.service", "fail", "bad value", 42);
            assertNull(m.correlationId(), "Pyro4 exception results carry no CORR");
            assertEquals("builtins.ValueError", ((PyroRemoteException) remoteError(c, m)).pythonType());
        }
    }

    @Test
    void javaExceptionsArriveAsPythonExceptionsWithAJavaTraceback() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.tools")) {
            PyroRemoteException e = (PyroRemoteException) remoteError(c, c.call("test.tools", "javaFailure", "nope"));
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals(List.of("nope"), e.args());
            String tb = String.join("", e.remoteTraceback());
            assertTrue(tb.contains("Tools.javaFailure"), tb);
            assertTrue(tb.contains("java.lang.IllegalArgumentException: nope"), tb);
            assertFalse(tb.contains("InvocationTargetException"), tb);
        }
    }

    @Test
    void unknownMethodsAttributesAndBadArguments() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.service")) {
            PyroRemoteException e = (PyroRemoteException) remoteError(c, c.call("test.service", "no_such_method"));
            assertEquals("builtins.AttributeError", e.pythonType());
            assertEquals(List.of("'VecService' object has no attribute 'no_such_method'"), e.args());
            e = (PyroRemoteException) remoteError(c, c.call("test.service", "reset"));
            assertEquals(List.of("'VecService' object has no attribute 'reset'"), e.args(), "non-public: unknown");
            e = (PyroRemoteException) remoteError(c, c.call("test.service", "_private"));
            assertEquals(List.of("attempt to access private attribute '_private'"), e.args());
            e = (PyroRemoteException) remoteError(c, c.call("test.service", "hashCode"));
            assertEquals(List.of("attempt to access unexposed attribute 'hashCode'"), e.args());
            e = (PyroRemoteException) remoteError(c, c.invoke("test.service", "kw", List.of(), Map.of("b", 1), 0));
            assertEquals("builtins.TypeError", e.pythonType());
            assertEquals(List.of("VecService.kw() missing 1 required positional argument: 'a'"), e.args());
            e = (PyroRemoteException) remoteError(c, c.call("test.service", "echo", 1, 2));
            assertEquals(List.of("VecService.echo() takes 2 positional arguments but 3 were given"), e.args(),
                    "Python counts self");
            e = (PyroRemoteException) remoteError(c, c.call("test.service", "count", "many"));
            assertEquals(List.of("VecService.count() argument 'n': cannot convert 'many' (str) to int"), e.args());
        }
    }

    @Test
    void argumentsAreConvertedAndOverloadsChosen() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.tools")) {
            assertEquals(6, c.value(c.call("test.tools", "sum", Tuple.of(1, 2L, 3))));
            assertEquals("int 5", c.value(c.call("test.tools", "describe", 5)));
            assertEquals("str 5", c.value(c.call("test.tools", "describe", "5")));
            PyroRemoteException e = (PyroRemoteException) remoteError(c, c.call("test.tools", "describe", 1.5));
            assertEquals("builtins.TypeError", e.pythonType());
            assertEquals(List.of("Tools.describe() got incompatible argument types (float); Java overloads: "
                    + "describe(String x), describe(int x)"), e.args());
            Map<String, Object> kwargs = new LinkedHashMap<>();
            kwargs.put("a", 7);
            kwargs.put("b", 8);
            Object r = c.value(c.invoke("test.service", "kw", List.of(), kwargs, 0));
            assertEquals(Map.of("a", 7, "b", 8, "kwargs", Map.of()), r);
        }
    }

    @Test
    void unserializableResultBecomesAnExceptionResult() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.tools")) {
            Object e = remoteError(c, c.call("test.tools", "unserializable"));
            assertInstanceOf(SerializeException.class, e);
            assertEquals(1, c.value(c.call("test.tools", "sum", List.of(1))));
        }
    }

    @Test
    void undeserializableRequestGetsASerializeError() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.service")) {
            c.send(new Message(ProtocolVersion.PYRO5, MessageType.INVOKE, 0, 9, 1, null, Map.of(),
                    "# serpent utf-8 python3.2\n('test.service','echo',(1,".getBytes(StandardCharsets.UTF_8)));
            Message m = c.read();
            assertEquals(9, m.seq());
            assertInstanceOf(SerializeException.class, remoteError(c, m));
            assertEquals("fine", c.value(c.call("test.service", "echo", "fine")));
        }
    }

    @Test
    void onewayReturnsAtOnceAndRunsElsewhere() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.tools")) {
            assertNull(c.invoke("test.tools", "slow", List.of(), Map.of(), Flags.ONEWAY));
            assertTrue(tools.slowStarted.await(5, TimeUnit.SECONDS));
            // the slow oneway call is still running, yet the connection answers
            assertEquals(3, c.value(c.call("test.tools", "sum", List.of(1, 2))));
            assertEquals(1, tools.slowDone.getCount());
            tools.slowRelease.countDown();
            assertTrue(tools.slowDone.await(5, TimeUnit.SECONDS));
            // a failing oneway call sends nothing either
            assertNull(c.invoke("test.tools", "javaFailure", List.of("x"), Map.of(), Flags.ONEWAY));
            assertNull(c.invoke("test.tools", "no_such_method", List.of(), Map.of(), Flags.ONEWAY));
            Message next = c.call("test.tools", "sum", List.of(4));
            assertEquals(c.seq, next.seq(), "no reply was sent for the oneway calls");
            assertEquals(4, c.value(next));
        }
    }

    @Test
    void batchStopsAtTheFirstException() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.service")) {
            List<Object> calls = List.of(Tuple.of("echo", Tuple.of(1), Map.of()), Tuple.of("add", Tuple.of(2, 3), Map.of()),
                    Tuple.of("fail", Tuple.of("in batch", 7), Map.of()), Tuple.of("store", Tuple.of("not reached"), Map.of()));
            Message m = c.invoke("test.service", "<batch>", calls, null, Flags.BATCH);
            assertEquals(Flags.BATCH | Flags.CORR_ID, m.flags());
            List<?> results = (List<?>) c.value(m);
            assertEquals(3, results.size());
            assertEquals(1, results.get(0));
            assertEquals(5, results.get(1));
            ExceptionWrapper w = (ExceptionWrapper) results.get(2);
            PyroRemoteException e = (PyroRemoteException) w.exception();
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals(List.of("in batch", 7), e.args());
            assertNull(c.value(c.call("test.service", "stored")), "the batch stopped before store()");
            List<Object> oneway = List.of(Tuple.of("echo", Tuple.of(1), Map.of()),
                    Tuple.of("store", Tuple.of("stored by a oneway batch"), Map.of()));
            assertNull(c.invoke("test.service", "<batch>", oneway, null, Flags.BATCH | Flags.ONEWAY));
            Message after = c.call("test.service", "stored");
            assertEquals(c.seq, after.seq());
            assertEquals("stored by a oneway batch", c.value(after));
        }
    }

    @Test
    void itemStreamToStopIterationAndCloseStream() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.service")) {
            Message m = c.call("test.service", "count", 3);
            assertEquals(Flags.EXCEPTION | Flags.ITEMSTREAMRESULT | Flags.CORR_ID, m.flags());
            String id = new String(m.annotations().get("STRM"), StandardCharsets.US_ASCII);
            assertEquals(36, id.length());
            ProtocolException marker = (ProtocolException) c.value(m);
            assertEquals("result of call is an iterator", marker.getMessage());
            assertNull(marker.remoteTraceback());
            for (int i = 0; i < 3; i++) {
                assertEquals(i, c.value(c.invoke("Pyro.Daemon", "get_next_stream_item", new ArrayList<>(List.of(id)),
                        Map.of(), 0)));
            }
            PyroRemoteException stop = (PyroRemoteException) remoteError(c, c.call("Pyro.Daemon", "get_next_stream_item", id));
            assertEquals("builtins.StopIteration", stop.pythonType());
            PyroException gone = (PyroException) remoteError(c, c.call("Pyro.Daemon", "get_next_stream_item", id));
            assertEquals("item stream terminated", gone.getMessage());
        }
        try (RawClient c = connected(ProtocolVersion.PYRO4, "test.tools")) {
            Message m = c.call("test.tools", "letters");
            assertEquals(Flags.EXCEPTION | Flags.ITEMSTREAMRESULT, m.flags());
            assertNull(m.correlationId(), "Pyro4 stream results carry no CORR");
            String id = new String(m.annotations().get("STRM"), StandardCharsets.US_ASCII);
            assertEquals("a", c.value(c.call("Pyro.Daemon", "get_next_stream_item", id)));
            assertNull(c.invoke("Pyro.Daemon", "close_stream", List.of(id), Map.of(), Flags.ONEWAY));
            assertEquals(null, c.value(c.call("test.service", "ping")));
            awaitTrue(tools.streamClosed, "the Stream is closed (by the oneway close_stream thread)");
            PyroException gone = (PyroException) remoteError(c, c.call("Pyro.Daemon", "get_next_stream_item", id));
            assertEquals("item stream terminated", gone.getMessage());
        }
    }

    @Test
    void withoutIterStreamingTheClientGetsTheMarkerWithoutAStreamId() throws Exception {
        PyroConfig noStreams = CONFIG.with(ConfigItem.ITER_STREAMING, false);
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(noStreams).build().start()) {
            Tools own = new Tools();
            d.register(own, "test.tools");
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                c.connect("test.tools", "hello", 0);
                Message m = c.call("test.tools", "letters");
                assertEquals(Flags.EXCEPTION | Flags.ITEMSTREAMRESULT | Flags.CORR_ID, m.flags());
                assertFalse(m.annotations().containsKey("STRM"));
                assertInstanceOf(ProtocolException.class, c.value(m));
                assertTrue(own.streamClosed.get(), "the unstreamed Stream is closed");
            }
        }
    }

    @Test
    void streamsOfAClosedConnectionAreDroppedWithoutLinger() throws Exception {
        PyroConfig noLinger = CONFIG.with(ConfigItem.ITER_STREAM_LINGER, 0.0);
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(noLinger).build().start()) {
            Tools own = new Tools();
            d.register(own, "test.tools");
            String id;
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                c.connect("test.tools", "hello", 0);
                id = new String(c.call("test.tools", "letters").annotations().get("STRM"), StandardCharsets.US_ASCII);
            }
            awaitTrue(own.streamClosed, "the stream of the closed connection is closed");
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                c.connect("test.tools", "hello", 0);
                PyroException gone = (PyroException) remoteError(c, c.call("Pyro.Daemon", "get_next_stream_item", id));
                assertEquals("item stream terminated", gone.getMessage());
            }
        }
    }

    @Test
    void attributesThroughGetattrAndSetattr() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO4, "test.service")) {
            assertEquals(42, c.value(c.invoke("test.service", "__getattr__", List.of("value"), null, 0)));
            assertNull(c.value(c.invoke("test.service", "__setattr__", List.of("value", 1234), null, 0)));
            assertEquals(1234, c.value(c.invoke("test.service", "__getattr__", List.of("value"), null, 0)));
            PyroRemoteException e = (PyroRemoteException) remoteError(c,
                    c.invoke("test.service", "__getattr__", List.of("nonexistent"), null, 0));
            assertEquals("builtins.AttributeError", e.pythonType());
            assertEquals(List.of("type object 'VecService' has no attribute 'nonexistent'"), e.args());
        }
        try (RawClient c = connected(ProtocolVersion.PYRO5, "test.tools")) {
            assertEquals(7, c.value(c.invoke("test.tools", "__getattr__", List.of("readOnly"), null, 0)));
            PyroRemoteException e = (PyroRemoteException) remoteError(c,
                    c.invoke("test.tools", "__setattr__", List.of("readOnly", 1), null, 0));
            assertEquals(List.of("attempt to access unexposed or unknown remote attribute 'readOnly'"), e.args());
        }
    }

    @Test
    void theDaemonObject() throws Exception {
        try (RawClient c = connected(ProtocolVersion.PYRO5, "Pyro.Daemon")) {
            assertNull(c.value(c.call("Pyro.Daemon", "ping")));
            String info = (String) c.value(c.call("Pyro.Daemon", "info"));
            assertTrue(info.startsWith("Pyro.Daemon bound on " + daemon.locationStr()
                    + ", NAT None, 4 objects registered. Servertype: <ThreadPoolServer on " + daemon.locationStr()), info);
            assertEquals(List.of("Pyro.Daemon", "test.service", "test.child", "test.tools"),
                    c.value(c.call("Pyro.Daemon", "registered")));
            Map<?, ?> meta = (Map<?, ?>) c.value(c.call("Pyro.Daemon", "get_metadata", "test.service"));
            assertEquals(SERVICE_METHODS, meta.get("methods"));
            assertEquals(Set.of("store"), meta.get("oneway"));
            Map<?, ?> lists = (Map<?, ?>) c.value(c.call("Pyro.Daemon", "get_metadata", "test.service", true));
            assertEquals(List.of("value"), lists.get("attrs"));
            lists = (Map<?, ?>) c.value(c.invoke("Pyro.Daemon", "get_metadata", List.of("test.child"),
                    Map.of("as_lists", true), 0));
            assertEquals(Map.of("methods", List.of("hello"), "oneway", List.of(), "attrs", List.of()), lists);
            Map<?, ?> own = (Map<?, ?>) c.value(c.call("Pyro.Daemon", "get_metadata", "Pyro.Daemon"));
            assertEquals(Set.of("close_stream", "registered", "get_next_stream_item", "ping", "get_metadata", "info"),
                    own.get("methods"));
            DaemonException e = (DaemonException) remoteError(c, c.call("Pyro.Daemon", "get_metadata", "no.such.object"));
            assertEquals("unknown object", e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void pingIsAnsweredWithPong(ProtocolVersion version) throws Exception {
        try (RawClient c = connected(version, "test.service")) {
            c.send(new Message(version, MessageType.PING, 0, 7, 42, null, Map.of(), "ping".getBytes(StandardCharsets.US_ASCII)));
            Message pong = c.read();
            assertEquals(MessageType.PING, pong.type());
            assertEquals(7, pong.seq());
            assertEquals(42, pong.serializerId());
            assertEquals("pong", new String(pong.payload(), StandardCharsets.US_ASCII));
            assertNotNull(pong.correlationId());
            assertEquals("after ping", c.value(c.call("test.service", "echo", "after ping")));
        }
    }

    @Test
    void pyro4AndPyro5ClientsShareThePort() throws Exception {
        try (RawClient p4 = connected(ProtocolVersion.PYRO4, "test.service");
             RawClient p5 = connected(ProtocolVersion.PYRO5, "test.service")) {
            for (int i = 0; i < 20; i++) {
                assertEquals("p4-" + i, p4.value(p4.call("test.service", "echo", "p4-" + i)));
                assertEquals("p5-" + i, p5.value(p5.call("test.service", "echo", "p5-" + i)));
            }
        }
    }

    @Test
    void serializersNotAcceptedAreRefusedWithPyrosWording() throws Exception {
        for (int id : new int[] {4, 6, 3}) {
            try (RawClient c = client(ProtocolVersion.PYRO4)) {
                c.send(new Message(ProtocolVersion.PYRO4, MessageType.CONNECT, Flags.META_ON_CONNECT, 0, id, null,
                        Map.of(), "{'handshake':'hello','object':'test.service'}".getBytes(StandardCharsets.UTF_8)));
                Message fail = c.read();
                assertEquals(MessageType.CONNECTFAIL, fail.type());
                assertEquals(1, fail.serializerId(), "answered in a serializer this daemon has");
                assertEquals("message used serializer that is not accepted: " + id, c.value(fail));
                assertNull(fail.correlationId());
                assertTrue(c.closedByPeer());
            }
        }
        try (RawClient c = client(ProtocolVersion.PYRO5)) {
            c.send(new Message(ProtocolVersion.PYRO5, MessageType.CONNECT, 0, 0, 4, null, Map.of(), new byte[] {1}));
            Message fail = c.read();
            assertEquals("message used serializer that is not accepted: 4", c.value(fail));
        }
    }

    @Test
    void serializersAcceptedConfiguresPyro4Only() throws Exception {
        PyroConfig jsonOnly = CONFIG.with(ConfigItem.SERIALIZERS_ACCEPTED, Set.of("json"));
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(jsonOnly).build().start()) {
            d.register(new Child(), "test.child");
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO4)) {
                Message fail = c.connect("test.child", "hello", Flags.META_ON_CONNECT);
                assertEquals(MessageType.CONNECTFAIL, fail.type());
                assertEquals("message used serializer that is not accepted: 1", c.value(fail));
            }
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                assertEquals(MessageType.CONNECTOK, c.connect("test.child", "hello", 0).type());
            }
        }
    }

    @Test
    void exhaustedPoolRefusesWithConnectFail() throws Exception {
        PyroConfig tiny = CONFIG.with(ConfigItem.THREADPOOL_SIZE, 1).with(ConfigItem.THREADPOOL_SIZE_MIN, 1);
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(tiny).build().start()) {
            d.register(new Child(), "test.child");
            try (RawClient first = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                assertEquals(MessageType.CONNECTOK, first.connect("test.child", "hello", 0).type());
                for (ProtocolVersion v : ProtocolVersion.values()) {
                    try (RawClient second = new RawClient(d.uri(), v)) {
                        Message fail = second.connect("test.child", "hello", 0);
                        assertEquals(MessageType.CONNECTFAIL, fail.type());
                        assertEquals("no free workers, increase server threadpool size", second.value(fail));
                        assertTrue(second.closedByPeer());
                    }
                }
                assertEquals("hello from child", first.value(first.call("test.child", "hello")));
            }
        }
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        try (RawClient good = connected(ProtocolVersion.PYRO5, "test.service")) {
            try (RawClient bad = client(ProtocolVersion.PYRO5)) {
                bad.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(bad.closedByPeer());
            }
            try (RawClient bad = connected(ProtocolVersion.PYRO4, "test.service")) {
                byte[] frame = FrameCodec.of(ProtocolVersion.PYRO4).encode(new Message(ProtocolVersion.PYRO4,
                        MessageType.INVOKE, 0, 1, 1, null, Map.of(), "x".getBytes(StandardCharsets.US_ASCII)),
                        WireOptions.DEFAULT);
                frame[23] ^= 0x01; // break the header checksum
                bad.sendRaw(frame);
                assertTrue(bad.closedByPeer());
            }
            try (RawClient bad = connected(ProtocolVersion.PYRO5, "test.service")) {
                bad.sendRaw(new byte[] {'P', 'Y', 'R', 'O', 0x01, (byte) 0xF6, 99, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x4D, (byte) 0xC5});
                assertTrue(bad.closedByPeer(), "unknown message type closes the connection");
            }
            try (RawClient bad = connected(ProtocolVersion.PYRO5, "test.service")) {
                bad.sendRaw(Arrays.copyOf("PYRO".getBytes(StandardCharsets.US_ASCII), 17));
                bad.close(); // vanishes mid-frame
            }
            assertEquals("still here", good.value(good.call("test.service", "echo", "still here")));
        }
    }

    @Test
    void commTimeoutClosesIdleConnections() throws Exception {
        PyroConfig impatient = CONFIG.with(ConfigItem.COMMTIMEOUT, 0.2);
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(impatient).build().start()) {
            d.register(new Child(), "test.child");
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                assertEquals(MessageType.CONNECTOK, c.connect("test.child", "hello", 0).type());
                long start = System.nanoTime();
                assertTrue(c.closedByPeer());
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
            }
        }
    }

    @Test
    void unixDomainSocketDaemon(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String path = dir.resolve("daemon.sock").toString();
        try (Daemon d = Daemon.builder().unixSocket(path).config(CONFIG).build().start()) {
            d.register(new Child(), "test.child");
            assertEquals("./u:" + path, d.locationStr());
            assertEquals("PYRO:Pyro.Daemon@./u:" + path, d.uri().toString());
            try (RawClient c = RawClient.unix(path, ProtocolVersion.PYRO5)) {
                assertEquals(MessageType.CONNECTOK, c.connect("test.child", "hello", 0).type());
                assertEquals("hello from child", c.value(c.call("test.child", "hello")));
            }
        }
    }
}
