package org.jpyro.itests.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.Callback;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.Expose;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.PeerProcess;
import org.jpyro.itests.PythonPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pyro's callback pattern: a Java client registers a callback object in its own daemon and passes the object
 * itself as an argument; autoproxy sends it as a proxy, which the server calls back. Against a Python Pyro4
 * server ({@code python/callback_server.py}) and between two jpyro processes' worth of objects in this JVM.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CallbackTest {
    private static final PyroConfig PYRO4 = PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 15.0);
    private static final PyroConfig PYRO5 = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMMTIMEOUT, 15.0);

    /** The client's callback object. */
    @Expose
    public static class Listener {
        final List<Integer> seen = new CopyOnWriteArrayList<>();

        public int progress(int step) {
            seen.add(step);
            return step * 10;
        }

        @Callback
        public void fail(String why) {
            throw new IllegalArgumentException("callback refused: " + why);
        }
    }

    /** A jpyro server that calls back what it is given. */
    @Expose
    public static class Worker {
        public List<Object> doWork(Object callback, int count) {
            ProxyState state = (ProxyState) callback;
            try (Proxy p = Proxy.of(state)) {
                List<Object> results = new java.util.ArrayList<>();
                for (int i = 0; i < count; i++) {
                    results.add(p.call("progress", i));
                }
                return List.of("proxy", state.uri().toString(), results);
            }
        }
    }

    @Test
    void aPythonPyro4ServerCallsBackAJavaCallback() throws Exception {
        PythonPeer.requirePyro4();
        try (PeerProcess server = PythonPeer.script("callback_server.py", Map.of());
             Daemon callbacks = Daemon.builder().host("127.0.0.1").config(PYRO5).build().start()) {
            PyroURI workerUri = PyroURI.parse(server.awaitLine("uri:", Duration.ofSeconds(30)));
            Listener listener = new Listener();
            PyroURI listenerUri = callbacks.register(listener);
            try (Proxy worker = new Proxy(workerUri, PYRO4)) {
                List<?> answer = (List<?>) worker.call("doWork", listener, 3);
                assertEquals("proxy", answer.get(0), "Python got a Pyro4.Proxy");
                assertEquals(listenerUri.toString(), answer.get(1));
                assertEquals(List.of(0, 10, 20), answer.get(2));
                assertEquals(List.of(0, 1, 2), listener.seen);
                String failed = (String) worker.call("doFailingWork", listener);
                assertEquals("ValueError: callback refused: from python", failed,
                        "the callback's exception reached Python (IllegalArgumentException is ValueError)");
            }
        }
    }

    @Test
    void jpyroToJpyroBothWays() throws Exception {
        try (Daemon server = Daemon.builder().host("127.0.0.1").config(PYRO5).build().start();
             Daemon callbacks = Daemon.builder().host("127.0.0.1").config(PYRO5).build().start()) {
            PyroURI workerUri = server.register(new Worker(), "worker");
            server.register(new Shop(server), "shop");
            Listener listener = new Listener();
            PyroURI listenerUri = callbacks.register(listener);
            for (PyroConfig config : List.of(PYRO4, PYRO5)) {
                listener.seen.clear();
                try (Proxy worker = new Proxy(workerUri, config)) {
                    List<?> answer = (List<?>) worker.call("doWork", listener, 2);
                    assertEquals(List.of("proxy", listenerUri.toString(), List.of(0, 10)), answer);
                    assertEquals(List.of(0, 1), listener.seen);
                }
                try (Proxy shop = new Proxy(server.uriFor("shop"), config)) {
                    ProxyState cartState = assertInstanceOf(ProxyState.class, shop.call("newCart"));
                    assertTrue(cartState.methods().contains("add"), cartState.methods().toString());
                    try (Proxy cart = Proxy.of(cartState)) {
                        cart.call("add", "tea");
                        assertEquals(List.of("tea"), cart.call("items"));
                    }
                }
            }
        }
    }
}
