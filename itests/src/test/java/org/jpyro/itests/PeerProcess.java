package org.jpyro.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A peer program started by a test as a separate process: its standard output is read line by line (so a
 * test can wait for a ready line with a timeout), its standard error is collected for failure messages, and
 * {@link #close()} destroys the whole process tree. Nothing here ever waits without a bound.
 */
public final class PeerProcess implements AutoCloseable {
    private static final int MAX_KEPT_CHARS = 1024 * 1024;
    private static final Object EOF = new Object();

    private final String description;
    private final Process process;
    private final BlockingQueue<Object> stdoutLines = new LinkedBlockingQueue<>();
    private final StringBuilder stdoutLog = new StringBuilder();
    private final StringBuilder stderrLog = new StringBuilder();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private PeerProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        this.stdoutPump = pump(process.getInputStream(), "stdout", line -> {
            append(stdoutLog, line);
            stdoutLines.add(line);
        });
        this.stderrPump = pump(process.getErrorStream(), "stderr", line -> append(stderrLog, line));
    }

    /** Starts {@code command} with these extra environment variables; the standard input is closed at once. */
    public static PeerProcess start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new PeerProcess(String.join(" ", command), process);
    }

    private Thread pump(InputStream stream, String name, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException closed) {
                // the process went away; what was read so far is kept
            } finally {
                if (name.equals("stdout")) {
                    stdoutLines.add(EOF);
                }
            }
        }, "peer-" + name + "-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void append(StringBuilder log, String line) {
        synchronized (log) {
            if (log.length() < MAX_KEPT_CHARS) {
                log.append(line).append('\n');
            }
        }
    }

    /**
     * Waits for the next standard-output line that starts with {@code prefix} and returns the rest of it,
     * trimmed; fails with the peer's output when the process ends first or {@code timeout} passes.
     */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object line = left <= 0 ? null : stdoutLines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeout + "\n" + report());
            }
            if (line == EOF) {
                stdoutLines.add(EOF);
                throw new AssertionError("peer ended before printing '" + prefix + "'\n" + report());
            }
            String text = (String) line;
            if (text.startsWith(prefix)) {
                return text.substring(prefix.length()).trim();
            }
        }
    }

    /** Waits for the process to exit by itself; fails with its output when it does not within {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("peer did not exit within " + timeout + "\n" + report());
        }
        stdoutPump.join(2000);
        stderrPump.join(2000);
        return process.exitValue();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every standard-output line read so far (bounded). */
    public String stdout() {
        synchronized (stdoutLog) {
            return stdoutLog.toString();
        }
    }

    /** The standard-output lines read so far (bounded). */
    public List<String> stdoutLines() {
        return stdout().lines().collect(java.util.stream.Collectors.toList());
    }

    /** Every standard-error line read so far (bounded). */
    public String stderr() {
        synchronized (stderrLog) {
            return stderrLog.toString();
        }
    }

    /** What to show when a test involving this peer fails: the command, its exit state and its output. */
    public String report() {
        String state = process.isAlive() ? "running" : "exit code " + process.exitValue();
        return "--- peer: " + description + " (" + state + ")\n--- stdout:\n" + stdout() + "--- stderr:\n" + stderr() + "---";
    }

    /** Destroys the process and all its descendants: politely first, forcibly after a short grace period. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (ProcessHandle p : tree) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (Exception stillAlive) {
                p.destroyForcibly();
            }
        }
        try {
            process.waitFor(3, TimeUnit.SECONDS);
            stdoutPump.join(1000);
            stderrPump.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
