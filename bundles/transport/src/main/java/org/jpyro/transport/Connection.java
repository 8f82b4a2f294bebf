package org.jpyro.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * One end of a Pyro connection: a TCP {@link Socket} (possibly TLS) or a Unix domain {@link SocketChannel},
 * with buffered, unsynchronized streams. Reads and writes are blocking.
 * <p>
 * <b>Timeouts.</b> A connection made with a timeout ({@link #of(Socket, int)}, {@link #of(SocketChannel, int)})
 * fails every read and every write that stays blocked longer than it with a {@link SocketTimeoutException}, and
 * is closed then (the stream is out of step: a late reply must never be read as the answer to the next request).
 * Blocking sockets have no write timeout and Unix domain channel streams no read timeout, and a TCP read with
 * {@code SO_TIMEOUT} costs extra system calls on every read (the JDK then polls a non-blocking socket); so every
 * read and write is guarded by one shared watchdog thread instead: each socket-level operation stamps its start
 * time in a field (two volatile writes and a {@code nanoTime}; the buffered parts of a frame are not separate
 * operations), and the watchdog, ticking every {@value #WATCHDOG_TICK_MILLIS} ms while any guarded connection is
 * open, closes a connection whose operation is older than the timeout. The timeout is thus enforced within one
 * tick. A connection without timeout has no guard at all.
 * <p>
 * Not thread-safe: one request/response at a time, as the Pyro protocol is.
 */
public final class Connection implements Closeable {
    private static final int BUFFER = 64 * 1024;
    /** Granularity of the watchdog that enforces write timeouts (and read timeouts of Unix domain sockets). */
    public static final int WATCHDOG_TICK_MILLIS = 20;

    private final Socket socket;
    private final Closeable raw;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final String description;
    private final int timeoutMillis;
    private final long timeoutNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long readSince;
    private volatile long writeSince;
    private volatile boolean timedOut;
    /** The peer's address, looked up once (the daemon shows it to every call). */
    private SocketAddress remote;
    private final LongConsumer watch = this::checkDeadline;

    private Connection(Socket socket, Closeable raw, SocketChannel channel, InputStream rawIn, OutputStream rawOut,
            String description, int timeoutMillis) {
        this.socket = socket;
        this.raw = raw;
        this.channel = channel;
        this.description = description;
        this.timeoutMillis = Math.max(0, timeoutMillis);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(this.timeoutMillis);
        boolean guarded = this.timeoutMillis > 0;
        InputStream input = guarded ? new GuardedInput(rawIn) : rawIn;
        OutputStream output = guarded ? new GuardedOutput(rawOut) : rawOut;
        this.in = new SocketInput(input, BUFFER);
        this.out = new SocketOutput(output, BUFFER);
        if (guarded) {
            Watchdog.watch(watch);
        }
    }

    /** Wraps a connected TCP socket, without timeouts of its own (the socket's {@code SO_TIMEOUT} applies to reads). */
    public static Connection of(Socket socket) throws IOException {
        return of(socket, 0);
    }

    /**
     * Wraps a connected TCP socket with a read and write timeout ({@code 0}: none), enforced by the watchdog (the
     * socket's own {@code SO_TIMEOUT} is left as it is).
     */
    public static Connection of(Socket socket, int timeoutMillis) throws IOException {
        return of(socket, socket, timeoutMillis);
    }

    /**
     * Wraps a connected socket layered over {@code raw} (e.g. a TLS socket over a plain one; the same socket if not
     * layered). A timed-out operation closes {@code raw}, which cannot block the way closing a TLS socket can.
     */
    static Connection of(Socket socket, Socket raw, int timeoutMillis) throws IOException {
        return new Connection(socket, raw, null, socket.getInputStream(), socket.getOutputStream(),
                String.valueOf(socket.getRemoteSocketAddress()), timeoutMillis);
    }

    /** Wraps a connected, blocking Unix domain socket channel, without timeouts. */
    public static Connection of(SocketChannel channel) throws IOException {
        return of(channel, 0);
    }

    /** Wraps a connected, blocking Unix domain socket channel with a read and write timeout ({@code 0}: none). */
    public static Connection of(SocketChannel channel, int timeoutMillis) throws IOException {
        SocketAddress remote = channel.getRemoteAddress();
        SocketAddress local = channel.getLocalAddress();
        String desc = "unix:" + (remote != null && !String.valueOf(remote).isEmpty() ? remote : local);
        return new Connection(null, channel, channel, Channels.newInputStream(channel),
                Channels.newOutputStream(channel), desc, timeoutMillis);
    }

    /** Buffered input; read frames with {@code org.jpyro.protocol.MessageIO}. */
    public InputStream in() {
        return in;
    }

    /** Buffered output; flush after each frame. */
    public OutputStream out() {
        return out;
    }

    /** The TCP socket, or {@code null} for a Unix domain socket. */
    public Socket socket() {
        return socket;
    }

    /** The peer's address for TCP, {@code null} for Unix domain sockets. */
    public SocketAddress remoteAddress() {
        SocketAddress r = remote;
        if (r == null && socket != null) {
            r = socket.getRemoteSocketAddress(); // a new object per call: keep it once connected
            remote = r;
        }
        return r;
    }

    /** The read and write timeout in milliseconds, 0 for none. */
    public int timeoutMillis() {
        return timeoutMillis;
    }

    /** Whether an operation timed out (the connection is closed then). */
    public boolean timedOut() {
        return timedOut;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Closes the socket, waking any thread blocked on it. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (timeoutMillis > 0) {
                Watchdog.unwatch(watch);
            }
            try {
                if (socket != null) {
                    socket.close();
                } else {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }

    /** Called by the watchdog: closes the connection when an operation is blocked longer than the timeout. */
    private void checkDeadline(long now) {
        long r = readSince;
        long w = writeSince;
        if ((r != 0 && now - r > timeoutNanos) || (w != 0 && now - w > timeoutNanos)) {
            timedOut = true;
            try {
                raw.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
            close();
        }
    }

    private static long stamp() {
        long t = System.nanoTime();
        return t == 0 ? 1 : t;
    }

    private IOException failure(IOException e, String what) {
        if (timedOut) {
            close(); // the watchdog closes it too: closed before the caller sees the timeout, whoever is first
            SocketTimeoutException t = new SocketTimeoutException(what + " timed out after " + timeoutMillis + " ms");
            t.initCause(e);
            return t;
        }
        return e;
    }

    @Override
    public String toString() {
        return "Connection[" + description + "]";
    }

    /** Socket output whose every blocking write is watched. */
    private final class GuardedOutput extends OutputStream {
        private final OutputStream target;

        GuardedOutput(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeSince = stamp();
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                throw failure(e, "write");
            } finally {
                writeSince = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            writeSince = stamp();
            try {
                target.flush();
            } catch (IOException e) {
                throw failure(e, "write");
            } finally {
                writeSince = 0;
            }
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }

    /** Socket input whose every blocking read is watched. */
    private final class GuardedInput extends InputStream {
        private final InputStream source;

        GuardedInput(InputStream source) {
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            readSince = stamp();
            try {
                return source.read(b, off, len);
            } catch (IOException e) {
                throw failure(e, "read");
            } finally {
                readSince = 0;
            }
        }

        @Override
        public int available() throws IOException {
            return source.available();
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /**
     * Bounds a blocking operation outside a connection (a Unix domain socket connect, which Linux cannot do
     * asynchronously): {@code target} is closed if the operation is still going after {@code timeoutMillis}.
     * Call {@link ConnectGuard#done()} when it returned.
     */
    static ConnectGuard guard(Closeable target, int timeoutMillis) {
        ConnectGuard g = new ConnectGuard(target, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        Watchdog.watch(g);
        return g;
    }

    /** See {@link #guard(Closeable, int)}. */
    static final class ConnectGuard implements LongConsumer {
        private final Closeable target;
        private final long deadline;
        private volatile boolean fired;

        private ConnectGuard(Closeable target, long deadline) {
            this.target = target;
            this.deadline = deadline;
        }

        @Override
        public void accept(long now) {
            if (now - deadline > 0) {
                fired = true;
                Watchdog.unwatch(this);
                try {
                    target.close();
                } catch (IOException ignored) {
                    // closing: nothing left to do
                }
            }
        }

        /** Stops watching; whether the deadline passed (and the target was closed). */
        boolean done() {
            Watchdog.unwatch(this);
            return fired;
        }
    }

    /** The one thread that closes connections stuck in an operation longer than their timeout. */
    private static final class Watchdog {
        private static final Set<LongConsumer> WATCHED = ConcurrentHashMap.newKeySet();
        private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(WATCHDOG_TICK_MILLIS);
        private static Thread thread;

        private Watchdog() {
        }

        static void watch(LongConsumer c) {
            WATCHED.add(c);
            synchronized (Watchdog.class) {
                if (thread == null) {
                    thread = new Thread(Watchdog::run, "jpyro-io-watchdog");
                    thread.setDaemon(true);
                    thread.start();
                }
            }
        }

        static void unwatch(LongConsumer c) {
            WATCHED.remove(c);
        }

        private static void run() {
            while (true) {
                synchronized (Watchdog.class) {
                    if (WATCHED.isEmpty()) {
                        thread = null;
                        return;
                    }
                }
                long now = System.nanoTime();
                for (LongConsumer c : WATCHED) {
                    try {
                        c.accept(now);
                    } catch (RuntimeException e) {
                        System.getLogger(Connection.class.getName()).log(System.Logger.Level.WARNING,
                                "io watchdog: cannot close " + c, e);
                    }
                }
                LockSupport.parkNanos(TICK_NANOS);
            }
        }
    }
}
