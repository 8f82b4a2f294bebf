package org.jpyro.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.ValueSource;

/** The idle-connections program with a few connections from its client JVM. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IdleConnectionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"thread", "multiplex"})
    void connectsThemAllAndReportsTheHeap(String servertype) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = IdleConnections.run(25, servertype, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        if (servertype.equals("multiplex") && out.contains("asked for a multiplex server")) {
            Assumptions.abort("no multiplex server in this daemon yet: " + out);
        }
        assertEquals(0, code, out);
        assertTrue(out.contains("idle connections: 25 connected in "), out);
        assertTrue(out.matches("(?s).*heap used before [0-9.]+ MB, after [0-9.]+ MB: -?[0-9.]+ MB more, -?[0-9]+ bytes per connection.*"), out);
        assertTrue(out.contains("daemon JVM threads before "), out);
    }
}
