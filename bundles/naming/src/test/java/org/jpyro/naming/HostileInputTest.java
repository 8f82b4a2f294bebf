package org.jpyro.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.client.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Malformed names, oversized URIs and metadata, regular expression bombs: each gets a clear Python error through
 * the real protocol, nothing is stored, and the name server keeps answering.
 */
@Timeout(60)
class HostileInputTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);
    private static NameServerHandle ns;
    private static Proxy p;

    @BeforeAll
    static void start() {
        ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(CONFIG).start();
        p = new Proxy(ns.uri(), CONFIG);
    }

    @AfterAll
    static void stop() {
        p.close();
        ns.close();
    }

    private static void refused(String pythonType, String messageStart, Executable call) {
        PyroException e = assertThrows(PyroException.class, call);
        assertTrue(String.valueOf(e.pythonName()).endsWith(pythonType), e.pythonName() + ": " + e.getMessage());
        assertTrue(String.valueOf(e.getMessage()).startsWith(messageStart), e.getMessage());
        assertNull(p.call("ping"), "still serving");
        assertEquals(1, ((Number) p.call("count")).intValue(), "nothing stored");
    }

    @Test
    void malformedNamesAndUris() {
        String uri = "PYRO:x@127.0.0.1:1";
        refused("ValueError", "name too long", () -> p.call("register", "n".repeat(NameServer.MAX_NAME_CHARS + 1), uri));
        refused("ValueError", "name must not contain NUL", () -> p.call("register", "a\u0000b", uri));
        refused("TypeError", "name must be a str", () -> p.call("register", 42, uri));
        refused("TypeError", "name must be a str", () -> p.call("register", List.of("a"), uri));
        refused("TypeError", "only URIs or strings", () -> p.call("register", "n", 3.5));
        refused("PyroError", "invalid uri", () -> p.call("register", "n", "not a uri"));
        refused("ValueError", "uri too long", () -> p.call("register", "n", "PYRO:" + "o".repeat(NameServer.MAX_URI_CHARS) + "@h:1"));
        refused("NamingError", "unknown name: ", () -> p.call("lookup", "z".repeat(100_000)));
        refused("NamingError", "unknown name: ", () -> p.call("lookup", "a\u0000b"));
        refused("TypeError", "lookup() missing 1 required positional argument", () -> p.callKw("lookup", List.of(),
                Map.of()));
        refused("TypeError", "register() got an unexpected keyword argument", () -> p.callKw("register",
                List.of("n", uri), Map.of("bogus", 1)));
    }

    @Test
    void hugeMetadata() {
        String uri = "PYRO:x@127.0.0.1:1";
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= NameServer.MAX_METADATA_TAGS; i++) {
            many.add("t" + i);
        }
        refused("ValueError", "too many metadata tags", () -> p.callKw("register", List.of("n", uri),
                Map.of("metadata", many)));
        refused("ValueError", "metadata too large", () -> p.callKw("register", List.of("n", uri),
                Map.of("metadata", Set.of("x".repeat(NameServer.MAX_METADATA_CHARS + 1)))));
        refused("TypeError", "metadata should not be a str", () -> p.callKw("register", List.of("n", uri),
                Map.of("metadata", "abc")));
        refused("TypeError", "'Integer' object is not iterable", () -> p.callKw("register", List.of("n", uri),
                Map.of("metadata", 5)));
        refused("TypeError", "metadata_all should not be a str", () -> p.callKw("yplookup", List.of(),
                Map.of("meta_all", "abc")));
    }

    @Test
    void regexBombs() {
        for (int i = 0; i < 50; i++) {
            ns.nameServer().register("a".repeat(30) + i, org.jpyro.api.PyroURI.parse("PYRO:x@127.0.0.1:1"), false, null);
        }
        try {
            long t0 = System.nanoTime();
            PyroException slow = assertThrows(PyroException.class,
                    () -> p.callKw("list", List.of(), Map.of("regex", "((a+)+)\\1b")));
            assertTrue(slow.getMessage().startsWith("regex took too long"), slow.getMessage());
            assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "aborted");
            PyroException remove = assertThrows(PyroException.class,
                    () -> p.callKw("remove", List.of(), Map.of("regex", "((a+)+)\\1b")));
            assertTrue(remove.getMessage().startsWith("regex took too long"), remove.getMessage());
            assertEquals(51, ((Number) p.call("count")).intValue(), "nothing removed");
            PyroException bad = assertThrows(PyroException.class,
                    () -> p.callKw("list", List.of(), Map.of("regex", "(?P<x>a)")));
            assertTrue(bad.getMessage().startsWith("invalid regex: "), bad.getMessage());
            assertThrows(PyroException.class, () -> p.callKw("list", List.of(), Map.of("regex", "a{99999999999}")));
            assertNull(p.call("ping"));
        } finally {
            p.callKw("remove", List.of(), Map.of("prefix", "aaa"));
        }
        assertEquals(1, ((Number) p.call("count")).intValue());
    }
}
