package org.jpyro.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The run.sh table from a JMH CSV and the Python rates. */
class ResultTableTest {
    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
            + "\"Param: protocol\",\"Param: servertype\"";

    private static String row(String name, int threads, double score, String protocol, String servertype) {
        return "\"org.jpyro.benchmarks." + name + "\",\"thrpt\"," + threads + ",3," + score + ",12.5,\"ops/s\"," + protocol + "," + servertype;
    }

    @Test
    void ratiosAreToRawOfTheSameThreadsAndToPythonOfTheSameMode() {
        List<String> csv = List.of(HEADER,
                row("RawSocketBenchmark.call", 1, 50000, "PYRO5", ""),
                row("CallBenchmark.call", 1, 40000, "PYRO5", "thread"),
                row("RawSocketBenchmark.call4", 4, 80000, "PYRO5", ""),
                row("CallBenchmark.call4", 4, 60000, "PYRO5", "multiplex"),
                row("RmiBenchmark.call", 1, 25000, "", ""),
                row("CallBenchmark.oneway", 1, 300000, "PYRO5", "thread"),
                row("CallBenchmark.batch", 1, 500000, "PYRO5", "multiplex"));
        List<String> rates = List.of(ResultTable.PYTHON_BASELINE + "\toneway\t1500",
                ResultTable.PYTHON_BASELINE + "\tbatch\t40000",
                "jpyro bench -> python\tbatch\t35000", "garbage line");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultTable.print(csv, rates, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s).*raw socket ping-pong, thread per connection +1 +50000 +20\\.0 +1\\.00\n.*"), out);
        assertTrue(out.matches("(?s).*jpyro, thread server +1 +40000 +25\\.0 +0\\.80\n.*"), out);
        assertTrue(out.matches("(?s).*Java RMI +1 +25000 +40\\.0 +0\\.50\n.*"), out);
        assertTrue(out.matches("(?s).*4 client threads.*jpyro, multiplex server +4 +60000 +16\\.7 +0\\.75\n.*"), out);
        assertTrue(out.matches("(?s).*jpyro, multiplex server +1 +- +- +-\n.*"), "missing results are dashes: " + out);
        assertTrue(out.matches("(?s).*oneway.*jpyro -> jpyro, thread server, PYRO5 \\(JMH\\) +1 +300000 +3\\.3 +200\\.00\n.*"), out);
        assertTrue(out.matches("(?s).*batch.*jpyro -> jpyro, multiplex server, PYRO5 \\(JMH\\) +1 +500000 +2\\.0 +12\\.50\n.*"), out);
        assertTrue(out.matches("(?s).*batch.*jpyro bench -> python +1 +35000 +28\\.6 +0\\.88\n.*"), out);
    }
}
