package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.jpyro.api.CallContext;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.Expose;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.daemon.Daemon;

/** The proxy's batch, async and call-context features against a jpyro {@link Daemon} on loopback, both protocols. */
@Timeout(30)
class JpyroDaemonTest {
    private static Daemon daemon;
    private static PyroURI uri;

    /** The served object. */
    @Expose
    public static class Service {
        public Object echo(Object x) {
            return x;
        }

        public int add(int a, int b) {
            return a + b;
        }

        public void fail(String message) {
            throw new PyroRemoteException("builtins.ValueError", List.of(message), null);
        }

        /** What the call context shows this method; adds the response annotation {@code RESP}. */
        public java.util.Map<String, Object> context() {
            java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("correlation_id", String.valueOf(CallContext.correlationId()));
            java.util.Map<String, Object> annotations = new java.util.TreeMap<>();
            CallContext.requestAnnotations().forEach((k, v) -> annotations.put(k,
                    new String(v, java.nio.charset.StandardCharsets.ISO_8859_1)));
            r.put("annotations", annotations);
            r.put("client", String.valueOf(CallContext.clientAddress()));
            CallContext.responseAnnotations().put("RESP", new byte[] {7});
            return r;
        }

        /** Calls {@code context()} through a proxy of itself from the serving thread. */
        public Object nested(String selfUri, String protocol) {
            try (Proxy p = new Proxy(PyroURI.parse(selfUri),
                    PyroConfig.defaults(ProtocolVersion.valueOf(protocol)).with(ConfigItem.COMMTIMEOUT, 5.0))) {
                return p.call("context");
            }
        }

        public Object slow(Object x, int millis) throws InterruptedException {
            Thread.sleep(millis);
            return x;
        }
    }

    @BeforeAll
    static void start() {
        daemon = Daemon.builder().host("127.0.0.1").port(0).config(PyroConfig.defaults(ProtocolVersion.PYRO5)).build();
        uri = daemon.register(new Service(), "test.jservice");
        daemon.start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static Proxy proxy(ProtocolVersion v) {
        return new Proxy(uri, PyroConfig.defaults(v).with(ConfigItem.COMMTIMEOUT, 5.0));
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void batch(ProtocolVersion v) {
        try (Proxy p = proxy(v)) {
            BatchResults r = p.batch().call("echo", "x").call("add", 2, 3).call("fail", "stop").call("echo", "no")
                    .execute();
            assertEquals(3, r.size());
            assertEquals("x", r.get(0));
            assertEquals(5, r.get(1));
            PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> r.get(2));
            assertEquals("stop", e.getMessage());
            assertEquals(List.of(1, 2), p.batch().call("echo", 1).call("echo", 2).execute().toList());
            p.batch().call("echo", 1).executeOneway();
            assertEquals("after", p.call("echo", "after"));
        }
    }

    /** The typed view with asynchronous methods. */
    public interface AsyncService {
        CompletableFuture<Integer> add(int a, int b);

        CompletionStage<List<String>> echo(Object x);

        CompletableFuture<Void> fail(String message);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void asyncCallsCompleteInCallOrder(ProtocolVersion v) throws Exception {
        try (Proxy p = proxy(v)) {
            List<Integer> completed = java.util.Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            // decreasing delays: a pool would complete them in reverse order
            for (int i = 0; i < 5; i++) {
                int n = i;
                futures.add(p.callAsync("slow", i, 50 - 10 * i).whenComplete((r, e) -> completed.add(n)));
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(i, futures.get(i).get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of(0, 1, 2, 3, 4), completed);

            CompletableFuture<Object> failed = p.callAsync("fail", "async failure");
            CompletionException e = assertThrows(CompletionException.class, failed::join);
            PyroRemoteException remote = assertInstanceOf(PyroRemoteException.class, e.getCause());
            assertEquals("async failure", remote.getMessage());
            assertEquals(7, p.callKwAsync("add", List.of(3), java.util.Map.of("b", 4)).get(5, TimeUnit.SECONDS));
            assertEquals("sync", p.call("echo", "sync"));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void typedAsyncMethodsConvertTheResult(ProtocolVersion v) throws Exception {
        try (Proxy p = proxy(v)) {
            AsyncService s = p.as(AsyncService.class);
            CompletableFuture<Integer> sum = s.add(20, 22);
            assertEquals(Integer.valueOf(42), sum.get(5, TimeUnit.SECONDS));
            List<String> items = s.echo(org.jpyro.api.Tuple.of("a", "b")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(List.of("a", "b"), items);
            assertInstanceOf(List.class, items);
            CompletionException e = assertThrows(CompletionException.class, () -> s.fail("typed").join());
            assertInstanceOf(PyroRemoteException.class, e.getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void asyncCallsAfterCloseFail(ProtocolVersion v) {
        Proxy p = proxy(v);
        CompletableFuture<Object> slow = p.callAsync("slow", "x", 300);
        CompletableFuture<Object> queued = p.callAsync("echo", "queued");
        sleep(100);
        p.close();
        CompletionException e = assertThrows(CompletionException.class, queued::join);
        assertInstanceOf(ConnectionClosedException.class, e.getCause());
        assertTrue(slow.handle((r, x) -> true).orTimeout(5, TimeUnit.SECONDS).join(), "the running call ended");
        CompletionException after = assertThrows(CompletionException.class, () -> p.callAsync("echo", 1).join());
        assertInstanceOf(ConnectionClosedException.class, after.getCause());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void callContextTravelsBothWaysAndIntoNestedCalls(ProtocolVersion v) {
        try (Proxy p = proxy(v)) {
            UUID id = UUID.randomUUID();
            CallContext.setCorrelationId(id);
            CallContext.annotations().put("XTRA", "x".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.util.Map<?, ?> seen = (java.util.Map<?, ?>) p.call("context");
            assertEquals(id.toString(), seen.get("correlation_id"));
            java.util.Map<?, ?> annotations = (java.util.Map<?, ?>) seen.get("annotations");
            assertEquals("x", annotations.get("XTRA"));
            assertEquals(v == ProtocolVersion.PYRO4 ? java.util.Set.of("CORR", "XTRA") : java.util.Set.of("XTRA"),
                    annotations.keySet());
            assertTrue(String.valueOf(seen.get("client")).contains("127.0.0.1"), String.valueOf(seen.get("client")));
            assertArrayEquals(new byte[] {7}, CallContext.responseAnnotations().get("RESP"));

            java.util.Map<?, ?> nested = (java.util.Map<?, ?>) p.call("nested", uri.toString(), v.name());
            assertEquals(id.toString(), nested.get("correlation_id"), "the serving thread's id is carried on");
            assertTrue(((java.util.Map<?, ?>) nested.get("annotations")).get("XTRA") == null,
                    "request annotations are not forwarded");

            CallContext.clear();
            java.util.Map<?, ?> fresh = (java.util.Map<?, ?>) p.call("context");
            assertTrue(!id.toString().equals(fresh.get("correlation_id")) && !"null".equals(fresh.get("correlation_id")),
                    "the daemon makes an id when none is sent: " + fresh.get("correlation_id"));

            CallContext.setCorrelationId(id);
            assertEquals(id.toString(), ((java.util.Map<?, ?>) p.callAsync("context").join()).get("correlation_id"),
                    "an async call carries the caller's context");
        } finally {
            CallContext.clear();
        }
    }
}
