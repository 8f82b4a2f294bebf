package org.jpyro.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;

/**
 * The real sizes of one benchmark call on the wire: a jpyro proxy calls {@code echo("hello")} on a jpyro daemon
 * through a byte-counting relay, and the bytes each way during one call (after the handshake) are the request
 * and response frame sizes.
 *
 * @param request  bytes client to daemon for one call (INVOKE frame)
 * @param response bytes daemon to client for one call (RESULT frame)
 */
public record FrameSizes(int request, int response) {

    /** Measures the frame sizes of {@code echo("hello")} in this protocol version. */
    public static FrameSizes measure(ProtocolVersion version) {
        try (Daemon daemon = new Daemon("127.0.0.1", 0)) {
            PyroURI direct = daemon.register(new EchoTarget(), EchoTarget.OBJECT_ID);
            daemon.start();
            try (Relay relay = new Relay(direct.host(), direct.port());
                 Proxy proxy = new Proxy(PyroURI.of(EchoTarget.OBJECT_ID, "127.0.0.1", relay.port()), PyroConfig.defaults(version))) {
                proxy.bind();
                proxy.call("echo", EchoTarget.MESSAGE); // warm-up: first-call work stays out of the count
                FrameSizes first = relay.countCall(() -> proxy.call("echo", EchoTarget.MESSAGE));
                FrameSizes second = relay.countCall(() -> proxy.call("echo", EchoTarget.MESSAGE));
                if (!first.equals(second)) {
                    throw new IllegalStateException("frame sizes vary between calls: " + first + " / " + second);
                }
                return first;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-connection TCP relay on 127.0.0.1 that counts the bytes it forwards each way. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener;
        private final AtomicLong toServer = new AtomicLong();
        private final AtomicLong toClient = new AtomicLong();
        private final Thread acceptor;
        private volatile Socket clientSide;
        private volatile Socket serverSide;

        Relay(String host, int port) throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    clientSide = listener.accept();
                    serverSide = new Socket(host, port);
                    clientSide.setTcpNoDelay(true);
                    serverSide.setTcpNoDelay(true);
                    pump(clientSide.getInputStream(), serverSide.getOutputStream(), toServer);
                    pump(serverSide.getInputStream(), clientSide.getOutputStream(), toClient);
                } catch (IOException closed) {
                    // relay closed before a client came
                }
            }, "frame-size-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void pump(InputStream in, OutputStream out, AtomicLong counter) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        counter.addAndGet(n);
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException closed) {
                    // one side went away
                }
            }, "frame-size-pump");
            t.setDaemon(true);
            t.start();
        }

        /** The bytes forwarded each way while {@code call} ran (it returns only after the whole response arrived). */
        FrameSizes countCall(Runnable call) {
            long up = toServer.get();
            long down = toClient.get();
            call.run();
            return new FrameSizes((int) (toServer.get() - up), (int) (toClient.get() - down));
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : new Socket[] {clientSide, serverSide}) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
