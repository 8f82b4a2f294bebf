package org.jpyro.benchmarks;

import java.util.concurrent.TimeUnit;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Sequential tiny calls, jpyro proxy to jpyro daemon over loopback: {@code echo("hello")}, one connection, one
 * call at a time, in the Pyro5 and the Pyro4 protocol. Compare with {@link RawSocketBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CallBenchmark {
    /** The wire protocol the proxy speaks (the daemon serves both). */
    @Param({"PYRO5", "PYRO4"})
    public String protocol;

    private Daemon daemon;
    private Proxy proxy;

    /** Starts a daemon on 127.0.0.1, an OS-chosen port, and connects a proxy to it. */
    @Setup(Level.Trial)
    public void start() {
        daemon = new Daemon("127.0.0.1", 0);
        PyroURI uri = daemon.register(new EchoTarget(), EchoTarget.OBJECT_ID);
        daemon.start();
        proxy = new Proxy(uri, PyroConfig.defaults(ProtocolVersion.valueOf(protocol)));
        proxy.bind();
        Object answer = proxy.call("echo", EchoTarget.MESSAGE);
        if (!EchoTarget.MESSAGE.equals(answer)) {
            throw new IllegalStateException("echo returned " + answer);
        }
    }

    /** One remote call. */
    @Benchmark
    public Object echo() {
        return proxy.call("echo", EchoTarget.MESSAGE);
    }

    /** Closes the proxy and the daemon. */
    @TearDown(Level.Trial)
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }
}
