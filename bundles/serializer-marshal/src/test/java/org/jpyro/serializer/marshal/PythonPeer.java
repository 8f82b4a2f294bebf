package org.jpyro.serializer.marshal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/** CPython's marshal as a reference, through {@code marshal_peer.py} run by Debian's {@code /usr/bin/python3}. */
final class PythonPeer implements AutoCloseable {
    static final Path PYTHON = Paths.get("/usr/bin/python3");

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private PythonPeer(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the peer; skips the test when Python is missing, unless env CI is "true" (then it fails). */
    static PythonPeer start() throws IOException {
        boolean present = Files.isExecutable(PYTHON);
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(present, "no " + PYTHON);
        }
        Path script = Files.createTempFile("marshal_peer", ".py");
        try (InputStream s = PythonPeer.class.getResourceAsStream("/marshal_peer.py")) {
            Files.write(script, s.readAllBytes());
        }
        script.toFile().deleteOnExit();
        Process p = new ProcessBuilder(PYTHON.toString(), "-S", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new PythonPeer(p);
    }

    /** Sends one command and returns its first answer line. */
    String ask(String command) {
        try {
            in.write(command);
            in.write('\n');
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("python peer ended");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one more answer line (for multi-line answers). */
    String next() {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        in.close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
