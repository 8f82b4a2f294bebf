package org.jpyro.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The remote API of {@link NameServer} through a real daemon, for Pyro4 and Pyro5 callers. */
@Timeout(30)
class NameServerTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);
    private static NameServerHandle ns;

    @BeforeAll
    static void start() {
        ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(CONFIG).start();
    }

    @AfterAll
    static void stop() {
        ns.close();
    }

    private static Proxy proxy(ProtocolVersion version) {
        return new Proxy(ns.uri(), PyroConfig.defaults(version)).protocol(version);
    }

    private static void clean(Proxy p) {
        p.callKw("remove", List.of(), Map.of("prefix", "t."));
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void registerLookupListRemove(ProtocolVersion v) {
        try (Proxy p = proxy(v)) {
            clean(p);
            assertNull(p.call("ping"));
            assertEquals(1, ((Number) p.call("count")).intValue());
            p.call("register", "t.a", "PYRO:a@127.0.0.1:5000");
            p.callKw("register", List.of("t.b", PyroURI.parse("PYRO:b@127.0.0.1:5000")),
                    Map.of("metadata", Set.of("x", "y"), "safe", true));
            assertEquals(PyroURI.parse("PYRO:a@127.0.0.1:5000"), p.call("lookup", "t.a"));
            List<?> withMeta = (List<?>) p.call("lookup", "t.b", true);
            assertEquals(PyroURI.parse("PYRO:b@127.0.0.1:5000"), withMeta.get(0));
            if (v == ProtocolVersion.PYRO4) {
                assertInstanceOf(List.class, withMeta.get(1));
            } else {
                assertInstanceOf(Set.class, withMeta.get(1));
            }
            assertEquals(Set.of("x", "y"), Set.copyOf((java.util.Collection<?>) withMeta.get(1)));

            PyroException dup = assertThrows(PyroException.class,
                    () -> p.callKw("register", List.of("t.b", "PYRO:b@127.0.0.1:1"), Map.of("safe", true)));
            assertEquals("name already registered: t.b", dup.getMessage());
            assertEquals("NamingError", dup.pythonName());
            PyroException unknown = assertThrows(PyroException.class, () -> p.call("lookup", "t.zzz"));
            assertEquals("unknown name: t.zzz", unknown.getMessage());

            Map<?, ?> all = (Map<?, ?>) p.call("list");
            assertEquals(ns.uri().toString(), all.get(NameServer.NAMESERVER_NAME));
            assertEquals("PYRO:a@127.0.0.1:5000", all.get("t.a"));
            assertEquals(Set.of("t.a", "t.b"), ((Map<?, ?>) p.call("list", "t.")).keySet());
            assertEquals(Set.of("t.b"), ((Map<?, ?>) p.callKw("list", List.of(), Map.of("regex", "t\\.b"))).keySet());
            assertEquals(Set.of(), ((Map<?, ?>) p.callKw("list", List.of(), Map.of("regex", "\\.b"))).keySet(),
                    "re.match anchors at the start");
            assertThrows(PyroException.class, () -> p.callKw("list", List.of(), Map.of("prefix", "t", "regex", "t")));

            assertEquals(1, ((Number) p.call("remove", "t.a")).intValue());
            assertEquals(0, ((Number) p.call("remove", NameServer.NAMESERVER_NAME)).intValue());
            assertEquals(0, ((Number) p.callKw("remove", List.of(), Map.of("prefix", "Pyro."))).intValue());
            assertEquals(1, ((Number) p.callKw("remove", List.of(), Map.of("regex", "t\\..*"))).intValue());
            assertEquals(1, ((Number) p.call("count")).intValue());
        }
    }

    @Test
    void pyro5MetadataApi() {
        try (Proxy p = proxy(ProtocolVersion.PYRO5)) {
            clean(p);
            p.callKw("register", List.of("t.m1", "PYRO:m1@h:1"), Map.of("metadata", Set.of("a", "b")));
            p.callKw("register", List.of("t.m2", "PYRO:m2@h:1"), Map.of("metadata", List.of("b")));
            Map<?, ?> both = (Map<?, ?>) p.callKw("yplookup", List.of(), Map.of("meta_all", Set.of("a", "b")));
            assertEquals(Set.of("t.m1"), both.keySet());
            assertEquals(List.of("PYRO:m1@h:1", Set.of("a", "b")), List.copyOf((List<?>) both.get("t.m1")));
            Map<?, ?> any = (Map<?, ?>) p.callKw("yplookup", List.of(),
                    Map.of("meta_any", Set.of("b"), "return_metadata", false));
            assertEquals(Map.of("t.m1", "PYRO:m1@h:1", "t.m2", "PYRO:m2@h:1"), any);
            assertEquals(Map.of(), p.call("yplookup"));
            Map<?, ?> self = (Map<?, ?>) p.callKw("yplookup", List.of(),
                    Map.of("meta_any", Set.of("class:Pyro5.nameserver.NameServer")));
            assertEquals(Set.of(NameServer.NAMESERVER_NAME), self.keySet());
            p.call("set_metadata", "t.m2", Set.of("c"));
            assertEquals(Set.of("c"), ((List<?>) p.call("lookup", "t.m2", true)).get(1));
            PyroException e = assertThrows(PyroException.class, () -> p.call("set_metadata", "t.none", Set.of()));
            assertEquals("unknown name: t.none", e.getMessage());
            PyroRemoteException str = assertThrows(PyroRemoteException.class,
                    () -> p.callKw("register", List.of("t.s", "PYRO:s@h:1"), Map.of("metadata", "abc")));
            assertEquals("builtins.TypeError", str.pythonType());
            assertThrows(PyroException.class, () -> p.call("list", null, null, true, 4), "Pyro5 list has 3 params");
            Map<?, ?> listed = (Map<?, ?>) p.call("list", "t.m1", null, true);
            assertInstanceOf(Set.class, ((List<?>) listed.get("t.m1")).get(1));
            clean(p);
        }
    }

    @Test
    void pyro4MetadataApi() {
        try (Proxy p = proxy(ProtocolVersion.PYRO4)) {
            clean(p);
            p.callKw("register", List.of("t.m1", "PYRO:m1@h:1"), Map.of("metadata", Set.of("a", "b")));
            Map<?, ?> all = (Map<?, ?>) p.callKw("list", List.of(),
                    Map.of("metadata_all", List.of("a", "b"), "return_metadata", true));
            assertEquals(Set.of("t.m1"), all.keySet());
            assertInstanceOf(List.class, ((List<?>) all.get("t.m1")).get(1));
            Map<?, ?> positional = (Map<?, ?>) p.call("list", null, null, null, List.of("a"), false);
            assertEquals(Map.of("t.m1", "PYRO:m1@h:1"), positional);
            Map<?, ?> self = (Map<?, ?>) p.callKw("list", List.of(),
                    Map.of("metadata_any", List.of("class:Pyro4.naming.NameServer")));
            assertEquals(Set.of(NameServer.NAMESERVER_NAME), self.keySet());
            List<?> nsMeta = (List<?>) p.call("lookup", NameServer.NAMESERVER_NAME, true);
            assertEquals(List.of("class:Pyro4.naming.NameServer"), nsMeta.get(1));
            PyroException two = assertThrows(PyroException.class, () -> p.callKw("list", List.of(),
                    Map.of("prefix", "t", "metadata_any", List.of("a"))));
            assertEquals("you can only filter on one thing at a time", two.getMessage());
            clean(p);
        }
    }

    @Test
    void badAndCatastrophicRegexes() {
        try (Proxy p = proxy(ProtocolVersion.PYRO5)) {
            PyroException bad = assertThrows(PyroException.class,
                    () -> p.callKw("list", List.of(), Map.of("regex", "(")));
            assertEquals("NamingError", bad.pythonName());
            assertTrue(bad.getMessage().startsWith("invalid regex: "), bad.getMessage());
            assertThrows(NamingException.class, () -> p.callKw("list", List.of(), Map.of("regex", "a".repeat(2000))));
        }
        long t0 = System.nanoTime();
        NamingException slow = assertThrows(NamingException.class,
                () -> org.jpyro.naming.impl.GuardedRegex.compile("((a+)+)\\1b", 200).session().matches("a".repeat(40)));
        assertTrue(slow.getMessage().startsWith("regex took too long"), slow.getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "aborted in time");
    }

    @Test
    void metadataLimitsAndJavaApi() {
        NameServer direct = new NameServer();
        direct.register("n", PyroURI.parse("PYRO:x@h:1"), false, Set.of("t"));
        assertEquals(PyroURI.parse("PYRO:x@h:1"), direct.lookupUri("n"));
        assertEquals(1, direct.count());
        assertThrows(NamingException.class, () -> direct.register("n", PyroURI.parse("PYRO:x@h:1"), true, null));
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i <= NameServer.MAX_METADATA_TAGS; i++) {
            many.add("tag" + i);
        }
        assertThrows(IllegalArgumentException.class,
                () -> direct.register("m", PyroURI.parse("PYRO:x@h:1"), false, many));
        assertThrows(IllegalArgumentException.class, () -> direct.register("m", PyroURI.parse("PYRO:x@h:1"), false,
                List.of("x".repeat(NameServer.MAX_METADATA_CHARS + 1))));
        assertTrue(direct.removeName("n"));
        assertEquals(0, direct.count());
    }
}
