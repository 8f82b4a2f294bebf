package org.jpyro.benchmarks;

import java.util.StringJoiner;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;

/**
 * The serializers present and the payloads of {@link SerializerBenchmark}. As a program: {@code --names} prints
 * the names in the registry, comma separated (for JMH's {@code -p serializer=}); without arguments a table of
 * encoded sizes per serializer and payload.
 */
public final class SerializerCatalog {
    /** The small call: {@code echo('hello')} on the benchmark's echo object. */
    static final Call SMALL_CALL = SerializerBenchmark.smallCall();
    private static final String[] PAYLOADS = {"bytes1m", "ints100k"};

    private SerializerCatalog() {
    }

    /** The names of the serializers in the default registry, comma separated, in Pyro's order. */
    public static String names() {
        StringJoiner j = new StringJoiner(",");
        for (String name : new String[] {"serpent", "json", "marshal", "msgpack", "pickle"}) {
            if (SerializerRegistry.defaultRegistry().byName(name) != null) {
                j.add(name);
            }
        }
        return j.toString();
    }

    /** Pyro5 where the serializer exists there, else Pyro4. */
    static ProtocolVersion versionFor(Serializer s) {
        return s.id(ProtocolVersion.PYRO5) != Serializer.NOT_AVAILABLE ? ProtocolVersion.PYRO5 : ProtocolVersion.PYRO4;
    }

    /** {@code bytes1m}: 1 MB of bytes 0..255 repeating; {@code ints100k}: 100,000 ints 0..99. */
    static Object payload(String name) {
        switch (name) {
            case "bytes1m": {
                byte[] b = new byte[1 << 20];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) i;
                }
                return b;
            }
            case "ints100k":
                return SerializerBenchmark.smallInts(100_000);
            default:
                throw new IllegalArgumentException("unknown payload " + name);
        }
    }

    /** Prints the names ({@code --names}) or the encoded sizes. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--names")) {
            System.out.println(names());
            return;
        }
        System.out.printf("%-8s %-6s %12s %12s %12s%n", "name", "proto", "call", "bytes1m", "ints100k");
        for (String name : names().split(",")) {
            if (name.isEmpty()) {
                continue;
            }
            Serializer s = SerializerRegistry.defaultRegistry().byName(name);
            ProtocolVersion v = versionFor(s);
            StringBuilder row = new StringBuilder(String.format("%-8s %-6s %12d", name, v, s.serializeCall(SMALL_CALL, v).length));
            for (String p : PAYLOADS) {
                String size;
                try {
                    size = String.valueOf(s.serializeData(payload(p), v).length);
                } catch (RuntimeException e) {
                    size = "error";
                }
                row.append(String.format(" %12s", size));
            }
            System.out.println(row);
        }
    }
}
