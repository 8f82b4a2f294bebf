package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.TimeoutException;
import org.jpyro.api.serializer.Call;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;

/** Proxy behaviour against a scripted daemon: connection lifecycle, protocol violations, errors, threads. */
@Timeout(30)
class ProxyBehaviourTest {

    private static PyroConfig config(ProtocolVersion v) {
        return PyroConfig.defaults(v).with(ConfigItem.COMMTIMEOUT, 5.0);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void connectsLazilyOnFirstCall(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            assertEquals(0, d.connections.get());
            assertTrue(p.methods().isEmpty());
            assertEquals("hi", p.call("echo", "hi"));
            assertEquals(1, d.connections.get());
            assertEquals(Set.of("echo", "ping"), p.methods());
            assertEquals(Set.of("value"), p.attrs());
            assertEquals("again", p.call("echo", "again"));
            assertEquals(1, d.connections.get());
            Message connect = d.received.get(0);
            assertEquals(MessageType.CONNECT, connect.type());
            assertEquals(0, connect.seq());
            assertEquals(List.of(1, 2), d.received.stream().filter(m -> m.type() == MessageType.INVOKE)
                    .map(Message::seq).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void sequenceMismatchDropsTheConnection(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            p.bind();
            d.tamper = m -> new Message(m.version(), m.type(), m.flags(), (m.seq() + 1) & 0xFFFF, m.serializerId(),
                    null, m.annotations(), m.payload());
            ProtocolException e = assertThrows(ProtocolException.class, () -> p.call("echo", 1));
            assertEquals("invoke: reply sequence out of sync, got 2 expected 1", e.getMessage());
            assertFalse(p.core().isConnected());
            d.tamper = m -> m;
            assertEquals(2, p.call("echo", 2));
            assertEquals(2, d.connections.get());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void resultWithAnotherSerializerIsRefused(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            p.bind();
            d.tamper = m -> new Message(m.version(), m.type(), m.flags(), m.seq(), 3, null, m.annotations(), m.payload());
            SerializeException e = assertThrows(SerializeException.class, () -> p.call("echo", 1));
            assertEquals("invalid serializer in response: 3", e.getMessage());
            assertFalse(p.core().isConnected());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void closedConnectionFailsTheCallAndTheNextCallReconnects(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            p.bind();
            d.tamper = m -> null;
            assertThrows(ConnectionClosedException.class, () -> p.call("echo", 1));
            assertFalse(p.core().isConnected());
            d.tamper = m -> m;
            assertEquals(5, p.call("echo", 5));
            assertEquals(2, d.connections.get());
        }
    }

    @Test
    void maxRetriesRepeatsACallAfterAClosedConnection() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v);
             Proxy p = new Proxy(d.uri("obj"), config(v).with(ConfigItem.MAX_RETRIES, 1))) {
            p.bind();
            AtomicInteger results = new AtomicInteger();
            d.tamper = m -> results.getAndIncrement() == 0 ? null : m;
            assertEquals("retried", p.call("echo", "retried"));
            assertEquals(2, d.connections.get());
        }
    }

    @Test
    void commTimeoutGivesTimeoutException() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v);
             Proxy p = new Proxy(d.uri("obj"), config(v).with(ConfigItem.COMMTIMEOUT, 0.2))) {
            p.bind();
            d.delayMillis = 1000;
            assertThrows(TimeoutException.class, () -> p.call("echo", 1));
            assertFalse(p.core().isConnected());
            d.delayMillis = 0;
            assertEquals(7, p.call("echo", 7));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void connectFailIsACommunicationException(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.connectFail = "no free workers, increase server threadpool size";
            CommunicationException e = assertThrows(CommunicationException.class, () -> p.call("echo", 1));
            assertEquals("connection to 127.0.0.1:" + d.port()
                    + " rejected: no free workers, increase server threadpool size", e.getMessage());
            assertFalse(p.core().isConnected());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void objectWithoutExposedMembersIsRefused(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.clear();
            d.attributes.clear();
            PyroException e = assertThrows(PyroException.class, p::bind);
            assertTrue(e.getMessage().contains("doesn't expose any methods or attributes"), e.getMessage());
            assertFalse(p.core().isConnected());
        }
    }

    @Test
    void pyro4WithoutMetadataOnConnectAsksTheDaemonObject() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO4;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.metaOnConnect = false;
            assertEquals("x", p.call("echo", "x"));
            List<Call> calls = d.calls();
            assertEquals(new Call("Pyro.Daemon", "get_metadata", List.of("obj"), Map.of()), calls.get(0));
            assertEquals("echo", calls.get(1).method());
            assertEquals(Set.of("echo", "ping"), p.methods());
        }
    }

    @Test
    void pyro4WithMetadataOffSkipsTheClientSideChecks() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO4;
        try (FakeDaemon d = new FakeDaemon(v);
             Proxy p = new Proxy(d.uri("obj"), config(v).with(ConfigItem.METADATA, false))) {
            PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> p.call("unknown"));
            assertEquals("builtins.AttributeError", e.pythonType());
            assertFalse(d.received.get(0).has(Flags.META_ON_CONNECT));
            assertTrue(p.methods().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void onewayMethodsFromTheMetadataAreSentOneway(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.put("store", args -> "ignored");
            d.oneway = Set.of("store");
            assertNull(p.call("store", 1));
            assertEquals("after", p.call("echo", "after"));
            Message store = d.received.stream().filter(m -> m.type() == MessageType.INVOKE).findFirst().orElseThrow();
            assertTrue(store.has(Flags.ONEWAY));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void itemStreamWithoutStreamIdIsAProtocolError(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            p.bind();
            d.tamper = m -> m.withFlags(m.flags() | Flags.ITEMSTREAMRESULT);
            ProtocolException e = assertThrows(ProtocolException.class, () -> p.call("echo", 1));
            assertTrue(e.getMessage().startsWith("result of call is an iterator"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void streamsIterateAndCloseEarly(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.put("count", args -> IntStream.range(0, (Integer) args.get(0)).iterator());
            RemoteIterator it = (RemoteIterator) p.call("count", 4);
            List<Object> items = new ArrayList<>();
            it.forEachRemaining(items::add);
            assertEquals(List.of(0, 1, 2, 3), items);
            assertEquals(0, d.openStreams());
            RemoteIterator it2 = (RemoteIterator) p.call("count", 10);
            assertEquals(0, it2.next());
            assertEquals(1, d.openStreams());
            it2.close();
            it2.close();
            assertFalse(it2.hasNext());
            p.call("ping"); // the oneway close_stream is handled before this call
            assertEquals(0, d.openStreams());
            long closes = d.received.stream().filter(m -> m.has(Flags.ONEWAY)).count();
            assertEquals(1, closes);
        }
    }

    @Test
    void streamOfAReleasedProxyIsClosed() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.put("count", args -> IntStream.range(0, 5).iterator());
            RemoteIterator it = (RemoteIterator) p.call("count");
            p.release();
            assertThrows(ConnectionClosedException.class, it::hasNext);
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void pingRoundTrip(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            assertEquals(1, p.call("echo", 1));
            p.ping();
            Message ping = d.received.get(2);
            assertEquals(MessageType.PING, ping.type());
            assertEquals(42, ping.serializerId());
            assertEquals("ping", new String(ping.payload(), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(0, ping.seq());
            assertEquals(2, p.call("echo", 2));
            assertEquals(2, d.received.get(3).seq());
        }
    }

    @Test
    void releaseKeepsTheProxyUsableAndCloseEndsIt() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v)) {
            Proxy p = new Proxy(d.uri("obj"), config(v));
            p.call("ping");
            p.release();
            assertFalse(p.core().isConnected());
            p.call("ping");
            assertEquals(2, d.connections.get());
            p.close();
            p.close();
            assertThrows(ConnectionClosedException.class, () -> p.call("ping"));
        }
    }

    @Test
    void sharedProxyServesManyThreads() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            String value = thread + ":" + i;
                            assertEquals(value, p.call("echo", value));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(20, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, d.connections.get());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void attributesAndKeywordArguments(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v))) {
            d.methods.put("kw", args -> "kw");
            assertEquals(42, p.getAttr("value"));
            p.setAttr("value", "new");
            assertEquals("new", d.attributes.get("value"));
            assertThrows(PyroException.class, () -> p.setAttr("unknown", 1));
            p.callKw("kw", List.of(1), Map.of("b", 2));
            List<Call> calls = d.calls();
            assertEquals(new Call("obj", "__getattr__", List.of("value"), null), calls.get(0));
            assertEquals(new Call("obj", "__setattr__", List.of("value", "new"), null), calls.get(1));
            assertEquals(new Call("obj", "kw", List.of(1), Map.of("b", 2)), calls.get(2));
        }
    }

    @Test
    void proxyStateTravelsAndComesBack() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v); Proxy p = new Proxy(d.uri("obj"), config(v)).handshake("hi")) {
            p.bind();
            ProxyState state = p.proxyState();
            assertEquals(d.uri("obj"), state.uri());
            assertEquals(Set.of("echo", "ping"), state.methods());
            assertEquals(Set.of("value"), state.attrs());
            assertEquals("hi", state.handshake());
            assertNull(state.serializer());
            assertEquals("serpent", p.serializer("serpent").proxyState().serializer());
            try (Proxy copy = Proxy.of(state)) {
                assertEquals(Set.of("echo", "ping"), copy.methods());
                assertEquals(3, copy.call("echo", 3));
            }
        }
    }

    @Test
    void unknownSerializerIsRefused() throws Exception {
        try (Proxy p = new Proxy(PyroURI.of("obj", "127.0.0.1", 1), config(ProtocolVersion.PYRO5))) {
            p.serializer("no-such-serializer");
            SerializeException e = assertThrows(SerializeException.class, p::bind);
            assertEquals("serializer 'no-such-serializer' is unknown or not available", e.getMessage());
        }
    }

    @Test
    void nothingListeningIsACommunicationException() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Proxy p = new Proxy(PyroURI.of("obj", "127.0.0.1", port), config(ProtocolVersion.PYRO5))) {
            assertThrows(CommunicationException.class, () -> p.call("echo"));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void pyronameIsResolvedThroughTheNameServer(ProtocolVersion v) throws Exception {
        try (FakeDaemon d = new FakeDaemon(v)) {
            d.methods.put("lookup", args -> d.uri("the.object"));
            try (Proxy p = new Proxy(PyroURI.parse("PYRONAME:my.name@127.0.0.1:" + d.port()), config(v))) {
                assertEquals("r", p.call("echo", "r"));
                List<Call> calls = d.calls();
                assertEquals(new Call("Pyro.NameServer", "lookup", List.of("my.name"), Map.of()), calls.get(0));
                assertEquals("the.object", calls.get(calls.size() - 1).objectId());
                assertEquals("PYRONAME", p.uri().protocol());
                p.release();
                p.bind();
                assertEquals(d.uri("the.object"), p.uri());
            }
        }
    }

    @Test
    void pyrometaPicksARegistrationWithTheTags() throws Exception {
        ProtocolVersion v = ProtocolVersion.PYRO5;
        try (FakeDaemon d = new FakeDaemon(v)) {
            d.methods.put("yplookup", args -> Map.of("some.name", d.uri("tagged").toString()));
            try (Proxy p = new Proxy(PyroURI.parse("PYROMETA:red,big@127.0.0.1:" + d.port()), config(v))) {
                p.bind();
                assertEquals(d.uri("tagged"), p.uri());
                Call lookup = d.calls().get(0);
                assertEquals("yplookup", lookup.method());
                assertEquals(Set.of("red", "big"), lookup.kwargs().get("meta_all"));
                assertEquals(false, lookup.kwargs().get("return_metadata"));
            }
        }
    }

    @Test
    void remoteExceptionValuesThatAreNoPyroExceptionsAreWrapped() {
        IllegalStateException cause = new IllegalStateException("odd");
        PyroException wrapped = org.jpyro.client.impl.ProxyCore.remoteException(cause);
        assertSame(cause, wrapped.getCause());
        PyroException fromValue = org.jpyro.client.impl.ProxyCore.remoteException(Map.of("x", 1));
        assertTrue(fromValue.getMessage().contains("x=1"));
        PyroException own = new PyroException("mine");
        assertSame(own, org.jpyro.client.impl.ProxyCore.remoteException(own));
        assertInstanceOf(PyroException.class, wrapped);
    }
}
