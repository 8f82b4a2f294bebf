package org.jpyro.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.jpyro.api.ProtocolVersion;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each benchmark's setup, one invocation and teardown, outside JMH: a broken benchmark fails the build. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BenchmarksSmokeTest {

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void callBenchmarkEchoes(ProtocolVersion version) {
        CallBenchmark b = new CallBenchmark();
        b.protocol = version.name();
        b.start();
        try {
            for (int i = 0; i < 100; i++) {
                assertEquals(EchoTarget.MESSAGE, b.echo());
            }
        } finally {
            b.stop();
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
    void rawSocketBenchmarkPingPongs(ProtocolVersion version) throws Exception {
        RawSocketBenchmark b = new RawSocketBenchmark();
        b.protocol = version.name();
        b.start();
        try {
            int size = FrameSizes.measure(version).response();
            for (int i = 0; i < 100; i++) {
                assertEquals(size, b.pingPong());
            }
        } finally {
            b.stop();
        }
    }
}
