package org.jpyro.benchmarks;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.BatchProxy;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * jpyro proxy to jpyro daemon over loopback, {@code echo("hello")}, for both server types (config SERVERTYPE
 * {@code thread} and {@code multiplex}) and both protocols: sequential calls ({@link #call}), 4 and 32 client
 * threads with a proxy each ({@link #call4}, {@link #call32}), 4 threads sharing one proxy ({@link #shared4}),
 * a new proxy per call ({@link #connect}: connect, handshake, call, close), oneway calls ({@link #oneway}) and
 * batched calls ({@link #batch}). Compare with {@link RawSocketBenchmark} and {@link RmiBenchmark}, whose
 * methods of the same name do the same with raw sockets and Java RMI.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CallBenchmark {
    /** Calls per invocation of {@link #oneway} and {@link #batch}. */
    public static final int BURST = 100;

    /** A daemon with the echo object, shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class Server {
        /** The wire protocol the proxies speak (the daemon serves both). */
        @Param({"PYRO5", "PYRO4"})
        public String protocol;

        /** The daemon's server type: config SERVERTYPE. */
        @Param({"thread", "multiplex"})
        public String servertype;

        Daemon daemon;
        PyroURI uri;
        PyroConfig config;

        /** Starts the daemon on 127.0.0.1, an OS-chosen port, and checks it runs the server type asked for. */
        @Setup(Level.Trial)
        public void start() {
            config = PyroConfig.defaults(ProtocolVersion.valueOf(protocol)).with(ConfigItem.SERVERTYPE, servertype);
            daemon = Daemon.builder().host("127.0.0.1").port(0).config(config).build();
            uri = daemon.register(new EchoTarget(), EchoTarget.OBJECT_ID);
            daemon.start();
            try (Proxy self = new Proxy(daemon.uriFor(Daemon.DAEMON_OBJECT_ID), config)) {
                String info = String.valueOf(self.call("info"));
                if (servertype.equals("multiplex") != info.toLowerCase(Locale.ROOT).contains("multiplex")) {
                    throw new IllegalStateException("asked for a " + servertype + " server, the daemon says: " + info);
                }
            }
        }

        /** A new proxy, connected, its echo checked. */
        Proxy connect() {
            Proxy p = new Proxy(uri, config);
            p.bind();
            Object answer = p.call("echo", EchoTarget.MESSAGE);
            if (!EchoTarget.MESSAGE.equals(answer)) {
                p.close();
                throw new IllegalStateException("echo returned " + answer);
            }
            return p;
        }

        /** Closes the daemon. */
        @TearDown(Level.Trial)
        public void stop() {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    /** A proxy per benchmark thread. */
    @State(Scope.Thread)
    public static class Client {
        Proxy proxy;

        /** Connects this thread's proxy. */
        @Setup(Level.Trial)
        public void connect(Server server) {
            proxy = server.connect();
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void close() {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    /** One proxy shared by all benchmark threads (jpyro proxies are thread-safe: calls take turns). */
    @State(Scope.Benchmark)
    public static class SharedClient extends Client {
    }

    /** Sequential calls: one thread, one proxy. */
    @Benchmark
    public Object call(Client c) {
        return c.proxy.call("echo", EchoTarget.MESSAGE);
    }

    /** 4 threads, a proxy (connection) each. */
    @Benchmark
    @Threads(4)
    public Object call4(Client c) {
        return c.proxy.call("echo", EchoTarget.MESSAGE);
    }

    /** 32 threads, a proxy (connection) each. */
    @Benchmark
    @Threads(32)
    public Object call32(Client c) {
        return c.proxy.call("echo", EchoTarget.MESSAGE);
    }

    /** 4 threads sharing one proxy: the cost of sharing, against {@link #call} and {@link #call4}. */
    @Benchmark
    @Threads(4)
    public Object shared4(SharedClient c) {
        return c.proxy.call("echo", EchoTarget.MESSAGE);
    }

    /** A new proxy per call: connect, handshake (with metadata), call, close. */
    @Benchmark
    public Object connect(Server s) {
        try (Proxy p = new Proxy(s.uri, s.config)) {
            return p.call("echo", EchoTarget.MESSAGE);
        }
    }

    /**
     * {@value #BURST} oneway calls, then one normal call (so the daemon has read them all and the client cannot
     * run away from it; benchmarks/pyro4_calls.py does the same in Python); per oneway call.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public Object oneway(Client c) {
        for (int i = 0; i < BURST; i++) {
            c.proxy.callOneway("echo", EchoTarget.MESSAGE);
        }
        return c.proxy.call("echo", EchoTarget.MESSAGE);
    }

    /** A batch of {@value #BURST} calls in one request, results read; per call. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public Object batch(Client c) {
        BatchProxy batch = c.proxy.batch();
        for (int i = 0; i < BURST; i++) {
            batch.call("echo", EchoTarget.MESSAGE);
        }
        return batch.execute().toList();
    }
}
