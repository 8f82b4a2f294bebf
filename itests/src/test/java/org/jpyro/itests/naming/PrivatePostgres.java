package org.jpyro.itests.naming;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.itests.PythonPeer;

/**
 * A throw-away PostgreSQL cluster for one test class: {@code initdb} into a temp directory, started with
 * {@code pg_ctl} on 127.0.0.1 and a free port (trust authentication, loopback only, Unix socket in the same temp
 * directory), stopped ({@code -m immediate}) and deleted by {@link #close()} and, should the JVM end first, by a
 * shutdown hook. PostgreSQL refuses to run as root, so as root the cluster runs as the {@code postgres} OS user
 * ({@code runuser}); the temp directory is given to that user.
 * <p>
 * {@link #start()} skips the calling test when no PostgreSQL server is installed (Debian: {@code postgresql-15},
 * {@code /usr/lib/postgresql/<version>/bin}) unless {@code CI=true}, where it fails: {@code .ci/install-peers}
 * installs it.
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final long COMMAND_SECONDS = 120;

    private final Path base;
    private final Path data;
    private final Path bin;
    private volatile int port;
    private final boolean asPostgresUser;
    private final Thread cleanup;
    private volatile boolean closed;

    private PrivatePostgres(Path bin, Path base, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.base = base;
        this.data = base.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.cleanup = new Thread(this::stopAndDelete, "private-postgres-cleanup");
    }

    /** Creates and starts a cluster; skips (locally) or fails (CI) when PostgreSQL is not installed. */
    public static PrivatePostgres start() throws IOException, InterruptedException {
        Path bin = findBin();
        if (bin == null) {
            PythonPeer.requireOrSkip("PostgreSQL server not installed (no /usr/lib/postgresql/*/bin/pg_ctl;"
                    + " Debian: apt-get install postgresql)");
            throw new IllegalStateException("unreachable");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = Files.createTempDirectory("jpyro-pg-");
        PrivatePostgres pg = new PrivatePostgres(bin, base, freePort(), root);
        Runtime.getRuntime().addShutdownHook(pg.cleanup);
        try {
            Files.createDirectories(base.resolve("sock"));
            if (root) {
                pg.run(List.of("chown", "-R", "postgres:postgres", base.toString()), false);
            }
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), true);
            // the free port may be taken between finding and binding it: then try another (bounded)
            for (int attempt = 1;; attempt++) {
                try {
                    pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", pg.data.toString(), "-l",
                            base.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
                            "-p " + pg.port + " -k " + base.resolve("sock") + " -c listen_addresses=127.0.0.1"
                                    + " -c fsync=off -c max_connections=100", "start"), true);
                    return pg;
                } catch (IllegalStateException e) {
                    if (attempt >= 3 || Files.exists(pg.data.resolve("postmaster.pid"))) {
                        throw e;
                    }
                    pg.port = freePort();
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** A JDBC URL of the {@code postgres} database as the {@code postgres} superuser (trust, no password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Stops the server and deletes the cluster. Idempotent. */
    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void stopAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t",
                        "30", "stop"), true);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("private postgres: stop failed: " + e);
        } finally {
            deleteTree(base);
        }
    }

    private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgres && asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Path out = Files.createTempFile("jpyro-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .directory(new File("/")).start();
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd + "\n" + Files.readString(out));
            }
            if (p.exitValue() != 0) {
                String log = base.resolve("postgres.log").toFile().isFile()
                        ? Files.readString(base.resolve("postgres.log"), StandardCharsets.UTF_8) : "";
                throw new IllegalStateException("failed (" + p.exitValue() + "): " + cmd + "\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + log);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(PrivatePostgres::majorVersion)).orElse(null);
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("private postgres: cannot delete " + dir + ": " + e);
        }
    }
}
