package org.jpyro.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.serializer.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The serializer benchmark's setup and one invocation per present serializer, outside JMH. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SerializerBenchmarkSmokeTest {

    @Test
    void everyPresentSerializerRoundTripsTheBenchmarkPayloads() {
        String names = SerializerCatalog.names();
        assertTrue(names.contains("serpent"), names);
        SerializerBenchmark bench = new SerializerBenchmark();
        for (String name : names.split(",")) {
            SerializerBenchmark.SerializerState s = new SerializerBenchmark.SerializerState();
            s.serializer = name;
            s.lookUp();
            Call call = bench.smallCall(s);
            assertEquals("echo", call.method(), name);
            assertEquals(List.of(EchoTarget.MESSAGE), List.copyOf(call.args()), name);
            for (String payload : new String[] {"bytes1m", "ints100k"}) {
                SerializerBenchmark.PayloadState p = new SerializerBenchmark.PayloadState();
                p.payload = payload;
                p.build();
                Object back = bench.largeValue(s, p);
                assertFalse(back == null, name + " " + payload);
                if (payload.equals("ints100k")) {
                    assertEquals(100_000, ((List<?>) back).size(), name);
                }
            }
        }
    }
}
