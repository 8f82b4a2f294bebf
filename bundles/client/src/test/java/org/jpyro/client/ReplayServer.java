package org.jpyro.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;

/**
 * A fake daemon that plays a capture's daemon side back: for each recorded connection it accepts one client
 * connection, reads every frame the client sends and compares it with the recorded client frame, and writes the
 * recorded daemon frames in between. The first difference stops the replay (closing the sockets) and is
 * reported by {@link #finish()}.
 */
final class ReplayServer implements AutoCloseable {
    private static final int TIMEOUT_MS = 5000;

    private final Vectors.Capture capture;
    private final IntPredicate includeStep;
    private final ServerSocket server;
    private final Thread thread;
    private volatile Socket current;
    private volatile Throwable failure;
    private volatile int clientFramesChecked;

    ReplayServer(Vectors.Capture capture, IntPredicate includeStep) throws IOException {
        this.capture = capture;
        this.includeStep = includeStep;
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.server.setSoTimeout(TIMEOUT_MS);
        this.thread = new Thread(this::run, "replay-" + capture.name());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void run() {
        try {
            for (int c = 1; c <= capture.connections(); c++) {
                final int conn = c;
                List<Vectors.Frame> frames = capture.frames().stream()
                        .filter(f -> f.connection() == conn && includeStep.test(f.step())).toList();
                if (frames.isEmpty()) {
                    continue;
                }
                try (Socket s = server.accept()) {
                    current = s;
                    s.setSoTimeout(TIMEOUT_MS);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    for (Vectors.Frame f : frames) {
                        if (f.clientToServer()) {
                            byte[] got = readFrame(in, capture.version(), f);
                            compare(f, got);
                            clientFramesChecked++;
                        } else {
                            out.write(f.bytes());
                            out.flush();
                        }
                    }
                    if (!capture.serverClosesFirst().get(conn - 1)) {
                        int extra = in.read();
                        if (extra != -1) {
                            throw new AssertionError(capture.name() + " connection " + conn
                                    + ": client sent more than the capture (first byte 0x" + Integer.toHexString(extra)
                                    + ") instead of closing");
                        }
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private byte[] readFrame(InputStream in, ProtocolVersion version, Vectors.Frame expected) throws IOException {
        int headerSize = version == ProtocolVersion.PYRO5 ? 40 : 24;
        byte[] header = readN(in, headerSize, expected);
        long body;
        if (version == ProtocolVersion.PYRO5) {
            body = u32(header, 12) + u32(header, 16);
        } else {
            body = u32(header, 12) + ((header[18] & 0xFF) << 8 | (header[19] & 0xFF));
        }
        if (body > 16 * 1024 * 1024) {
            throw new AssertionError("implausible frame body length " + body + " in " + HexFormat.of().formatHex(header));
        }
        byte[] rest = readN(in, (int) body, expected);
        byte[] frame = Arrays.copyOf(header, headerSize + rest.length);
        System.arraycopy(rest, 0, frame, headerSize, rest.length);
        return frame;
    }

    private byte[] readN(InputStream in, int n, Vectors.Frame expected) throws IOException {
        try {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new AssertionError(capture.name() + " frame " + expected.index() + " (step " + expected.step()
                        + ", " + expected.messageType() + "): client closed the connection instead of sending it");
            }
            return b;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(capture.name() + " frame " + expected.index() + " (step " + expected.step()
                    + ", " + expected.messageType() + "): client did not send it", e);
        }
    }

    private static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Byte-exact, except for payloads the capture marks as holding Python sets (compared decoded). */
    private void compare(Vectors.Frame expected, byte[] got) {
        if (Arrays.equals(expected.bytes(), got)) {
            return;
        }
        Set<String> nd = expected.nondeterministic();
        if (nd.contains("payload.set_order")) {
            int headerSize = capture.version() == ProtocolVersion.PYRO5 ? 40 : 24;
            int annotations = capture.version() == ProtocolVersion.PYRO5 ? (int) u32(expected.bytes(), 16)
                    : ((expected.bytes()[18] & 0xFF) << 8 | (expected.bytes()[19] & 0xFF));
            int bodyStart = headerSize + annotations;
            if (got.length == expected.bytes().length
                    && Arrays.equals(expected.bytes(), 0, bodyStart, got, 0, bodyStart)) {
                Serializer serpent = SerializerRegistry.defaultRegistry().byName("serpent");
                Call want = serpent.deserializeCall(Arrays.copyOfRange(expected.bytes(), bodyStart, expected.bytes().length),
                        capture.version());
                Call have = serpent.deserializeCall(Arrays.copyOfRange(got, bodyStart, got.length), capture.version());
                if (Objects.equals(want, have)) {
                    return;
                }
            }
        }
        throw new AssertionError(capture.name() + " frame " + expected.index() + " (step " + expected.step() + ", "
                + expected.messageType() + ") differs from the capture:\n expected "
                + HexFormat.of().formatHex(expected.bytes()) + "\n   actual " + HexFormat.of().formatHex(got)
                + "\n expected text " + printable(expected.bytes()) + "\n   actual text " + printable(got));
    }

    private static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(x >= 32 && x < 127 ? (char) x : '.');
        }
        return sb.toString();
    }

    /** The replay failure, if one happened so far. */
    Throwable failure() {
        return failure;
    }

    /** Waits for the replay to end; fails with the first difference. */
    void finish() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(15));
        if (thread.isAlive()) {
            close();
            throw new AssertionError(capture.name() + ": replay did not finish");
        }
        if (failure instanceof AssertionError a) {
            throw a;
        }
        if (failure != null) {
            throw new AssertionError(capture.name() + ": replay failed: " + failure, failure);
        }
    }

    int clientFramesChecked() {
        return clientFramesChecked;
    }

    @Override
    public void close() {
        try {
            server.close();
            Socket s = current;
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }
}
