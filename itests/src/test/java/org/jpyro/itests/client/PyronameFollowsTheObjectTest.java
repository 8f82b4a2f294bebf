package org.jpyro.itests.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.Expose;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.PeerProcess;
import org.jpyro.itests.PythonPeer;
import org.jpyro.naming.NameServerHandle;
import org.jpyro.naming.NameServers;

/**
 * A {@code PYRONAME:} proxy is resolved on every (re)connect: after its object moved to another daemon (new port)
 * and was registered again under the same name, the proxy reaches it there, after a failed call, by itself with
 * MAX_RETRIES, or by {@code reconnect()}; with the name server given in the uri or found from NS_HOST/NS_PORT.
 * Against jpyro's name server and Python Pyro4's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PyronameFollowsTheObjectTest {
    private static final String NAME = "test.moving";

    /** Says where it runs. */
    @Expose
    public static class Where {
        private final String place;

        public Where(String place) {
            this.place = place;
        }

        public String where() {
            return place;
        }
    }

    /** Serves {@code Where(place)} on a fresh daemon and registers it under {@link #NAME} (replacing the old one). */
    private static Daemon move(String place, PyroConfig config, Consumer<PyroURI> register) {
        Daemon d = Daemon.builder().host("127.0.0.1").port(0).config(config).build();
        PyroURI uri = d.register(new Where(place), "where");
        d.start();
        register.accept(uri);
        return d;
    }

    private static void follow(PyroURI nsUri, PyroConfig config) {
        Consumer<PyroURI> register = uri -> {
            try (Proxy ns = new Proxy(nsUri, config)) {
                ns.callKw("register", java.util.List.of(NAME, uri.toString()), Map.of("safe", false));
            }
        };
        Daemon current = move("A", config, register);
        PyroURI nameUri = PyroURI.parse("PYRONAME:" + NAME + "@" + nsUri.location());
        PyroConfig viaNsHost = config.with(ConfigItem.NS_HOST, nsUri.host()).with(ConfigItem.NS_PORT, nsUri.port());
        try (Proxy p = new Proxy(nameUri, config);
             Proxy bare = new Proxy(PyroURI.parse("PYRONAME:" + NAME), viaNsHost).maxRetries(1)) {
            assertEquals("A", p.call("where"));
            assertEquals("A", bare.call("where"));
            int oldPort = current.uri().port();

            current.close();
            current = move("B", config, register);
            assertNotEquals(oldPort, current.uri().port());
            // MAX_RETRIES 0: the call on the dead connection fails, the next one re-resolves
            assertThrows(CommunicationException.class, () -> p.call("where"));
            assertEquals("B", p.call("where"));
            // MAX_RETRIES 1: the retry re-resolves (name server from NS_HOST/NS_PORT)
            assertEquals("B", bare.call("where"));

            current.close();
            current = move("C", config, register);
            p.reconnect(5, Duration.ofMillis(100));
            assertEquals("C", p.call("where"));
            assertEquals("PYRONAME", p.uri().protocol());
            assertEquals("C", bare.call("where"));
        } finally {
            current.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void jpyroNameServer(ProtocolVersion v) {
        PyroConfig config = PyroConfig.defaults(v).with(ConfigItem.COMMTIMEOUT, 10.0);
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false)
                .config(PyroConfig.defaults(v)).start()) {
            follow(ns.uri(), config);
        }
    }

    @Test
    void pyro4NameServer() throws Exception {
        PythonPeer.requirePyro4();
        try (PeerProcess ns = PythonPeer.script("client_ns.py", Map.of())) {
            PyroURI nsUri = PyroURI.parse(ns.awaitLine("ns uri:", Duration.ofSeconds(30)));
            follow(nsUri, PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 10.0));
        }
    }
}
