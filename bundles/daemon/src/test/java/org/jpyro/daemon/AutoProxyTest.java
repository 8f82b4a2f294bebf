package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.Expose;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.AutoProxies;
import org.jpyro.api.serializer.Call;
import org.jpyro.protocol.Flags;
import org.jpyro.protocol.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Registered objects travel as proxies: in results, in arguments, per class, and only while registered. */
@Timeout(30)
class AutoProxyTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);

    /** Hands out objects. */
    @Expose
    public static class Factory {
        volatile Object made;

        public Object make() {
            return made;
        }

        public List<Object> both() {
            return List.of(made, "plain");
        }
    }

    /** A SESSION class whose instances return themselves. */
    @Expose
    public static class Self {
        public Object self() {
            return this;
        }
    }

    private static Object call(RawClient c, String id, String method) throws Exception {
        Message m = c.call(id, method);
        return c.value(m);
    }

    @Test
    void registeredObjectsInResultsBecomeProxies() throws Exception {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            try (Daemon d = Daemon.builder().host("127.0.0.1").config(CONFIG).build().start()) {
                Factory factory = new Factory();
                d.register(factory, "factory");
                Child child = new Child();
                PyroURI childUri = d.register(child, "child");
                factory.made = child;
                try (RawClient c = new RawClient(d.uri(), version)) {
                    c.connect("factory", "hello", version == ProtocolVersion.PYRO4 ? Flags.META_ON_CONNECT : 0);
                    ProxyState p = assertInstanceOf(ProxyState.class, call(c, "factory", "make"), version.toString());
                    assertEquals(childUri, p.uri());
                    assertEquals(Set.of("hello"), p.methods());
                    assertEquals("hello", p.handshake());
                    List<?> both = (List<?>) call(c, "factory", "both");
                    assertEquals(childUri, ((ProxyState) both.get(0)).uri(), "inside containers too");
                    d.unregister(child);
                    Object after = call(c, "factory", "make");
                    assertFalse(after instanceof ProxyState, "unregistered: no longer a proxy: " + after);
                }
            }
        }
    }

    @Test
    void instancesOfARegisteredClassTravelAsProxiesToTheClassId() throws Exception {
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(CONFIG).build().start()) {
            PyroURI uri = d.register(Self.class, "self");
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                c.connect("self", "hello", 0);
                ProxyState p = assertInstanceOf(ProxyState.class, call(c, "self", "self"));
                assertEquals(uri, p.uri());
                assertEquals(Set.of("self"), p.methods());
            }
        }
    }

    @Test
    void argumentsAProxySendsAreReplacedToo() {
        Child child = new Child();
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(CONFIG).build()) {
            PyroURI uri = d.register(child, "callback");
            for (ProtocolVersion version : ProtocolVersion.values()) {
                byte[] payload = RawClient.SERPENT.serializeCall(new Call("server", "doWork", List.of(child, 1),
                        Map.of()), version);
                Call decoded = RawClient.SERPENT.deserializeCall(payload, version);
                assertEquals(uri, assertInstanceOf(ProxyState.class, decoded.args().get(0)).uri(), version.toString());
            }
            assertTrue(AutoProxies.proxyFor(child) != null);
        }
        assertNull(AutoProxies.proxyFor(child), "the daemon is closed: no proxy any more");
    }

    @Test
    void withoutAutoproxyObjectsTravelAsValues() throws Exception {
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(CONFIG.with(ConfigItem.AUTOPROXY, false))
                .build().start()) {
            Factory factory = new Factory();
            d.register(factory, "factory");
            Child child = new Child();
            d.register(child, "child");
            factory.made = child;
            assertNull(AutoProxies.proxyFor(child));
            try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                c.connect("factory", "hello", 0);
                Object v = call(c, "factory", "make");
                assertFalse(v instanceof ProxyState, String.valueOf(v));
            }
        }
    }
}
