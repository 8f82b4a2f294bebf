package org.jpyro.tools;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;

/**
 * {@code bench}: the Java counterpart of Pyro's benchmark example. Calls one method of any Pyro server (jpyro,
 * Python Pyro4 or Pyro5) as fast as it can, in one of four modes: {@code call} (normal calls), {@code oneway}
 * (oneway calls, each thread ending with a ping so the time covers the server reading them), {@code batch}
 * (calls sent in batches of {@code --batchsize}) or {@code connect} (a new proxy per call: connect, handshake,
 * call, close). It warms up with one untimed run, then prints {@code calls/s: N (µs/call: M)} per run and the
 * median of the runs. µs/call is the wall time of a run divided by its calls (with several threads: the inverse
 * of the throughput, not the latency of one call).
 */
final class BenchTool implements Tool {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure the call rate of any Pyro server (calls/s per run and the median), like Pyro's benchmark";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        PyroConfig config = PyroConfig.fromEnvironment();
        Options options = new Options("jpyro bench --uri URI [options]")
                .value("u", "uri", "the uri of the object to call (PYRO:, PYRONAME:, PYROMETA:)")
                .value("m", "method", "the method to call (default echo)")
                .value("a", "arg", "its one string argument (default hello)")
                .value(null, "mode", "call | oneway | batch | connect (default call)")
                .value("n", "calls", "calls per run, all threads together (default 10000)")
                .value("t", "threads", "client threads (default 1), each with its own proxy unless --shared")
                .flag(null, "shared", "all threads share one proxy (jpyro proxies are thread-safe)")
                .value("s", "serializer", "serializer (default " + config.getString(ConfigItem.SERIALIZER) + ")")
                .value("p", "protocol", "4 or 5: the server's Pyro protocol (default " + config.protocolVersion().libraryName()
                        + "; Python Pyro4 servers need 4)")
                .value("r", "runs", "timed runs (default 5)")
                .value(null, "batchsize", "calls per batch in batch mode (default 100)")
                .value(null, "warmup", "calls of the untimed warm-up run (default: --calls)");
        if (Options.wantsHelp(args)) {
            out.print(options.help());
            return 0;
        }
        options.parse(args, 0);
        if (!options.positional().isEmpty()) {
            throw new Options.UsageException("unexpected arguments: " + options.positional());
        }
        BenchPlan plan = plan(options, config);
        out.println("bench: " + plan.describe());
        out.flush();
        String micro = microSign(out);
        BenchRunner runner = new BenchRunner(plan);
        try {
            runner.open();
            runner.run(plan.warmupCalls());
            double[] rates = new double[plan.runs()];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = runner.run(plan.calls());
                out.println(line("calls/s", rates[i], micro));
                out.flush();
            }
            Arrays.sort(rates);
            double median = rates.length % 2 == 1 ? rates[rates.length / 2]
                    : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
            out.println(line("median calls/s", median, micro));
        } catch (PyroException | BenchRunner.BenchFailure e) {
            Throwable cause = e instanceof BenchRunner.BenchFailure ? e.getCause() : e;
            err.println("bench: error: " + cause);
            if (plan.protocol() == ProtocolVersion.PYRO5) {
                err.println("bench: (a Python Pyro4 server? add --protocol 4)");
            }
            return 1;
        } finally {
            runner.close();
        }
        out.flush();
        return 0;
    }

    private static BenchPlan plan(Options o, PyroConfig config) {
        String uri = o.get("uri", null);
        if (uri == null) {
            throw new Options.UsageException("--uri is required");
        }
        PyroURI parsed;
        try {
            parsed = PyroURI.parse(uri);
        } catch (RuntimeException e) {
            throw new Options.UsageException("invalid uri: " + e.getMessage());
        }
        BenchPlan.Mode mode;
        try {
            mode = BenchPlan.Mode.valueOf(o.get("mode", "call").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException("--mode must be call, oneway, batch or connect");
        }
        ProtocolVersion protocol;
        try {
            protocol = o.has("protocol") ? ProtocolVersion.parse(o.get("protocol", null)) : config.protocolVersion();
        } catch (IllegalArgumentException e) {
            throw new Options.UsageException("--protocol must be 4 or 5");
        }
        int calls = positive(o, "calls", 10_000);
        int threads = positive(o, "threads", 1);
        if (threads > calls) {
            throw new Options.UsageException("--threads must not exceed --calls");
        }
        if (mode == BenchPlan.Mode.CONNECT && o.has("shared")) {
            throw new Options.UsageException("--shared makes no sense in connect mode (a new proxy per call)");
        }
        int warmup = o.has("warmup") ? o.getInt("warmup", 0) : calls;
        if (warmup < 0) {
            throw new Options.UsageException("--warmup must not be negative");
        }
        return new BenchPlan(parsed, o.get("method", "echo"), o.get("arg", "hello"), mode, calls, threads,
                o.has("shared"), o.get("serializer", config.getString(ConfigItem.SERIALIZER)), protocol,
                positive(o, "runs", 5), positive(o, "batchsize", 100), warmup, config);
    }

    private static int positive(Options o, String name, int defaultValue) {
        int v = o.getInt(name, defaultValue);
        if (v < 1) {
            throw new Options.UsageException("--" + name + " must be at least 1");
        }
        return v;
    }

    static String line(String label, double callsPerSecond, String micro) {
        return String.format(Locale.ROOT, "%s: %.0f (%ss/call: %.1f)", label, callsPerSecond, micro, 1e6 / callsPerSecond);
    }

    /** {@code µ} when the output can show it (tests and UTF-8 terminals), else {@code u}. */
    private static String microSign(PrintStream out) {
        if (out != System.out) {
            return "µ";
        }
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            Charset cs = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
            return cs.newEncoder().canEncode('µ') ? "µ" : "u";
        } catch (RuntimeException e) {
            return "u";
        }
    }
}
