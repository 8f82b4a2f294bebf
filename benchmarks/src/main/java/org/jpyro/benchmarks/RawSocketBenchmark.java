package org.jpyro.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

/**
 * The physical limit for {@link CallBenchmark}: a raw blocking-socket ping-pong over loopback with the same
 * request and response sizes as jpyro's {@code echo("hello")} frames (measured once per trial with
 * {@link FrameSizes}), a server thread answering each request with a fixed-size response. No framing, no
 * parsing, no serialization: what is left is the kernel and the thread hand-offs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawSocketBenchmark {
    /** Whose frame sizes to use. */
    @Param({"PYRO5", "PYRO4"})
    public String protocol;

    private ServerSocket listener;
    private Thread server;
    private Socket client;
    private InputStream in;
    private OutputStream out;
    private byte[] request;
    private byte[] response;

    /** Measures the frame sizes, starts the echoing server thread and connects. */
    @Setup(Level.Trial)
    public void start() throws IOException {
        FrameSizes sizes = FrameSizes.measure(ProtocolVersion.valueOf(protocol));
        System.out.println("frame sizes " + protocol + ": request " + sizes.request() + " bytes, response " + sizes.response() + " bytes");
        request = new byte[sizes.request()];
        response = new byte[sizes.response()];
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server = new Thread(() -> serve(sizes), "raw-echo-server");
        server.setDaemon(true);
        server.start();
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        client.setTcpNoDelay(true);
        in = client.getInputStream();
        out = client.getOutputStream();
    }

    private void serve(FrameSizes sizes) {
        byte[] req = new byte[sizes.request()];
        byte[] resp = new byte[sizes.response()];
        try (Socket s = listener.accept()) {
            s.setTcpNoDelay(true);
            InputStream sin = s.getInputStream();
            OutputStream sout = s.getOutputStream();
            while (readFully(sin, req)) {
                sout.write(resp);
            }
        } catch (IOException closed) {
            // the benchmark ended
        }
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
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

    /** One round trip: write the request, read the whole response. */
    @Benchmark
    public int pingPong() throws IOException {
        out.write(request);
        if (!readFully(in, response)) {
            throw new IOException("server closed");
        }
        return response.length;
    }

    /** Closes the sockets and ends the server thread. */
    @TearDown(Level.Trial)
    public void stop() throws IOException, InterruptedException {
        client.close();
        listener.close();
        server.join(2000);
    }
}
