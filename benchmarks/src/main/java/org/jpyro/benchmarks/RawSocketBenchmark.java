package org.jpyro.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ProtocolVersion;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * The physical limit for {@link CallBenchmark}: a raw blocking-socket ping-pong over loopback with the same
 * request and response sizes as jpyro's {@code echo("hello")} frames (measured once per trial with
 * {@link FrameSizes}). The server serves each connection on its own (pooled) thread, like jpyro's thread server,
 * answering each request with a fixed-size response. No framing, no parsing, no serialization: what is left is
 * the kernel and the thread hand-offs. Methods of the same names as {@link CallBenchmark}'s, same threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawSocketBenchmark {

    /** The listening socket and a thread per accepted connection. */
    @State(Scope.Benchmark)
    public static class Server {
        /** Whose frame sizes to use. */
        @Param({"PYRO5", "PYRO4"})
        public String protocol;

        FrameSizes sizes;
        private ServerSocket listener;
        private ExecutorService workers;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();

        /** Measures the frame sizes and starts accepting. */
        @Setup(Level.Trial)
        public void start() throws IOException {
            sizes = FrameSizes.measure(ProtocolVersion.valueOf(protocol));
            System.out.println("frame sizes " + protocol + ": request " + sizes.request() + " bytes, response " + sizes.response() + " bytes");
            listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
            workers = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "raw-echo-server");
                t.setDaemon(true);
                return t;
            });
            workers.execute(this::acceptLoop);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void acceptLoop() {
            try {
                while (true) {
                    Socket s = listener.accept();
                    open.add(s);
                    workers.execute(() -> serve(s));
                }
            } catch (IOException | java.util.concurrent.RejectedExecutionException closed) {
                // the benchmark ended
            }
        }

        private void serve(Socket s) {
            byte[] req = new byte[sizes.request()];
            byte[] resp = new byte[sizes.response()];
            try (s) {
                s.setTcpNoDelay(true);
                InputStream sin = s.getInputStream();
                OutputStream sout = s.getOutputStream();
                while (readFully(sin, req)) {
                    sout.write(resp);
                }
            } catch (IOException closed) {
                // the client went away
            } finally {
                open.remove(s);
            }
        }

        /** Stops accepting, closes every connection, ends the threads. */
        @TearDown(Level.Trial)
        public void stop() throws IOException, InterruptedException {
            listener.close();
            for (Socket s : open) {
                s.close();
            }
            workers.shutdownNow();
            workers.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    /** A connection per benchmark thread. */
    @State(Scope.Thread)
    public static class Client {
        Server server;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        byte[] request;
        byte[] response;

        /** Connects. */
        @Setup(Level.Trial)
        public void connect(Server s) throws IOException {
            server = s;
            request = new byte[s.sizes.request()];
            response = new byte[s.sizes.response()];
            socket = open(s.port());
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** One round trip: write the request, read the whole response. */
        int pingPong() throws IOException {
            out.write(request);
            if (!readFully(in, response)) {
                throw new IOException("server closed");
            }
            return response.length;
        }

        /** Disconnects. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
            }
        }
    }

    static Socket open(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setTcpNoDelay(true);
        return s;
    }

    static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                return false;
            }
            off += n;
        }
        return true;
    }

    /** Sequential round trips on one connection. */
    @Benchmark
    public int call(Client c) throws IOException {
        return c.pingPong();
    }

    /** 4 threads, a connection each. */
    @Benchmark
    @Threads(4)
    public int call4(Client c) throws IOException {
        return c.pingPong();
    }

    /** 32 threads, a connection each. */
    @Benchmark
    @Threads(32)
    public int call32(Client c) throws IOException {
        return c.pingPong();
    }

    /** A new connection per round trip: connect, one ping-pong, close (the limit for {@link CallBenchmark#connect}). */
    @Benchmark
    public int connect(Client c) throws IOException {
        try (Socket s = open(c.server.port())) {
            s.getOutputStream().write(c.request);
            if (!readFully(s.getInputStream(), c.response)) {
                throw new IOException("server closed");
            }
            return c.response.length;
        }
    }
}
