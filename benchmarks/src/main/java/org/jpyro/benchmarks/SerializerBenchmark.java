package org.jpyro.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode + decode throughput of each serializer, no sockets: a small call ({@code echo('hello')} as an INVOKE
 * payload) and a 1 MB value (a 1 MB {@code byte[]}, or a list of 100k small ints) as a result payload. Each
 * serializer speaks Pyro5 when it exists there, else Pyro4 (pickle). The {@code serializer} parameter lists all
 * of Pyro's names; pass {@code -p serializer=...} with those present in the registry
 * ({@link SerializerCatalog} prints them, {@code benchmarks/run.sh --serializers} does it for you).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerializerBenchmark {
    /** One serializer from {@link SerializerRegistry#defaultRegistry()} and the protocol version it is used in. */
    @State(Scope.Benchmark)
    public static class SerializerState {
        /** Pyro's serializer name. */
        @Param({"serpent", "json", "marshal", "msgpack", "pickle"})
        public String serializer;

        Serializer codec;
        ProtocolVersion version;

        /** Looks the serializer up; fails the trial when it is not installed. */
        @Setup(Level.Trial)
        public void lookUp() {
            codec = SerializerRegistry.defaultRegistry().byName(serializer);
            if (codec == null) {
                throw new IllegalStateException("serializer " + serializer + " is not in the registry; present: "
                        + SerializerCatalog.names());
            }
            version = SerializerCatalog.versionFor(codec);
        }
    }

    /** The large value of one round trip. */
    @State(Scope.Benchmark)
    public static class PayloadState {
        /** {@code bytes1m}: a 1 MB byte[]; {@code ints100k}: a list of 100,000 ints 0..99. */
        @Param({"bytes1m", "ints100k"})
        public String payload;

        Object value;

        /** Builds the value. */
        @Setup(Level.Trial)
        public void build() {
            value = SerializerCatalog.payload(payload);
        }
    }

    /** The call of {@link CallBenchmark}, encoded and decoded. */
    @Benchmark
    public Call smallCall(SerializerState s) {
        byte[] bytes = s.codec.serializeCall(SerializerCatalog.SMALL_CALL, s.version);
        return s.codec.deserializeCall(bytes, s.version);
    }

    /** A 1 MB value, encoded and decoded. */
    @Benchmark
    public Object largeValue(SerializerState s, PayloadState p) {
        byte[] bytes = s.codec.serializeData(p.value, s.version);
        return s.codec.deserializeData(bytes, s.version);
    }

    /** Kept here so the payload builders have one home; see {@link SerializerCatalog}. */
    static List<Integer> smallInts(int n) {
        List<Integer> ints = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ints.add(i % 100);
        }
        return ints;
    }

    static Call smallCall() {
        return new Call(EchoTarget.OBJECT_ID, "echo", Tuple.of(EchoTarget.MESSAGE), Map.of());
    }
}
