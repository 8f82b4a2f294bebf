package org.jpyro.itests.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.client.Proxy;
import org.jpyro.naming.NameServerHandle;
import org.jpyro.naming.NameServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two jpyro name servers on one PostgreSQL ({@link PrivatePostgres}) are one phone book: registrations, metadata
 * changes and removals made through either are seen at once through the other, {@code safe} registration is
 * exclusive across both, and a Python Pyro4 client registering through one finds its name through the other.
 */
@Timeout(180)
class NameServersOnPostgresTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);
    private static PrivatePostgres pg;
    private static NameServerHandle nsA;
    private static NameServerHandle nsB;

    @BeforeAll
    static void start() throws Exception {
        pg = PrivatePostgres.start();
        nsA = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(CONFIG)
                .storage(NameServers.storage(pg.jdbcUrl())).start();
        nsB = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(CONFIG)
                .storage(NameServers.storage(pg.jdbcUrl())).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {nsA, nsB, pg}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    @Test
    void registrationsMetadataAndRemovalsAreShared() {
        try (Proxy a = new Proxy(nsA.uri(), CONFIG); Proxy b = new Proxy(nsB.uri(), CONFIG)) {
            a.callKw("register", List.of("j.one", "PYRO:one@127.0.0.1:4001"), Map.of("metadata", Set.of("red")));
            Tuple seen = (Tuple) b.callKw("lookup", List.of("j.one"), Map.of("return_metadata", true));
            assertEquals(PyroURI.parse("PYRO:one@127.0.0.1:4001"), seen.get(0));
            assertEquals(Set.of("red"), Set.copyOf((Collection<?>) seen.get(1)));

            b.call("set_metadata", "j.one", Set.of("blue", "green"));
            Map<?, ?> blue = (Map<?, ?>) a.callKw("yplookup", List.of(), Map.of("meta_all", List.of("blue", "green")));
            assertEquals(Set.of("j.one"), blue.keySet());
            assertEquals(Map.of("j.one", "PYRO:one@127.0.0.1:4001"),
                    a.callKw("list", List.of(), Map.of("prefix", "j.")));

            b.callKw("register", List.of("j.two", "PYRO:two@127.0.0.1:4002"), Map.of("safe", true));
            PyroException taken = assertThrows(NamingException.class, () -> a.callKw("register",
                    List.of("j.two", "PYRO:x@127.0.0.1:1"), Map.of("safe", true)));
            assertEquals("name already registered: j.two", taken.getMessage());
            assertEquals(PyroURI.parse("PYRO:two@127.0.0.1:4002"), b.call("lookup", "j.two"));

            assertEquals(1, ((Number) a.call("remove", "j.one")).intValue());
            NamingException gone = assertThrows(NamingException.class, () -> b.call("lookup", "j.one"));
            assertEquals("unknown name: j.one", gone.getMessage());
            assertEquals(1, ((Number) b.callKw("remove", List.of(), Map.of("prefix", "j."))).intValue());
            assertEquals(Map.of(), a.callKw("list", List.of(), Map.of("prefix", "j.")));
            int count = ((Number) a.call("count")).intValue();
            assertEquals(count, ((Number) b.call("count")).intValue());
        }
    }

    @Test
    void pythonPyro4RegistersThroughOneAndLooksUpThroughTheOther() throws Exception {
        NamingProcess.assumePyro4();
        String script = String.join("\n",
                "import sys, Pyro4",
                "a = Pyro4.Proxy(sys.argv[1])",
                "b = Pyro4.Proxy(sys.argv[2])",
                "a.register('py.svc', 'PYRO:svc@127.0.0.1:4321', metadata={'py', 'shared'})",
                "uri, meta = b.lookup('py.svc', return_metadata=True)",
                "print('lookup via B:', uri.asString(), sorted(meta))",
                "print('list via B:', sorted(b.list(prefix='py.').items()))",
                "print('meta via B:', sorted(b.list(metadata_all=['shared']).keys()))",
                "print('java via A:', a.lookup('java.svc').asString())",
                "print('removed via B:', b.remove('py.svc'))",
                "");
        try (Proxy b = new Proxy(nsB.uri(), CONFIG)) {
            b.call("register", "java.svc", "PYRO:jsvc@127.0.0.1:4322");
            String out = NamingProcess.run(List.of(NamingProcess.PYTHON, "-c", script, nsA.uri().toString(),
                    nsB.uri().toString()), Map.of("PYRO_SERIALIZER", "serpent"), null, Duration.ofSeconds(60));
            assertTrue(out.contains("lookup via B: PYRO:svc@127.0.0.1:4321 ['py', 'shared']\n"), out);
            assertTrue(out.contains("list via B: [('py.svc', 'PYRO:svc@127.0.0.1:4321')]\n"), out);
            assertTrue(out.contains("meta via B: ['py.svc']\n"), out);
            assertTrue(out.contains("java via A: PYRO:jsvc@127.0.0.1:4322\n"), out);
            assertTrue(out.contains("removed via B: 1\n"), out);
            assertThrows(NamingException.class, () -> b.call("lookup", "py.svc"));
            b.call("remove", "java.svc");
        }
    }
}
