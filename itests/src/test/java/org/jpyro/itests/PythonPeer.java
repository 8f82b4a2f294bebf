package org.jpyro.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Starts Python peers: Debian's {@code /usr/bin/python3} (system property {@code jpyro.python}) running a
 * script from {@code src/test/resources/python} or a module such as {@code Pyro4.test.echoserver}, unbuffered,
 * as a {@link PeerProcess}. {@link #requirePyro4()} skips a test when Pyro4 is missing locally, but fails it
 * when the environment variable {@code CI} is {@code true}: CI installs Pyro4, so missing it there is a defect.
 */
public final class PythonPeer {
    public static final String PYTHON = System.getProperty("jpyro.python", "/usr/bin/python3");

    private static volatile String pyro4Problem;
    private static volatile boolean pyro4Checked;

    private PythonPeer() {
    }

    /** Aborts (locally) or fails (in CI) the calling test unless Pyro4 imports in {@link #PYTHON}. */
    public static void requirePyro4() {
        if (!pyro4Checked) {
            pyro4Problem = probePyro4();
            pyro4Checked = true;
        }
        String problem = pyro4Problem;
        if (problem != null) {
            requireOrSkip(problem);
        }
    }

    /** Fails under CI, aborts (skips) the test otherwise. */
    public static void requireOrSkip(String problem) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(problem + " (CI=true: interop peers are required here)");
        }
        Assumptions.abort(problem + " (skipped; set CI=true to make this a failure)");
    }

    private static String probePyro4() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " is not there";
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import Pyro4, serpent; print(Pyro4.__version__)")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return PYTHON + " did not answer within 20 s";
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 ? null : "Pyro4 is not importable by " + PYTHON + ": " + out;
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Runs {@code python/<script>} from the test resources with these arguments. */
    public static PeerProcess script(String script, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", scriptPath(script).toString()));
        command.addAll(List.of(args));
        return PeerProcess.start(command, pythonEnvironment(environment));
    }

    /** Runs a module ({@code python3 -m module args...}). */
    public static PeerProcess module(String module, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", "-m", module));
        command.addAll(List.of(args));
        return PeerProcess.start(command, pythonEnvironment(environment));
    }

    /**
     * Starts Pyro4's own test echo server on 127.0.0.1 and an OS-chosen port and returns it once it printed
     * its uri (see {@link #awaitEchoUri(PeerProcess)}).
     */
    public static PeerProcess pyro4EchoServer() throws IOException {
        return module("Pyro4.test.echoserver", Map.of("PYRO_SERIALIZERS_ACCEPTED", "serpent,json,marshal"),
                "-H", "127.0.0.1", "-p", "0");
    }

    /** Waits for the {@code echo uri: ...} line Pyro's (and jpyro's) echo server prints once it accepts calls. */
    public static String awaitEchoUri(PeerProcess peer) throws InterruptedException {
        return peer.awaitLine("echo uri:", Duration.ofSeconds(30));
    }

    private static Map<String, String> pythonEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.putAll(extra);
        return env;
    }

    private static Path scriptPath(String script) throws IOException {
        URL url = PythonPeer.class.getResource("/python/" + script);
        if (url == null) {
            throw new IOException("no test resource python/" + script);
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        Path copy = Files.createTempFile("jpyro-", "-" + script);
        copy.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }
}
