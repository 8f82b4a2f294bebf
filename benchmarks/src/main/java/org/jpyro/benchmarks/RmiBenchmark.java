package org.jpyro.benchmarks;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.NoSuchObjectException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The Java baseline jpyro should beat: the same {@code echo("hello")} over Java RMI on loopback (JRMP, Java
 * serialization, a server thread per connection; the stub opens a connection per concurrent call and reuses
 * it), with the threads of {@link CallBenchmark}'s methods of the same names. No registry: the stub comes
 * straight from the export.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RmiBenchmark {

    /** The remote interface. */
    public interface Echo extends Remote {
        /** Returns its argument. */
        Object echo(Object message) throws RemoteException;
    }

    /** The exported echo. */
    static final class EchoImpl implements Echo {
        @Override
        public Object echo(Object message) {
            return message;
        }
    }

    /** The exported object and its stub, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Server {
        private EchoImpl impl;
        Echo stub;

        /** Exports the echo on a loopback port chosen by the OS and checks a call. */
        @Setup(Level.Trial)
        public void start() throws RemoteException {
            impl = new EchoImpl();
            stub = (Echo) UnicastRemoteObject.exportObject(impl, 0, new LoopbackClientSockets(), new LoopbackServerSockets());
            Object answer = stub.echo(EchoTarget.MESSAGE);
            if (!EchoTarget.MESSAGE.equals(answer)) {
                throw new IllegalStateException("echo returned " + answer);
            }
        }

        /** Unexports it (closing the listening socket). */
        @TearDown(Level.Trial)
        public void stop() throws NoSuchObjectException {
            if (impl != null) {
                UnicastRemoteObject.unexportObject(impl, true);
            }
        }
    }

    /** Sockets to 127.0.0.1 whatever host the stub names, with TCP_NODELAY. */
    static final class LoopbackClientSockets implements RMIClientSocketFactory, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LoopbackClientSockets;
        }

        @Override
        public int hashCode() {
            return LoopbackClientSockets.class.hashCode();
        }
    }

    /** A listening socket on 127.0.0.1. */
    static final class LoopbackServerSockets implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LoopbackServerSockets;
        }

        @Override
        public int hashCode() {
            return LoopbackServerSockets.class.hashCode();
        }
    }

    /** Sequential calls. */
    @Benchmark
    public Object call(Server s) throws RemoteException {
        return s.stub.echo(EchoTarget.MESSAGE);
    }

    /** 4 threads on the stub (4 connections). */
    @Benchmark
    @Threads(4)
    public Object call4(Server s) throws RemoteException {
        return s.stub.echo(EchoTarget.MESSAGE);
    }

    /** 32 threads on the stub (32 connections). */
    @Benchmark
    @Threads(32)
    public Object call32(Server s) throws RemoteException {
        return s.stub.echo(EchoTarget.MESSAGE);
    }
}
