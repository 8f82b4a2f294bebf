package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jpyro.api.Behavior;
import org.jpyro.api.Callback;
import org.jpyro.api.DaemonException;
import org.jpyro.api.Expose;
import org.jpyro.api.InstanceMode;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.Message;
import org.jpyro.protocol.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Registered classes and their instance modes, creators, weak registration, resource tracking, callbacks. */
@Timeout(60)
class InstanceModesTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);

    /** No {@code @Behavior}: SESSION. Counts instances and closes. */
    @Expose
    public static class SessionThing implements AutoCloseable {
        static final AtomicInteger CREATED = new AtomicInteger();
        static final AtomicInteger CLOSED = new AtomicInteger();
        final int number = CREATED.incrementAndGet();

        public int number() {
            return number;
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    @Expose
    @Behavior(instanceMode = InstanceMode.SINGLE)
    public static class SingleThing {
        static final AtomicInteger CREATED = new AtomicInteger();
        final int number = CREATED.incrementAndGet();

        public int number() {
            return number;
        }
    }

    @Expose
    @Behavior(instanceMode = InstanceMode.PERCALL, instanceCreator = Labelled.Creator.class)
    public static class Labelled {
        static final AtomicInteger CREATED = new AtomicInteger();
        final String label;

        Labelled(String label) {
            this.label = label + CREATED.incrementAndGet();
        }

        public String label() {
            return label;
        }

        /** The {@code @Behavior} creator. */
        public static final class Creator implements java.util.function.Function<Class<?>, Object> {
            @Override
            public Object apply(Class<?> type) {
                return new Labelled("made-");
            }
        }
    }

    /** Tracks resources for its connection. */
    @Expose
    public static class Tracker {
        static final AtomicInteger CLOSED = new AtomicInteger();

        public void open(boolean keep) {
            AutoCloseable r = CLOSED::incrementAndGet;
            CurrentCall.trackResource(r);
            if (!keep) {
                assertTrue(CurrentCall.untrackResource(r));
            }
        }
    }

    /** A client's callback object. */
    @Expose
    public static class Listener {
        @Callback
        public void call(String message) {
            throw new IllegalStateException("callback failed: " + message);
        }
    }

    private Daemon daemon;

    @BeforeEach
    void start() {
        daemon = Daemon.builder().host("127.0.0.1").config(CONFIG).build();
        daemon.start();
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private RawClient connected(String objectId) throws IOException {
        RawClient c = new RawClient(daemon.uri(), ProtocolVersion.PYRO5);
        Message ok = c.connect(objectId, "hello", 0);
        assertEquals(MessageType.CONNECTOK, ok.type(), () -> "handshake failed: " + c.value(ok));
        return c;
    }

    private static Object result(RawClient c, Message m) {
        Object v = c.value(m);
        if ((m.flags() & Flags.EXCEPTION) != 0 && v instanceof Throwable) {
            throw new AssertionError("remote error", (Throwable) v);
        }
        return v;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void sessionInstancesBelongToAConnectionAndAreClosedWithIt() throws Exception {
        daemon.register(SessionThing.class, "session");
        int closedBefore = SessionThing.CLOSED.get();
        int createdBefore = SessionThing.CREATED.get();
        assertEquals(createdBefore, SessionThing.CREATED.get(), "lazy: nothing created by register");
        try (RawClient a = connected("session"); RawClient b = connected("session")) {
            assertEquals(createdBefore, SessionThing.CREATED.get(), "lazy: nothing created by the handshake");
            Object a1 = result(a, a.call("session", "number"));
            Object a2 = result(a, a.call("session", "number"));
            Object b1 = result(b, b.call("session", "number"));
            assertEquals(a1, a2, "one instance per connection");
            assertNotEquals(a1, b1, "another connection, another instance");
            assertEquals(createdBefore + 2, SessionThing.CREATED.get());
        }
        await(() -> SessionThing.CLOSED.get() == closedBefore + 2, "both session instances are closed");
    }

    @Test
    void singleInstanceIsSharedAndCreatedOnce() throws Exception {
        daemon.register(SingleThing.class, "single");
        try (RawClient a = connected("single"); RawClient b = connected("single")) {
            assertEquals(result(a, a.call("single", "number")), result(b, b.call("single", "number")));
            assertEquals(result(a, a.call("single", "number")), result(b, b.call("single", "number")));
        }
    }

    @Test
    void perCallInstancesComeFromTheBehaviorCreator() throws Exception {
        daemon.register(Labelled.class, "percall");
        try (RawClient a = connected("percall")) {
            String first = (String) result(a, a.call("percall", "label"));
            String second = (String) result(a, a.call("percall", "label"));
            assertTrue(first.startsWith("made-"), first);
            assertNotEquals(first, second, "a new instance per call");
        }
    }

    @Test
    void aCreatorGivenToRegisterWinsOverTheAnnotation() throws Exception {
        daemon.register(Labelled.class, "given", InstanceMode.SESSION, t -> new Labelled("given-"));
        try (RawClient a = connected("given")) {
            String first = (String) result(a, a.call("given", "label"));
            assertTrue(first.startsWith("given-"), first);
            assertEquals(first, result(a, a.call("given", "label")), "SESSION overrides PERCALL");
        }
        daemon.register(SingleThing.class, "wrong", null, t -> "not a SingleThing");
        try (RawClient a = connected("wrong")) {
            Message m = a.call("wrong", "number");
            DaemonException e = assertInstanceOf(DaemonException.class, a.value(m));
            assertTrue(e.getMessage().startsWith("instance creator returned object of different type"), e.getMessage());
        }
    }

    /** No no-argument constructor. */
    @Expose
    public static class NeedsArgs {
        NeedsArgs(int x) {
        }
    }

    @Test
    void registrationOfClassesById() {
        assertThrows(DaemonException.class, () -> daemon.register(NeedsArgs.class, "x"), "no way to create it");
        assertFalse(daemon.registered().contains("x"));
        daemon.register(NeedsArgs.class, "x", null, t -> new NeedsArgs(1));
        assertEquals(daemon.uriFor("x"), daemon.uriFor(NeedsArgs.class));
        assertThrows(DaemonException.class, () -> daemon.register(NeedsArgs.class, "y"), "already registered");
        daemon.unregister(NeedsArgs.class);
        assertFalse(daemon.registered().contains("x"));
        assertThrows(DaemonException.class, () -> daemon.unregister(NeedsArgs.class));
    }

    @Test
    void metadataOfARegisteredClassCreatesNoInstance() throws Exception {
        daemon.register(SingleThing.class, "meta");
        int before = SingleThing.CREATED.get();
        try (RawClient c = connected("meta")) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> md = (java.util.Map<String, Object>) result(c,
                    c.call("Pyro.Daemon", "get_metadata", "meta"));
            assertEquals(java.util.Set.of("number"), md.get("methods"));
        }
        assertEquals(before, SingleThing.CREATED.get());
    }

    @Test
    void weakRegistrationsDoNotKeepTheirObjectAlive() throws Exception {
        Child child = new Child();
        daemon.registerWeak(child, "weak");
        try (RawClient c = connected("weak")) {
            assertEquals("hello from child", result(c, c.call("weak", "hello")));
        }
        assertEquals(daemon.uriFor("weak"), daemon.uriFor(child));
        java.lang.ref.WeakReference<Child> ref = new java.lang.ref.WeakReference<>(child);
        child = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(null, ref.get(), "the daemon let go of the object");
        assertFalse(daemon.registered().contains("weak"));
        try (RawClient c = connected("Pyro.Daemon")) {
            Object e = c.value(c.call("weak", "hello"));
            assertEquals("unknown object", ((PyroException) e).getMessage());
        }
    }

    @Test
    void trackedResourcesAreClosedWhenTheClientGoesAway() throws Exception {
        daemon.register(new Tracker(), "tracker");
        int before = Tracker.CLOSED.get();
        try (RawClient c = connected("tracker")) {
            result(c, c.call("tracker", "open", true));
            result(c, c.call("tracker", "open", false));
            result(c, c.call("tracker", "open", true));
            assertEquals(before, Tracker.CLOSED.get(), "open while connected");
        }
        await(() -> Tracker.CLOSED.get() == before + 2, "the two tracked resources are closed");
        assertThrows(IllegalStateException.class, () -> CurrentCall.trackResource(() -> { }),
                "outside a remote call");
    }

    @Test
    void callbackExceptionsAreAlsoLoggedWhereTheyRun() throws Exception {
        daemon.register(new Listener(), "listener");
        Logger log = Logger.getLogger("org.jpyro.daemon.Callback");
        AtomicBoolean logged = new AtomicBoolean();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.compareAndSet(false, r.getThrown() instanceof IllegalStateException);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try (RawClient c = connected("listener")) {
            Object e = c.value(c.call("listener", "call", "boom"));
            assertEquals(List.of("callback failed: boom"), ((PyroRemoteException) e).args());
            assertTrue(logged.get(), "logged on the callback side too");
        } finally {
            log.removeHandler(h);
        }
    }
}
