package org.jpyro.daemon;

import java.util.List;
import java.util.Map;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.Expose;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;

/**
 * Runs a daemon for trying it with the real Python peers by hand:
 * {@code java -cp ... org.jpyro.daemon.InteropServerMain [port]} prints the URIs, serves {@code test.service}
 * (the vectors' service) and {@code test.java} until killed. Not a test.
 */
public final class InteropServerMain {
    private InteropServerMain() {
    }

    /** Java-flavoured members for the interop check. */
    public static class JavaSide {
        @Expose
        public int sum(List<Integer> numbers) {
            return numbers.stream().mapToInt(Integer::intValue).sum();
        }

        @Expose
        public double divide(double a, double b) {
            if (b == 0) {
                throw new ArithmeticException("division by zero");
            }
            return a / b;
        }

        @Expose
        public void validate(String s) {
            throw new IllegalArgumentException("invalid: " + s);
        }

        @Expose
        public Map<String, Object> types(int i, long l, double d, boolean b, String s, byte[] bytes) {
            return Map.of("i", i, "l", l, "d", d, "b", b, "s", s, "bytes", bytes.length);
        }
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.THREADPOOL_SIZE, 8);
        Daemon daemon = Daemon.builder().host("127.0.0.1").port(port).config(config).build();
        System.out.println(daemon.register(new VecService(), "test.service"));
        System.out.println(daemon.register(new JavaSide(), "test.java"));
        System.out.println(daemon.uri());
        System.out.flush();
        daemon.requestLoop();
    }
}
