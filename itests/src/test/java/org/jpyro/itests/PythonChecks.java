package org.jpyro.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs one of the Python check scripts to its end and turns what it printed into JUnit tests: one per
 * {@code CHECK {...}} line, plus one that the script finished cleanly ({@code DONE n}, exit code 0) and one
 * that every check the Java side insists on actually ran — a check that silently vanished is a failure too.
 */
public final class PythonChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One check as the script reported it. */
    public record Check(String name, boolean ok, String detail, double seconds) {
    }

    private final String title;
    private final int exitCode;
    private final boolean done;
    private final Map<String, Check> checks;
    private final String peerReport;
    private final String peerStderr;

    private PythonChecks(String title, int exitCode, boolean done, Map<String, Check> checks, String peerReport, String peerStderr) {
        this.title = title;
        this.exitCode = exitCode;
        this.done = done;
        this.checks = checks;
        this.peerReport = peerReport;
        this.peerStderr = peerStderr;
    }

    /** Runs {@code python/<script> args...} with this environment and waits at most {@code timeout} for it. */
    public static PythonChecks run(String title, Duration timeout, Map<String, String> environment, String script, String... args)
            throws Exception {
        try (PeerProcess peer = PythonPeer.script(script, environment, args)) {
            int exit;
            try {
                exit = peer.awaitExit(timeout);
            } catch (AssertionError timedOut) {
                exit = Integer.MIN_VALUE;
            }
            Map<String, Check> checks = new LinkedHashMap<>();
            boolean done = false;
            for (String line : peer.stdout().split("\n")) {
                if (line.startsWith("CHECK ")) {
                    JsonNode n = JSON.readTree(line.substring(6));
                    Check c = new Check(n.get("name").asText(), n.get("ok").asBoolean(), n.path("detail").asText(""),
                            n.path("seconds").asDouble());
                    checks.put(c.name(), c);
                } else if (line.startsWith("DONE ")) {
                    done = Integer.parseInt(line.substring(5).trim()) == checks.size();
                }
            }
            return new PythonChecks(title, exit, done, checks, peer.report(), peer.stderr());
        }
    }

    /** The checks by name, in the order they ran. */
    public Map<String, Check> checks() {
        return checks;
    }

    /**
     * The JUnit tests: the script's completion, the presence of each of {@code required} (exact check names or
     * prefixes ending in {@code .}), then one test per check.
     */
    public Stream<DynamicTest> tests(List<String> required) {
        return tests(required, 0);
    }

    /** {@link #tests(List)}, and the script must have run at least {@code atLeast} checks. */
    public Stream<DynamicTest> tests(List<String> required, int atLeast) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(title + ": script ran to the end", () -> {
            if (exitCode == Integer.MIN_VALUE) {
                fail("the script did not finish in time\n" + peerReport);
            }
            assertEquals(0, exitCode, "exit code\n" + peerReport);
            assertTrue(done, "no DONE line matching the checks\n" + peerReport);
        }));
        tests.add(DynamicTest.dynamicTest(title + ": every required check ran", () -> {
            List<String> missing = new ArrayList<>();
            for (String r : required) {
                boolean present = r.endsWith(".") ? checks.keySet().stream().anyMatch(k -> k.startsWith(r)) : checks.containsKey(r);
                if (!present) {
                    missing.add(r);
                }
            }
            assertTrue(missing.isEmpty(), "checks that did not run: " + missing + "\n" + peerReport);
            assertTrue(checks.size() >= atLeast, "only " + checks.size() + " checks ran, expected at least " + atLeast
                    + "\n" + peerReport);
        }));
        for (Check c : checks.values()) {
            tests.add(DynamicTest.dynamicTest(title + ": " + c.name(), () -> {
                if (!c.ok()) {
                    fail(c.name() + " failed in the Python peer:\n" + c.detail() + "\n--- peer stderr:\n" + peerStderr);
                }
            }));
        }
        return tests.stream();
    }
}
