package org.jpyro.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jpyro.api.Expose;
import org.jpyro.api.PyroURI;
import org.jpyro.daemon.Daemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bench} against an in-process jpyro daemon whose echo object counts the calls it receives. */
@Timeout(60)
class BenchToolTest {
    private static final Pattern RUN_LINE = Pattern.compile("(?m)^calls/s: (\\d+) \\(µs/call: (\\d+\\.\\d)\\)$");
    private static final Pattern MEDIAN_LINE = Pattern.compile("(?m)^median calls/s: (\\d+) \\(µs/call: (\\d+\\.\\d)\\)$");

    /** An echo that counts its calls. */
    @Expose
    public static class CountingEcho {
        final AtomicInteger calls = new AtomicInteger();

        public Object echo(Object message) {
            calls.incrementAndGet();
            return message;
        }
    }

    private Daemon daemon;
    private CountingEcho echo;
    private PyroURI uri;

    @BeforeEach
    void start() {
        daemon = new Daemon("127.0.0.1", 0);
        echo = new CountingEcho();
        uri = daemon.register(echo, "bench.echo");
        daemon.start();
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result bench(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Checks {@code runs} run lines and a median line within their range; returns the rates. */
    private static List<Long> assertRunLines(Result r, int runs) {
        assertEquals(0, r.exit(), r.out() + r.err());
        List<Long> rates = new ArrayList<>();
        Matcher m = RUN_LINE.matcher(r.out());
        while (m.find()) {
            long rate = Long.parseLong(m.group(1));
            assertTrue(rate > 0, r.out());
            assertEquals(1e6 / rate, Double.parseDouble(m.group(2)), 1e6 / rate * 0.01 + 0.1, r.out());
            rates.add(rate);
        }
        assertEquals(runs, rates.size(), r.out());
        Matcher median = MEDIAN_LINE.matcher(r.out());
        assertTrue(median.find(), r.out());
        long mid = Long.parseLong(median.group(1));
        assertTrue(mid >= rates.stream().mapToLong(Long::longValue).min().orElseThrow() - 1
                && mid <= rates.stream().mapToLong(Long::longValue).max().orElseThrow() + 1, r.out());
        return rates;
    }

    private void awaitCalls(int expected) throws InterruptedException {
        for (int i = 0; i < 200 && echo.calls.get() < expected; i++) {
            Thread.sleep(25);
        }
        assertEquals(expected, echo.calls.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"call", "oneway", "batch", "connect"})
    void everyModeMakesExactlyTheCallsItReportsWithTwoThreads(String mode) throws Exception {
        Result r = bench("--uri", uri.toString(), "--mode", mode, "--calls", "40", "--threads", "2", "--runs", "3",
                "--warmup", "7", "--batchsize", "6");
        assertRunLines(r, 3);
        assertTrue(r.out().startsWith("bench: echo('hello') on " + uri + "; mode " + mode), r.out());
        // connect mode checks the call once when it opens
        awaitCalls(7 + 3 * 40 + (mode.equals("connect") ? 1 : 0));
    }

    @Test
    void threadsMaySharePyro4Proxy() throws Exception {
        Result r = bench("-u", uri.toString(), "-n", "45", "-t", "4", "--shared", "-r", "2", "--warmup", "0",
                "--protocol", "4", "--serializer", "json");
        assertRunLines(r, 2);
        assertTrue(r.out().contains("4 threads sharing one proxy, json, Pyro4; 2 runs"), r.out());
        assertEquals(90, echo.calls.get());
    }

    @Test
    void anEvenNumberOfRunsHasTheMeanOfTheMiddleTwoAsMedian() throws Exception {
        List<Long> rates = assertRunLines(bench("-u", uri.toString(), "-n", "20", "-r", "2", "--warmup", "0"), 2);
        Result again = bench("-u", uri.toString(), "-n", "20", "-r", "1", "--warmup", "0");
        assertRunLines(again, 1);
        Matcher run = RUN_LINE.matcher(again.out());
        Matcher median = MEDIAN_LINE.matcher(again.out());
        assertTrue(run.find() && median.find());
        assertEquals(run.group(1), median.group(1), "one run: the median is that run");
        assertEquals(2, rates.size());
    }

    @Test
    void failuresAndBadOptionsAreReported() throws Exception {
        Result noUri = bench("--calls", "10");
        assertEquals(2, noUri.exit());
        assertTrue(noUri.err().contains("bench: error: --uri is required"), noUri.err());
        assertEquals(2, bench("-u", uri.toString(), "--mode", "sideways").exit());
        assertEquals(2, bench("-u", uri.toString(), "--calls", "0").exit());
        assertEquals(2, bench("-u", uri.toString(), "--mode", "connect", "--shared").exit());
        assertEquals(0, bench("-h").exit());

        Result noMethod = bench("-u", uri.toString(), "-m", "nosuchmethod", "-n", "5", "-r", "1");
        assertEquals(1, noMethod.exit());
        assertTrue(noMethod.err().startsWith("bench: error: "), noMethod.err());
        assertTrue(noMethod.err().contains("nosuchmethod"), noMethod.err());

        Result badBatch = bench("-u", uri.toString(), "-m", "nosuchmethod", "--mode", "batch", "-n", "5", "-r", "1");
        assertEquals(1, badBatch.exit());
        assertTrue(badBatch.err().contains("nosuchmethod"), "the remote error of a batched call: " + badBatch.err());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Result refused = bench("-u", "PYRO:x@127.0.0.1:" + closedPort, "-n", "5", "-r", "1");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("add --protocol 4"), refused.err());
        assertEquals("", refused.out().replaceFirst("bench: [^\n]*\n", ""), "no rates when nothing was measured");
    }
}
