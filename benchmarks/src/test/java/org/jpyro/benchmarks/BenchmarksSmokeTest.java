package org.jpyro.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ProtocolVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each benchmark's setup, invocations and teardown, outside JMH: a broken benchmark fails the build. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchmarksSmokeTest {

    /** Starts the server; a multiplex server that has not landed in the daemon yet aborts (skips) the test. */
    private static CallBenchmark.Server startServer(String protocol, String servertype) {
        CallBenchmark.Server server = new CallBenchmark.Server();
        server.protocol = protocol;
        server.servertype = servertype;
        try {
            server.start();
        } catch (IllegalStateException e) {
            server.stop();
            if (servertype.equals("multiplex") && String.valueOf(e.getMessage()).startsWith("asked for a multiplex server")) {
                Assumptions.abort("no multiplex server in this daemon yet: " + e.getMessage());
            }
            throw e;
        }
        return server;
    }

    @ParameterizedTest
    @CsvSource({"PYRO5,thread", "PYRO4,thread", "PYRO5,multiplex", "PYRO4,multiplex"})
    void everyCallBenchmarkEchoes(String protocol, String servertype) {
        CallBenchmark b = new CallBenchmark();
        CallBenchmark.Server server = startServer(protocol, servertype);
        CallBenchmark.Client client = new CallBenchmark.Client();
        CallBenchmark.SharedClient shared = new CallBenchmark.SharedClient();
        try {
            client.connect(server);
            shared.connect(server);
            for (int i = 0; i < 20; i++) {
                assertEquals(EchoTarget.MESSAGE, b.call(client));
                assertEquals(EchoTarget.MESSAGE, b.call4(client));
                assertEquals(EchoTarget.MESSAGE, b.call32(client));
                assertEquals(EchoTarget.MESSAGE, b.shared4(shared));
                assertEquals(EchoTarget.MESSAGE, b.connect(server));
                assertEquals(EchoTarget.MESSAGE, b.oneway(client));
                assertEquals(CallBenchmark.BURST, ((List<?>) b.batch(client)).size());
            }
        } finally {
            client.close();
            shared.close();
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void frameSizesArePlausible(ProtocolVersion version) {
        FrameSizes sizes = FrameSizes.measure(version);
        int header = version == ProtocolVersion.PYRO5 ? 40 : 24;
        assertTrue(sizes.request() > header + "('bench.echo','echo',('hello',),{})".length(), "request " + sizes);
        assertTrue(sizes.response() > header + "'hello'".length(), "response " + sizes);
        assertTrue(sizes.request() < 512 && sizes.response() < 512, "tiny call frames " + sizes);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void rawSocketBenchmarkPingPongsOnSeveralConnections(ProtocolVersion version) throws Exception {
        RawSocketBenchmark b = new RawSocketBenchmark();
        RawSocketBenchmark.Server server = new RawSocketBenchmark.Server();
        server.protocol = version.name();
        server.start();
        RawSocketBenchmark.Client one = new RawSocketBenchmark.Client();
        RawSocketBenchmark.Client two = new RawSocketBenchmark.Client();
        try {
            one.connect(server);
            two.connect(server);
            int size = FrameSizes.measure(version).response();
            for (int i = 0; i < 100; i++) {
                assertEquals(size, b.call(one));
                assertEquals(size, b.call4(two));
                assertEquals(size, b.call32(one));
                assertEquals(size, b.connect(two));
            }
        } finally {
            one.close();
            two.close();
            server.stop();
        }
    }

    @Test
    void rmiBenchmarkEchoes() throws Exception {
        RmiBenchmark b = new RmiBenchmark();
        RmiBenchmark.Server server = new RmiBenchmark.Server();
        server.start();
        try {
            for (int i = 0; i < 100; i++) {
                assertEquals(EchoTarget.MESSAGE, b.call(server));
                assertEquals(EchoTarget.MESSAGE, b.call4(server));
                assertEquals(EchoTarget.MESSAGE, b.call32(server));
            }
        } finally {
            server.stop();
        }
    }
}
