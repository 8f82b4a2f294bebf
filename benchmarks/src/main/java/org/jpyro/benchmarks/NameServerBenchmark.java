package org.jpyro.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.naming.NameServerHandle;
import org.jpyro.naming.NameServerStorage;
import org.jpyro.naming.NameServers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Name server lookups per second over loopback (Pyro5, serpent), from 1 and from 16 client threads (a proxy each),
 * for each store: {@code memory}, {@code embedded} (a temp file) and {@code jdbc} (PostgreSQL). The store holds
 * {@value #NAMES} names; every lookup asks for the next one.
 * <p>
 * The jdbc store needs a database: {@code -p jdbcUrl=jdbc:postgresql://127.0.0.1:5432/db?user=u} or
 * {@code -Djpyro.bench.jdbc=...} (the table {@code jpyro_names} is created if missing; the benchmark removes its
 * {@code bench.} names at the end). Without one, the jdbc runs stop at setup with a message saying so and JMH
 * goes on with the others. Example: {@code java -jar benchmarks/target/benchmarks.jar NameServerBenchmark -f1
 * -wi1 -i2 -p store=memory,embedded}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NameServerBenchmark {
    /** Names registered before measuring. */
    public static final int NAMES = 1000;
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);

    /** A name server on the store under test, shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class Server {
        /** The store: memory, embedded or jdbc. */
        @Param({"memory", "embedded", "jdbc"})
        public String store;

        /** The PostgreSQL JDBC URL for {@code store=jdbc} (default: system property {@code jpyro.bench.jdbc}). */
        @Param("")
        public String jdbcUrl;

        NameServerHandle ns;
        Path tempDir;

        /** Starts the name server and registers {@link #NAMES} names. */
        @Setup(Level.Trial)
        public void start() throws IOException {
            NameServerStorage storage = switch (store) {
                case "memory" -> NameServers.memoryStorage();
                case "embedded" -> {
                    tempDir = Files.createTempDirectory("jpyro-ns-bench");
                    yield NameServers.embeddedStorage(tempDir.resolve("ns.db"));
                }
                case "jdbc" -> {
                    String url = jdbcUrl.isEmpty() ? System.getProperty("jpyro.bench.jdbc", "") : jdbcUrl;
                    if (url.isEmpty()) {
                        throw new IllegalStateException("store=jdbc skipped: no PostgreSQL URL (give -p jdbcUrl=jdbc:"
                                + "postgresql://host:port/db?user=u or -Djpyro.bench.jdbc=...)");
                    }
                    yield NameServers.jdbcStorage(url);
                }
                default -> throw new IllegalArgumentException("unknown store " + store);
            };
            ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(CONFIG).storage(storage)
                    .start();
            try (Proxy p = new Proxy(ns.uri(), CONFIG)) {
                for (int i = 0; i < NAMES; i++) {
                    p.callKw("register", List.of(name(i), "PYRO:obj" + i + "@127.0.0.1:" + (2000 + i)),
                            Map.of("metadata", Set.of("bench")));
                }
            }
        }

        /** Removes the names, stops the name server and deletes the embedded store's file. */
        @TearDown(Level.Trial)
        public void stop() {
            if (ns == null) {
                return;
            }
            try (Proxy p = new Proxy(ns.uri(), CONFIG)) {
                p.callKw("remove", List.of(), Map.of("prefix", "bench."));
            } finally {
                ns.close();
                deleteTemp();
            }
        }

        private void deleteTemp() {
            if (tempDir == null) {
                return;
            }
            try (var files = Files.walk(tempDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One client: its own proxy, connected, and the next name to look up. */
    @State(Scope.Thread)
    public static class Client {
        Proxy proxy;
        int next;

        /** Connects to the name server. */
        @Setup(Level.Trial)
        public void connect(Server server) {
            proxy = new Proxy(server.ns.uri(), CONFIG);
            proxy.bind();
            next = (int) (Thread.currentThread().getId() * 7919 % NAMES);
        }

        /** Closes the proxy. */
        @TearDown(Level.Trial)
        public void close() {
            proxy.close();
        }

        PyroURI lookup() {
            int i = next;
            next = i + 1 == NAMES ? 0 : i + 1;
            return (PyroURI) proxy.call("lookup", name(i));
        }
    }

    static String name(int i) {
        return "bench.name." + i;
    }

    /** One client thread. */
    @Benchmark
    @Threads(1)
    public PyroURI lookup1(Client client) {
        return client.lookup();
    }

    /** 16 client threads, a proxy each. */
    @Benchmark
    @Threads(16)
    public PyroURI lookup16(Client client) {
        return client.lookup();
    }
}
