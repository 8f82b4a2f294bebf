package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.Expose;
import org.jpyro.api.HasProxyState;
import org.jpyro.api.Oneway;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.serializer.Call;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;

/** Typed proxies: Java interfaces mapped onto remote methods and attributes. */
@Timeout(30)
class TypedProxyTest {

    /** The remote service as a Java interface. */
    public interface Service extends AutoCloseable {
        String echo(String s);

        int add(int a, int b);

        @Expose(name = "echo")
        List<Integer> echoList(List<Integer> items);

        @Expose(name = "echo")
        long[] echoArray(List<Long> items);

        int getValue();

        void setValue(int v);

        String getLabel();

        @Oneway
        void store(Object x);

        Object stored();

        Iterator<Integer> count(int n);

        Stream<String> words();

        Iterable<Long> numbers(int n);

        @Expose(name = "count")
        List<Integer> countAll(int n);

        int sum(int... values);

        void fail();

        default String greet(String who) {
            return "hello " + echo(who);
        }

        @Override
        void close();
    }

    /** An interface that does not extend AutoCloseable. */
    public interface Minimal {
        String echo(String s);
    }

    private FakeDaemon daemon;
    private Object storedValue;

    @BeforeEach
    void start() throws Exception {
        daemon = new FakeDaemon(ProtocolVersion.PYRO5);
        daemon.methods.put("add", args -> (Integer) args.get(0) + (Integer) args.get(1));
        daemon.methods.put("getLabel", args -> "label-from-method");
        daemon.methods.put("store", args -> {
            storedValue = args.get(0);
            return null;
        });
        daemon.methods.put("stored", args -> storedValue);
        daemon.methods.put("count", args -> IntStream.range(0, (Integer) args.get(0)).iterator());
        daemon.methods.put("words", args -> List.of("a", "b", "c").iterator());
        daemon.methods.put("numbers", args -> IntStream.range(0, (Integer) args.get(0)).iterator());
        daemon.methods.put("sum", args -> args.stream().mapToInt(a -> (Integer) a).sum());
        daemon.methods.put("fail", args -> {
            throw new PyroRemoteException("builtins.ValueError", List.of("failed"), Map.of());
        });
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
    }

    private Service service() {
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, 5.0);
        return Proxy.create(daemon.uri("svc"), Service.class, config);
    }

    @Test
    void methodsMapToRemoteMethodsWithConvertedResults() {
        try (Service s = service()) {
            assertEquals("x", s.echo("x"));
            assertEquals(5, s.add(2, 3));
            assertEquals(List.of(1, 2, 3), s.echoList(List.of(1, 2, 3)));
            long[] longs = s.echoArray(List.of(4L, 5L));
            assertEquals(2, longs.length);
            assertEquals(5L, longs[1]);
            assertEquals(6, s.sum(1, 2, 3));
            assertEquals(new Call("svc", "sum", List.of(1, 2, 3), Map.of()), daemon.calls().get(daemon.calls().size() - 1));
            assertEquals("hello you", s.greet("you"));
        }
    }

    @Test
    void gettersAndSettersUseExposedAttributes() {
        try (Service s = service()) {
            assertEquals(42, s.getValue());
            s.setValue(7);
            assertEquals(7, daemon.attributes.get("value"));
            assertEquals(7, s.getValue());
            // not an exposed attribute: the remote method of the getter's name
            assertEquals("label-from-method", s.getLabel());
            List<String> methods = daemon.calls().stream().map(Call::method).toList();
            assertEquals(List.of("__getattr__", "__setattr__", "__getattr__", "getLabel"), methods);
        }
    }

    @Test
    void onewayMethodsDoNotWait() {
        try (Service s = service()) {
            s.store("kept");
            assertEquals("kept", s.stored());
            Message store = daemon.received.stream().filter(m -> m.type() == MessageType.INVOKE).findFirst().orElseThrow();
            assertTrue(store.has(Flags.ONEWAY));
        }
    }

    @Test
    void iteratorStreamAndIterableReturnTypesGetTheRemoteStream() {
        try (Service s = service()) {
            Iterator<Integer> it = s.count(3);
            assertInstanceOf(RemoteIterator.class, it);
            List<Integer> items = new ArrayList<>();
            it.forEachRemaining(items::add);
            assertEquals(List.of(0, 1, 2), items);

            try (Stream<String> words = s.words()) {
                assertEquals("abc", words.collect(Collectors.joining()));
            }

            Iterable<Long> numbers = s.numbers(2);
            List<Long> longs = new ArrayList<>();
            for (Long n : numbers) {
                longs.add(n);
            }
            assertEquals(List.of(0L, 1L), longs);
            assertThrows(IllegalStateException.class, numbers::iterator);

            assertEquals(List.of(0, 1, 2, 3), s.countAll(4));
            assertEquals(0, daemon.openStreams());

            try (Stream<String> abandoned = s.words()) {
                assertEquals("a", abandoned.findFirst().orElseThrow());
            }
            s.echo("sync");
            assertEquals(0, daemon.openStreams());
        }
    }

    @Test
    void remoteExceptionsAreThrown() {
        try (Service s = service()) {
            PyroRemoteException e = assertThrows(PyroRemoteException.class, s::fail);
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals("failed", e.getMessage());
        }
    }

    @Test
    void objectMethodsAreLocal() {
        Service s = service();
        Service other = service();
        try {
            assertTrue(s.toString().contains("Service"));
            assertEquals(s, s);
            assertNotEquals(s, other);
            assertEquals(s.hashCode(), s.hashCode());
            Proxy p = Proxy.unwrap(s);
            assertEquals(s, p.as(Service.class));
            assertEquals(0, daemon.connections.get());
        } finally {
            s.close();
            other.close();
        }
    }

    @Test
    void closeClosesTheProxyAndUnwrapFindsIt() {
        Service s = service();
        Proxy p = Proxy.unwrap(s);
        assertSame(p, Proxy.unwrap(p));
        assertEquals("a", s.echo("a"));
        s.close();
        assertTrue(p.core().isClosed());
        assertThrows(ConnectionClosedException.class, () -> s.echo("b"));
        assertThrows(IllegalArgumentException.class, () -> Proxy.unwrap("not a proxy"));
    }

    @Test
    void typedProxiesCarryTheirProxyState() throws Exception {
        Minimal m = Proxy.create(daemon.uri("svc"), Minimal.class,
                PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, 5.0));
        assertEquals("m", m.echo("m"));
        HasProxyState state = assertInstanceOf(HasProxyState.class, m);
        assertEquals(daemon.uri("svc"), state.proxyState().uri());
        assertEquals(Set.of("value"), state.proxyState().attrs());
        assertInstanceOf(AutoCloseable.class, m);
        ((AutoCloseable) m).close();
        assertFalse(Proxy.unwrap(m).core().isConnected());
    }
}
