package org.jpyro.itests.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.client.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store keeps every acknowledged registration across {@code kill -9}: a name server in its own JVM
 * ({@link EmbeddedNameServerMain}) takes registrations through the real protocol from a client thread, is killed
 * with {@code destroyForcibly()} (SIGKILL) while that thread is still registering, and a new process on the same
 * file must find every name whose {@code register} call had returned, with its metadata.
 */
@Timeout(180)
class EmbeddedStoreKillTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);
    private static final Duration START = Duration.ofSeconds(60);
    private static final int AT_LEAST = 200;

    @TempDir
    Path dir;

    private static NamingProcess nameServer(Path file) throws Exception {
        return NamingProcess.start(List.of(NamingProcess.java(), "-cp", System.getProperty("java.class.path"),
                EmbeddedNameServerMain.class.getName(), file.toString()), Map.of(), null);
    }

    @Test
    void acknowledgedRegistrationsSurviveKill9() throws Exception {
        Path file = dir.resolve("ns.db");
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicReference<Throwable> registrarEnd = new AtomicReference<>();
        try (NamingProcess first = nameServer(file)) {
            assertEquals("1", first.awaitLine("entries = ", START));
            PyroURI uri = PyroURI.parse(first.awaitLine("URI = ", START));
            Thread registrar = new Thread(() -> {
                try (Proxy ns = new Proxy(uri, CONFIG)) {
                    for (int i = 0; i < 1_000_000; i++) {
                        ns.callKw("register", List.of("kill.n" + i, "PYRO:obj" + i + "@127.0.0.1:" + (1000 + i % 5000)),
                                Map.of("metadata", Set.of("tag" + i)));
                        acknowledged.set(i + 1);
                    }
                } catch (Throwable expectedOnKill) {
                    registrarEnd.set(expectedOnKill);
                }
            }, "registrar");
            registrar.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (acknowledged.get() < AT_LEAST && registrar.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(acknowledged.get() >= AT_LEAST, "registered " + acknowledged.get() + "; registrar ended with "
                    + registrarEnd.get() + "\n" + first.output());
            first.killForcibly(); // SIGKILL in the middle of registering
            registrar.join(30_000);
        }
        int acked = acknowledged.get();
        try (NamingProcess second = nameServer(file)) {
            int entries = Integer.parseInt(second.awaitLine("entries = ", START));
            PyroURI uri = PyroURI.parse(second.awaitLine("URI = ", START));
            // every acknowledged name, and at most the one in flight when the process died
            assertTrue(entries == acked + 1 || entries == acked + 2, "entries " + entries + ", acknowledged " + acked);
            try (Proxy ns = new Proxy(uri, CONFIG)) {
                assertEquals(entries, ((Number) ns.call("count")).intValue());
                for (int i = 0; i < acked; i++) {
                    Tuple found = (Tuple) ns.callKw("lookup", List.of("kill.n" + i), Map.of("return_metadata", true));
                    assertEquals(PyroURI.parse("PYRO:obj" + i + "@127.0.0.1:" + (1000 + i % 5000)), found.get(0));
                    assertEquals(Set.of("tag" + i), Set.copyOf((java.util.Collection<?>) found.get(1)));
                }
                assertEquals(uri, ns.call("lookup", "Pyro.NameServer"));
            }
        }
        assertTrue(new File(file.toString()).isFile());
    }
}
