package org.jpyro.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.client.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every store keeps the {@link NameServerStorage} contract: memory, embedded (a temp file) and JDBC (H2 in memory
 * here; PostgreSQL in itests/naming). Plus what only the persistent ones promise: reopening finds everything, JDBC
 * stores on one database share their entries.
 */
@Timeout(60)
class StorageContractTest {
    @TempDir
    Path dir;

    private NameServerStorage open(String kind) {
        return switch (kind) {
            case "memory" -> NameServers.storage("memory");
            case "embedded" -> NameServers.storage("embedded:" + dir.resolve("ns.db"));
            case "jdbc" -> NameServers.storage("jdbc:h2:mem:ns" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "embedded", "jdbc"})
    void contract(String kind) {
        try (NameServerStorage s = open(kind)) {
            assertEquals(0, s.size());
            assertNull(s.get("a"));
            Set<Object> tags = Set.of("plain", "quote\"back\\slash", "ctl\n\t\u0001", "ünï€😀", "");
            s.put("a", new Registration("PYRO:a@127.0.0.1:1", tags));
            s.put("b", new Registration("PYRO:b@127.0.0.1:1", Set.of()));
            assertEquals(new Registration("PYRO:a@127.0.0.1:1", tags), s.get("a"));
            assertEquals(Set.of(), s.get("b").metadata());
            assertTrue(s.contains("a"));
            assertFalse(s.contains("c"));
            assertEquals(2, s.size());
            s.put("a", new Registration("PYRO:a2@127.0.0.1:2", Set.of("x")));
            assertEquals("PYRO:a2@127.0.0.1:2", s.get("a").uri());
            assertEquals(2, s.size());
            assertFalse(s.putIfAbsent("a", new Registration("PYRO:no@127.0.0.1:3", Set.of())));
            assertEquals("PYRO:a2@127.0.0.1:2", s.get("a").uri());
            assertTrue(s.putIfAbsent("c", new Registration("PYRO:c@127.0.0.1:3", Set.of())));
            assertEquals(Set.of("y", "z"), s.updateMetadata("a", Set.of("y", "z")).metadata());
            assertEquals(new Registration("PYRO:a2@127.0.0.1:2", Set.of("y", "z")), s.get("a"));
            assertNull(s.updateMetadata("nope", Set.of("y")));
            assertFalse(s.contains("nope"));
            Map<String, Registration> all = s.everything();
            assertEquals(Set.of("a", "b", "c"), all.keySet());
            assertTrue(s.remove("b"));
            assertFalse(s.remove("b"));
            s.removeAll(List.of("a", "unknown"));
            assertEquals(Set.of("c"), s.everything().keySet());
            assertEquals(1, s.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "jdbc"})
    void persistentStoresKeepStringTagsOnly(String kind) {
        try (NameServerStorage s = open(kind)) {
            assertThrows(IllegalArgumentException.class,
                    () -> s.put("n", new Registration("PYRO:n@127.0.0.1:1", Set.of(42))));
            assertNull(s.get("n"));
        }
    }

    @Test
    void embeddedStoreReopensWithEverything() {
        Path file = dir.resolve("sub/dir/ns.db");
        try (NameServerStorage s = NameServers.embeddedStorage(file)) {
            for (int i = 0; i < 100; i++) {
                s.put("n" + i, new Registration("PYRO:o" + i + "@127.0.0.1:1", Set.of("t" + i)));
            }
            s.remove("n7");
        }
        try (NameServerStorage s = NameServers.embeddedStorage(file)) {
            assertEquals(99, s.size());
            assertEquals(new Registration("PYRO:o42@127.0.0.1:1", Set.of("t42")), s.get("n42"));
            assertNull(s.get("n7"));
            assertTrue(s.description().startsWith("embedded:"), s.description());
        }
    }

    /** Without compaction every change left ~15 KB behind for good (measured: 1.3 GB after 88,000 changes). */
    @Test
    void embeddedFileStaysSmallUnderManyChanges() throws Exception {
        Path file = dir.resolve("busy.db");
        int changes = 3 * org.jpyro.naming.impl.EmbeddedStorage.COMPACT_EVERY
                + 7;
        try (NameServerStorage s = NameServers.embeddedStorage(file)) {
            for (int i = 0; i < changes; i++) {
                s.put("n" + i % 100, new Registration("PYRO:o" + i + "@127.0.0.1:1", Set.of("t" + i)));
            }
            assertEquals(100, s.size());
            assertEquals(new Registration("PYRO:o" + (changes - 1) + "@127.0.0.1:1", Set.of("t" + (changes - 1))),
                    s.get("n" + (changes - 1) % 100));
        }
        long size = java.nio.file.Files.size(file);
        assertTrue(size < 4 * 1024 * 1024, "file size " + size);
    }

    @Test
    void embeddedFileIsLockedForASecondNameServer() {
        Path file = dir.resolve("locked.db");
        try (NameServerStorage s = NameServers.embeddedStorage(file)) {
            NamingException e = assertThrows(NamingException.class, () -> NameServers.embeddedStorage(file));
            assertTrue(e.getMessage().startsWith("cannot open the name server store"), e.getMessage());
        }
    }

    @Test
    void jdbcStoresOnOneDatabaseShareEntries() {
        String url = "jdbc:h2:mem:shared" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (NameServerStorage a = NameServers.storage(url); NameServerStorage b = NameServers.storage(url)) {
            a.put("x", new Registration("PYRO:x@127.0.0.1:1", Set.of("m")));
            assertEquals(Set.of("m"), b.get("x").metadata());
            b.updateMetadata("x", Set.of("n"));
            assertEquals(Set.of("n"), a.get("x").metadata());
            assertFalse(b.putIfAbsent("x", new Registration("PYRO:y@127.0.0.1:1", Set.of())));
            assertTrue(b.remove("x"));
            assertNull(a.get("x"));
            assertEquals("jdbc:h2:mem:" + url.substring("jdbc:h2:mem:".length()), a.description());
        }
    }

    @Test
    void storageSpecs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NameServers.storage("redis:x"));
        assertTrue(e.getMessage().startsWith("invalid storage type 'redis:x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NameServers.storage("embedded:"));
        try (NameServerStorage s = NameServers.storage("sql:" + dir.resolve("alias.db"))) {
            assertTrue(s.description().endsWith("alias.db"), s.description());
        }
        assertTrue(NameServers.storage("memory").description().contains("Memory"));
        NamingException bad = assertThrows(NamingException.class,
                () -> NameServers.storage("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2&password=secret"));
        assertFalse(bad.getMessage().contains("secret"), bad.getMessage());
    }

    /** A name server on the embedded store: restarted on the same file it has every name, and its new URI. */
    @Test
    void nameServerRestartsOnTheEmbeddedStore() {
        Path file = dir.resolve("restart.db");
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5);
        PyroURI first;
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(config)
                .storage(NameServers.embeddedStorage(file)).start(); Proxy p = new Proxy(ns.uri(), config)) {
            first = ns.uri();
            p.callKw("register", List.of("svc", "PYRO:svc@127.0.0.1:7"), Map.of("metadata", Set.of("blue")));
        }
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(config)
                .storage(NameServers.embeddedStorage(file)).start(); Proxy p = new Proxy(ns.uri(), config)) {
            Tuple found = (Tuple) p.callKw("lookup", List.of("svc"), Map.of("return_metadata", true));
            assertEquals(PyroURI.parse("PYRO:svc@127.0.0.1:7"), found.get(0));
            assertEquals(Set.of("blue"), Set.copyOf((java.util.Collection<?>) found.get(1)));
            assertEquals(ns.uri(), p.call("lookup", NameServer.NAMESERVER_NAME));
            assertEquals(2, ((Number) p.call("count")).intValue());
            assertTrue(first.port() != ns.uri().port() || first.equals(ns.uri()));
        }
    }
}
