package org.jpyro.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;

/**
 * What idle connections cost a multiplex daemon: starts a daemon with SERVERTYPE {@code multiplex} in this JVM,
 * lets a second JVM ({@link Clients}) open N connections to it (default 10,000; each a proxy that connected,
 * handshook and made one call, then stays idle), checks a fresh proxy still gets its call answered, and prints
 * this JVM's heap used and thread count before and after. The clients run in their own JVM so their heap does
 * not count. Needs N + some file descriptors in both JVMs ({@code ulimit -n}); benchmarks/run.sh raises it.
 * <p>
 * Usage: {@code java -cp benchmarks.jar org.jpyro.benchmarks.IdleConnections [N] [servertype]}
 */
public final class IdleConnections {
    private IdleConnections() {
    }

    /** Runs the measurement; exit code 1 when the clients could not connect them all. */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String servertype = args.length > 1 ? args[1] : "multiplex";
        int code = run(count, servertype, System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Measures {@code count} idle connections to a daemon of that server type; returns 0, or 1 on failure. */
    static int run(int count, String servertype, PrintStream out) throws IOException, InterruptedException {
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.SERVERTYPE, servertype)
                .with(ConfigItem.THREADPOOL_SIZE, Math.max(count + 16, 80));
        try (Daemon daemon = Daemon.builder().host("127.0.0.1").port(0).config(config).build()) {
            PyroURI uri = daemon.register(new EchoTarget(), EchoTarget.OBJECT_ID);
            daemon.start();
            String info = callOnce(uri, config, daemon);
            if (servertype.equals("multiplex") && !info.toLowerCase(Locale.ROOT).contains("multiplex")) {
                out.println("idle connections: asked for a multiplex server, the daemon says: " + info);
                return 1;
            }
            long heapBefore = usedHeapAfterGc();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            out.printf(Locale.ROOT, "idle connections: %s; %,d connections from a second JVM%n", info, count);

            Process clients = new ProcessBuilder(javaCommand(), "-Xss256k", "-cp", System.getProperty("java.class.path"),
                    Clients.class.getName(), uri.toString(), String.valueOf(count))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader fromClients = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
                String line;
                int connected = -1;
                long started = System.nanoTime();
                while ((line = fromClients.readLine()) != null) {
                    if (line.startsWith("connected ")) {
                        connected = Integer.parseInt(line.substring("connected ".length()).trim());
                        break;
                    }
                    out.println("  clients: " + line);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                if (connected < 0) {
                    out.println("idle connections: the client JVM ended before connecting (see its errors above)");
                    return 1;
                }
                long callStart = System.nanoTime();
                callOnce(uri, config, daemon);
                double callMillis = (System.nanoTime() - callStart) / 1e6;
                long heapAfter = usedHeapAfterGc();
                int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
                out.printf(Locale.ROOT, "idle connections: %,d connected in %.1f s (connect + handshake + one call each)%n", connected, seconds);
                out.printf(Locale.ROOT, "idle connections: heap used before %.1f MB, after %.1f MB: %.1f MB more, %.0f bytes per connection%n",
                        heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1e6,
                        connected == 0 ? 0.0 : (heapAfter - heapBefore) / (double) connected);
                out.printf(Locale.ROOT, "idle connections: daemon JVM threads before %d, after %d; a new proxy's call with them all open took %.1f ms%n",
                        threadsBefore, threadsAfter, callMillis);
                if (connected < count) {
                    out.printf(Locale.ROOT, "idle connections: only %,d of %,d connected (file descriptors? ulimit -n is per process)%n", connected, count);
                    return 1;
                }
                return 0;
            } finally {
                clients.getOutputStream().close(); // the clients' cue to close and exit
                if (!clients.waitFor(60, TimeUnit.SECONDS)) {
                    clients.destroyForcibly();
                }
            }
        }
    }

    private static String callOnce(PyroURI uri, PyroConfig config, Daemon daemon) {
        try (Proxy p = new Proxy(uri, config)) {
            if (!EchoTarget.MESSAGE.equals(p.call("echo", EchoTarget.MESSAGE))) {
                throw new IllegalStateException("bad echo");
            }
        }
        try (Proxy self = new Proxy(daemon.uriFor(Daemon.DAEMON_OBJECT_ID), config)) {
            return String.valueOf(self.call("info"));
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String javaCommand() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /**
     * The client JVM: opens N proxies to the uri (connect, handshake, one call), prints {@code connected N} (fewer
     * if it hits an error, which it reports on stderr), then holds them until its standard input closes.
     */
    public static final class Clients {
        private Clients() {
        }

        /** {@code Clients <uri> <count>}. */
        public static void main(String[] args) throws IOException {
            PyroURI uri = PyroURI.parse(args[0]);
            int count = Integer.parseInt(args[1]);
            PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5);
            List<Proxy> proxies = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    Proxy p = new Proxy(uri, config);
                    proxies.add(p);
                    p.call("echo", EchoTarget.MESSAGE);
                    if ((i + 1) % 2000 == 0) {
                        System.out.println((i + 1) + " open");
                        System.out.flush();
                    }
                }
            } catch (RuntimeException e) {
                proxies.remove(proxies.size() - 1).close();
                System.err.println("idle connections: connection " + (proxies.size() + 1) + " failed: " + e
                        + (String.valueOf(e).contains("Too many open files") ? " (raise ulimit -n)" : ""));
            }
            System.out.println("connected " + proxies.size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the connections until the parent closes our stdin
            }
            for (Proxy p : proxies) {
                p.close();
            }
        }
    }
}
