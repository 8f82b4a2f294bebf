package org.jpyro.itests.naming;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A peer process for the name server interop tests: standard output and error merged and read line by line,
 * bounded waits only, {@link #close()} destroys the process tree.
 */
final class NamingProcess implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private final Thread pump;

    private NamingProcess(Process process) {
        this.process = process;
        pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    output.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException gone) {
                // process ended
            } finally {
                lines.add(END);
            }
        }, "naming-peer-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts a command; {@code stdin} (may be null) is written to its standard input, which is then closed. */
    static NamingProcess start(List<String> command, Map<String, String> env, String stdin) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        return new NamingProcess(p);
    }

    /** Runs a command to its end (bounded) and returns everything it printed. */
    static String run(List<String> command, Map<String, String> env, String stdin, Duration timeout)
            throws IOException, InterruptedException {
        try (NamingProcess p = start(command, env, stdin)) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("did not finish within " + timeout + ": " + command + "\n" + p.output);
            }
            p.pump.join(5000);
            return p.output.toString();
        }
    }

    /** The rest of the first output line starting with the prefix; fails when the process ends or time is up. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line == END) {
                throw new AssertionError("no line starting with '" + prefix + "'\n" + output);
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    /** Everything printed so far. */
    String output() {
        return output.toString();
    }

    /** Kills the process with SIGKILL ({@code kill -9}) and waits (bounded) until it is gone. */
    void killForcibly() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + process.pid() + " survived SIGKILL");
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Skips the test when Python Pyro4 is missing, unless CI=true (then the test fails). */
    static void assumePyro4() throws IOException, InterruptedException {
        boolean present = new File(PYTHON).canExecute()
                && run(List.of(PYTHON, "-c", "import Pyro4; print('pyro4 ok')"), Map.of(), null,
                        Duration.ofSeconds(30)).contains("pyro4 ok");
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(present, "Python Pyro4 not installed for " + PYTHON);
        } else if (!present) {
            throw new AssertionError("CI=true but Python Pyro4 is missing for " + PYTHON);
        }
    }

    /** The jpyro.jar under test (system property {@code jpyro.jar}). */
    static String jpyroJar() {
        String jar = System.getProperty("jpyro.jar", "../bundles/tools/target/jpyro.jar");
        if (!new File(jar).isFile()) {
            throw new AssertionError("jpyro.jar not found at " + jar + " (build bundles/tools first)");
        }
        return jar;
    }

    /** The java executable running the tests. */
    static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
