package org.jpyro.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one table of benchmarks/run.sh: reads JMH's CSV results of {@link CallBenchmark}, {@link RawSocketBenchmark}
 * and {@link RmiBenchmark} and the rates measured outside JMH (Python Pyro4, the {@code bench} tool), and prints
 * calls/s per case with the ratio to the raw-socket ping-pong of the same threads (request/response calls) or to
 * Python Pyro4 client to Python Pyro4 server in the same mode (call, oneway, batch).
 * <p>
 * Usage: {@code ResultTable jmh.csv [rates.tsv]}; a rates line is {@code label TAB mode TAB calls-per-second}.
 */
public final class ResultTable {
    /** The label of the rates the Python comparison divides by. */
    public static final String PYTHON_BASELINE = "python Pyro4 client -> python Pyro4 echoserver";

    private final Map<String, Double> jmh = new HashMap<>();
    private final Set<String> protocols = new LinkedHashSet<>();
    private final List<String[]> rates = new ArrayList<>();

    private ResultTable() {
    }

    /** Prints the table for the files named in {@code args}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ResultTable jmh.csv [rates.tsv]");
            System.exit(2);
        }
        List<String> csv = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        List<String> tsv = args.length > 1 && Files.exists(Path.of(args[1]))
                ? Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8) : List.of();
        print(csv, tsv, System.out);
    }

    /** Prints the table of these JMH CSV lines and rates lines. */
    public static void print(List<String> csv, List<String> tsv, PrintStream out) {
        ResultTable t = new ResultTable();
        t.readCsv(csv);
        for (String line : tsv) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                t.rates.add(f);
            }
        }
        t.print(out);
    }

    private static String key(String cls, String method, String protocol, String servertype) {
        return cls + "." + method + "|" + protocol + "|" + servertype;
    }

    private void readCsv(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = fields(lines.get(0));
        int name = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int protocol = header.indexOf("Param: protocol");
        int servertype = header.indexOf("Param: servertype");
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            if (f.size() < header.size()) {
                continue;
            }
            String[] parts = f.get(name).split("\\.");
            if (parts.length < 2) {
                continue;
            }
            String p = protocol >= 0 ? f.get(protocol) : "";
            String s = servertype >= 0 ? f.get(servertype) : "";
            if (!p.isEmpty()) {
                protocols.add(p);
            }
            try {
                jmh.put(key(parts[parts.length - 2], parts[parts.length - 1], p, s), Double.parseDouble(f.get(score)));
            } catch (NumberFormatException e) {
                // not a result row
            }
        }
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            out.add(f.replace("\"", "").trim());
        }
        return out;
    }

    private Double get(String cls, String method, String protocol, String servertype) {
        return jmh.get(key(cls, method, protocol, servertype));
    }

    private void print(PrintStream out) {
        String[][] groups = {
            {"call", "1", "sequential calls (1 thread, 1 connection)"},
            {"call4", "4", "4 client threads, a connection each"},
            {"call32", "32", "32 client threads, a connection each"},
            {"connect", "1", "a new connection per call: connect (+ handshake), call, close"},
        };
        for (String protocol : protocols) {
            out.printf(Locale.ROOT, "=== echo('hello') over loopback, %s frames, %d cores: calls/s and ratio to the raw socket ping-pong ===%n",
                    protocol, Runtime.getRuntime().availableProcessors());
            header(out, "case", "threads", "x raw");
            for (String[] g : groups) {
                out.println(g[2]);
                Double raw = get("RawSocketBenchmark", g[0], protocol, "");
                row(out, "raw socket ping-pong, thread per connection", g[1], raw, raw);
                for (String type : new String[] {"thread", "multiplex"}) {
                    row(out, "jpyro, " + type + " server", g[1], get("CallBenchmark", g[0], protocol, type), raw);
                }
                if (g[0].equals("call4")) {
                    for (String type : new String[] {"thread", "multiplex"}) {
                        row(out, "jpyro, " + type + " server, 4 threads sharing 1 proxy", "4",
                                get("CallBenchmark", "shared4", protocol, type), raw);
                    }
                }
                if (!g[0].equals("connect")) {
                    row(out, "Java RMI", g[1], get("RmiBenchmark", g[0], "", ""), raw);
                }
            }
            out.println();
        }
        Map<String, Double> python = new HashMap<>();
        for (String[] r : rates) {
            if (r[0].equals(PYTHON_BASELINE)) {
                python.put(r[1], parse(r[2]));
            }
        }
        out.println("=== against Python Pyro4 on this machine: calls/s and ratio to " + PYTHON_BASELINE + ", same mode ===");
        header(out, "mode / case", "threads", "x py4");
        for (String mode : new String[] {"call", "oneway", "batch"}) {
            out.println(mode + (mode.equals("batch") ? " (" + CallBenchmark.BURST + " calls per request)" : "")
                    + (mode.equals("oneway") ? " (a normal call after every " + CallBenchmark.BURST + ")" : ""));
            Double base = python.get(mode);
            for (String protocol : protocols) {
                for (String type : new String[] {"thread", "multiplex"}) {
                    row(out, "jpyro -> jpyro, " + type + " server, " + protocol + " (JMH)", "1",
                            get("CallBenchmark", mode, protocol, type), base);
                }
            }
            for (String[] r : rates) {
                if (r[1].equals(mode)) {
                    row(out, r[0], "1", parse(r[2]), base);
                }
            }
        }
    }

    private static Double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void header(PrintStream out, String what, String threads, String ratio) {
        out.printf(Locale.ROOT, "  %-58s %7s %12s %9s %8s%n", what, threads, "calls/s", "us/call", ratio);
    }

    private static void row(PrintStream out, String label, String threads, Double rate, Double base) {
        String r = rate == null ? "-" : String.format(Locale.ROOT, "%.0f", rate);
        String us = rate == null ? "-" : String.format(Locale.ROOT, "%.1f", 1e6 / rate);
        String ratio = rate == null || base == null || base <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", rate / base);
        out.printf(Locale.ROOT, "  %-58s %7s %12s %9s %8s%n", label, threads, r, us, ratio);
    }
}
