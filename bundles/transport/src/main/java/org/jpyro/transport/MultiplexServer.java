package org.jpyro.transport;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jpyro.api.CommunicationException;
import org.jpyro.protocol.Message;

/**
 * A socket server on one NIO selector thread (Pyro's {@code multiplex} server type): every connection is
 * served by that one thread, one request at a time, the handler's work (for a daemon: the user's method)
 * included. It holds many connections cheaply: no thread and no buffer per connection while idle (reads go
 * through one shared buffer; a frame's body is collected by the connection's
 * {@link org.jpyro.protocol.FrameDecoder} into arrays of its exact size, after its length was checked against
 * the size limit).
 * <p>
 * Writes never block the loop: what a socket does not take at once is queued on its connection and written
 * when the socket is writable; meanwhile that connection is not read (a client that does not read its answers
 * stalls only itself). With a COMMTIMEOUT, a connection on which no byte moves for that long (idle, sending a
 * frame too slowly, or not reading its answers) is closed; time the loop spends in a long handler call is not
 * held against the others. Every {@link ServerOptions#pollMillis()} the handlers'
 * {@link MultiplexHandler#housekeeping()} runs on the loop.
 * <p>
 * Listens on TCP (IPv4 or IPv6) or a Unix domain socket; accepted TCP sockets get TCP_NODELAY and keep-alive.
 * TLS is not supported (use the thread server). {@link #combine} lets one loop serve the sockets of several
 * servers (Pyro's {@code Daemon.combine}). {@link #close()} from any thread, the loop's own included, wakes the
 * loop, which closes every connection and stops. A failure of one connection closes that connection only.
 */
public final class MultiplexServer implements SocketServer {
    private static final System.Logger LOG = System.getLogger(MultiplexServer.class.getName());
    private static final int BACKLOG = 200;
    private static final int READ_BUFFER = 64 * 1024;
    private static final int MAX_ACCEPTS_PER_WAKEUP = 64;
    private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long a closing connection may take to get its last answer out when there is no COMMTIMEOUT. */
    private static final long CLOSE_LINGER_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final AtomicInteger SERVER_NUMBERS = new AtomicInteger();

    private final ServerSocketChannel listener;
    private final Path unixPath;
    private final String location;
    private final SocketAddress bound;
    private final ServerOptions options;
    private final MultiplexHandler handler;
    private final long commTimeoutNanos;
    private final String name;
    /** Connections accepted by this server's listener; touched by the loop thread only. */
    private final Set<MultiplexConnection> connections = new HashSet<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private SelectionKey acceptKey;
    private volatile boolean closed;
    /** The server whose loop serves this one: itself, or the one it was combined into. */
    private volatile MultiplexServer host = this;

    // ---- loop state, used when host == this
    private final Object lifecycle = new Object();
    private Selector selector;
    private final List<MultiplexServer> served = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<MultiplexConnection> expired = new ArrayList<>();
    private final Consumer<SelectionKey> keyHandler = this::handleKey;
    private ByteBuffer readBuffer;
    private volatile Thread thread;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private boolean started;
    private long scanNanos;
    private long acceptResumeAt;
    private boolean acceptPaused;

    private MultiplexServer(ServerSocketChannel listener, Path unixPath, String location, ServerOptions options,
                            MultiplexHandler handler) throws IOException {
        this.listener = listener;
        this.unixPath = unixPath;
        this.location = location;
        this.bound = unixPath != null ? UnixDomainSocketAddress.of(unixPath) : listener.getLocalAddress();
        this.options = options;
        this.handler = handler;
        this.commTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.commTimeoutMillis());
        this.name = "jpyro-multiplex-" + SERVER_NUMBERS.incrementAndGet();
        this.selector = Selector.open();
        try {
            listener.configureBlocking(false);
            this.acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT, this);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        served.add(this);
        this.scanNanos = scanInterval(commTimeoutNanos);
    }

    /**
     * Binds a TCP server socket. Nothing is accepted before {@link #start()}.
     *
     * @param host an IPv4/IPv6 address (brackets allowed) or host name, resolved as
     *             {@link ServerOptions#preferIpVersion()} says; {@code null} or empty for all interfaces
     * @param port the port, 0 for any free port
     * @throws CommunicationException the address cannot be resolved or bound, or TLS was asked for
     */
    public static MultiplexServer bind(String host, int port, ServerOptions options, MultiplexHandler handler) {
        refuseSecurity(options);
        String h = BindAddresses.bare(host);
        ServerSocketChannel channel = null;
        try {
            InetAddress address = BindAddresses.resolve(h, options.preferIpVersion());
            channel = ServerSocketChannel.open(address instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
            channel.bind(new InetSocketAddress(address, port), BACKLOG);
            InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
            String loc = BindAddresses.location(h, bound.getAddress(), bound.getPort());
            return new MultiplexServer(channel, null, loc, options, handler);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new CommunicationException("cannot bind a server socket to " + (h.isEmpty() ? "*" : h) + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds a Unix domain socket at {@code path}; an existing socket file there is replaced (as Pyro does) and
     * removed again on {@link #close()}.
     *
     * @throws CommunicationException the socket cannot be created, or TLS was asked for
     */
    public static MultiplexServer bindUnix(String path, ServerOptions options, MultiplexHandler handler) {
        refuseSecurity(options);
        ServerSocketChannel channel = null;
        try {
            Path p = Path.of(path);
            Files.deleteIfExists(p);
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(p), BACKLOG);
            return new MultiplexServer(channel, p, "./u:" + path, options, handler);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new CommunicationException("cannot bind a unix domain socket at " + path + ": " + e.getMessage(), e);
        }
    }

    private static void refuseSecurity(ServerOptions options) {
        if (options.security() != null) {
            throw new CommunicationException("SSL needs SERVERTYPE thread: the multiplex server does not do TLS");
        }
    }

    /** Starts the selector thread. Idempotent; no effect on a closed server or one combined into another. */
    @Override
    public MultiplexServer start() {
        synchronized (lifecycle) {
            if (closed || started || host != this) {
                return this;
            }
            started = true;
            readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
            Thread t = new Thread(this::loop, name + " " + location);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
        return this;
    }

    /**
     * Lets this server's loop also serve {@code other}'s socket and connections, with {@code other}'s handler
     * (Pyro's {@code Daemon.combine}); {@code other} must not have been started. Closing this server closes
     * {@code other} too; closing {@code other} closes only its own socket and connections.
     *
     * @throws IllegalStateException {@code other} is this server, was started, combined already, or either is closed
     */
    public void combine(MultiplexServer other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot combine a server with itself");
        }
        MultiplexServer h = host;
        synchronized (other.lifecycle) {
            if (other.started || other.host != other || other.closed || closed || h != this) {
                throw new IllegalStateException("cannot combine " + other + " into " + this
                        + ": it was started, combined or closed already");
            }
            other.host = this;
            other.started = true;
            closeQuietly(other.selector); // cancels its listener's registration there
            other.selector = null;
            other.served.clear();
        }
        execute(() -> adopt(other));
    }

    private void adopt(MultiplexServer other) {
        if (other.closed) {
            return;
        }
        try {
            other.acceptKey = other.listener.register(selector, SelectionKey.OP_ACCEPT, other);
            served.add(other);
            scanNanos = Math.min(scanNanos, scanInterval(other.commTimeoutNanos));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot serve " + other + " on the loop of " + this + ": " + e);
            other.shutdownServer();
        }
    }

    // ------------------------------------------------------------------ the loop

    private void loop() {
        LOG.log(Level.DEBUG, "multiplex loop serving {0}", location);
        long pollNanos = TimeUnit.MILLISECONDS.toNanos(options.pollMillis());
        long now = System.nanoTime();
        long nextHousekeeping = now + pollNanos;
        long lastScan = now;
        try {
            while (!closed) {
                runTasks();
                now = System.nanoTime();
                if (now - nextHousekeeping >= 0) {
                    housekeeping();
                    now = System.nanoTime();
                    nextHousekeeping = now + pollNanos;
                }
                if (now - lastScan >= scanNanos) {
                    scan(now, now - lastScan > 2 * scanNanos + TimeUnit.MILLISECONDS.toNanos(100));
                    lastScan = now;
                }
                if (acceptPaused && now - acceptResumeAt >= 0) {
                    resumeAccepting();
                }
                long until = Math.min(nextHousekeeping - now, lastScan + scanNanos - now);
                if (acceptPaused) {
                    until = Math.min(until, acceptResumeAt - now);
                }
                if (closed) {
                    break;
                }
                selector.select(keyHandler, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until + 999_999)));
            }
        } catch (ClosedSelectorException e) {
            LOG.log(Level.DEBUG, "selector of {0} closed", location);
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "multiplex loop of " + location + " failed; closing the server", t);
        } finally {
            closed = true;
            stopAll();
            stopped.countDown();
        }
        LOG.log(Level.DEBUG, "multiplex loop of {0} ended", location);
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "task on the loop of " + location + " failed", t);
            }
        }
    }

    private void housekeeping() {
        for (int i = 0; i < served.size(); i++) {
            MultiplexServer s = served.get(i);
            if (s.closed) {
                continue;
            }
            try {
                s.handler.housekeeping();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "housekeeping failed on " + s.location, t);
            }
        }
    }

    /**
     * Closes connections whose time is up: no progress for COMMTIMEOUT, or a closing one that cannot get its
     * last answer out. After the loop was held up (a long handler call), nobody is blamed for the lost time.
     */
    private void scan(long now, boolean loopWasBlocked) {
        for (int i = 0; i < served.size(); i++) {
            MultiplexServer s = served.get(i);
            for (MultiplexConnection c : s.connections) {
                if (loopWasBlocked) {
                    c.lastProgress = now;
                    continue;
                }
                long idle = now - c.lastProgress;
                if (c.closing ? idle > (s.commTimeoutNanos > 0 ? s.commTimeoutNanos : CLOSE_LINGER_NANOS)
                        : s.commTimeoutNanos > 0 && idle > s.commTimeoutNanos) {
                    expired.add(c);
                }
            }
        }
        for (int i = 0; i < expired.size(); i++) {
            MultiplexConnection c = expired.get(i);
            LOG.log(Level.INFO, "{0} timed out (COMMTIMEOUT), closing", c);
            closeNow(c);
        }
        expired.clear();
    }

    private void handleKey(SelectionKey key) {
        Object attachment = key.attachment();
        if (attachment instanceof MultiplexConnection c) {
            try {
                if (!key.isValid()) {
                    return;
                }
                int ready = key.readyOps();
                if ((ready & SelectionKey.OP_WRITE) != 0) {
                    flush(c);
                }
                if ((ready & SelectionKey.OP_READ) != 0 && !c.closed && !c.closing) {
                    read(c);
                }
            } catch (Throwable t) {
                LOG.log(Level.WARNING, c + " failed, closing it", t);
                closeNow(c);
            }
        } else if (attachment instanceof MultiplexServer s && key.isValid()) {
            accept(s);
        }
    }

    private void accept(MultiplexServer s) {
        for (int i = 0; i < MAX_ACCEPTS_PER_WAKEUP && !s.closed; i++) {
            SocketChannel ch;
            try {
                ch = s.listener.accept();
            } catch (IOException | RuntimeException e) {
                if (s.closed) {
                    return;
                }
                // e.g. out of file descriptors: stop accepting for a moment instead of spinning
                LOG.log(Level.WARNING, "accept failed on " + s.location + ": " + e);
                s.acceptKey.interestOps(0);
                acceptPaused = true;
                acceptResumeAt = System.nanoTime() + ACCEPT_PAUSE_NANOS;
                return;
            }
            if (ch == null) {
                return;
            }
            register(s, ch);
        }
    }

    private void resumeAccepting() {
        acceptPaused = false;
        for (int i = 0; i < served.size(); i++) {
            MultiplexServer s = served.get(i);
            if (!s.closed && s.acceptKey != null && s.acceptKey.isValid()) {
                s.acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    private void register(MultiplexServer s, SocketChannel ch) {
        MultiplexConnection c = null;
        try {
            ch.configureBlocking(false);
            SocketAddress remote = null;
            String description;
            if (s.isTcp()) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                remote = ch.getRemoteAddress();
                description = String.valueOf(remote);
            } else {
                description = "unix:" + s.unixPath;
            }
            c = new MultiplexConnection(s, ch, remote, description);
            c.lastProgress = System.nanoTime();
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            s.connections.add(c);
            s.connectionCount.incrementAndGet();
            c.receiver = s.handler.accepted(c);
            LOG.log(Level.DEBUG, "connected {0}", c);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "cannot take on a connection on " + s.location + ": " + t);
            if (c != null) {
                closeNow(c);
            } else {
                closeQuietly(ch);
            }
        }
    }

    private void read(MultiplexConnection c) {
        ByteBuffer buf = readBuffer;
        buf.clear();
        int n;
        try {
            n = c.channel.read(buf);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: {1}", c, e);
            closeNow(c);
            return;
        }
        if (n < 0) {
            if (c.decoder.hasPartialFrame()) {
                LOG.log(Level.DEBUG, "{0} closed the connection inside a frame", c);
            } else {
                LOG.log(Level.DEBUG, "{0} closed the connection", c);
            }
            closeNow(c);
            return;
        }
        if (n == 0) {
            return;
        }
        c.lastProgress = System.nanoTime();
        buf.flip();
        while (buf.hasRemaining()) {
            Message m;
            try {
                m = c.decoder.decode(buf);
            } catch (RuntimeException e) {
                undecodable(c, e);
                return;
            }
            if (m == null) {
                return;
            }
            FrameReceiver r = c.receiver;
            if (r != null) {
                r.received(m);
            }
            if (c.closed || c.closing) {
                return;
            }
        }
    }

    private void undecodable(MultiplexConnection c, RuntimeException error) {
        LOG.log(Level.DEBUG, "{0}: cannot read a frame: {1}", c, error);
        FrameReceiver r = c.receiver;
        try {
            if (r != null) {
                r.undecodable(error);
            }
        } catch (Throwable t) {
            LOG.log(Level.WARNING, c + ": handler failed on an undecodable frame", t);
        }
        closeGracefully(c);
    }

    // ------------------------------------------------------------------ output and closing (called via host)

    void send(MultiplexConnection c, byte[] frame) throws IOException {
        if (Thread.currentThread() != thread) {
            execute(() -> {
                try {
                    send(c, frame);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "cannot send to {0}: {1}", c, e);
                }
            });
            return;
        }
        if (c.closed || c.closing) {
            throw new IOException("connection closed");
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        if (c.pending == null || c.pending.isEmpty()) {
            try {
                c.channel.write(b);
            } catch (IOException e) {
                closeNow(c);
                throw e;
            }
            if (!b.hasRemaining()) {
                return;
            }
            c.lastProgress = System.nanoTime();
            if (c.pending == null) {
                c.pending = new ArrayDeque<>(4);
            }
            c.key.interestOps(SelectionKey.OP_WRITE);
        }
        c.pending.add(b);
    }

    private void flush(MultiplexConnection c) {
        ArrayDeque<ByteBuffer> q = c.pending;
        while (q != null && !q.isEmpty()) {
            ByteBuffer b = q.peek();
            int n;
            try {
                n = c.channel.write(b);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot write to {0}: {1}", c, e);
                closeNow(c);
                return;
            }
            if (n > 0) {
                c.lastProgress = System.nanoTime();
            }
            if (b.hasRemaining()) {
                return;
            }
            q.poll();
        }
        if (c.closing) {
            closeNow(c);
        } else if (c.key.isValid()) {
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    void closeGracefully(MultiplexConnection c) {
        if (Thread.currentThread() != thread) {
            if (!execute(() -> closeGracefully(c))) {
                closeQuietly(c.channel);
            }
            return;
        }
        if (c.closed || c.closing) {
            return;
        }
        if (c.pending == null || c.pending.isEmpty()) {
            closeNow(c);
        } else {
            c.closing = true;
            c.lastProgress = System.nanoTime();
        }
    }

    private void closeNow(MultiplexConnection c) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        if (c.key != null) {
            c.key.cancel();
        }
        closeQuietly(c.channel);
        c.pending = null;
        MultiplexServer s = c.server;
        if (s.connections.remove(c)) {
            s.connectionCount.decrementAndGet();
        }
        FrameReceiver r = c.receiver;
        if (r != null) {
            try {
                r.closed();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, c + ": handler failed on close", t);
            }
        }
        LOG.log(Level.DEBUG, "disconnected {0}", c);
    }

    /** Runs a task on the loop thread; {@code false} when the loop has stopped. */
    private boolean execute(Runnable task) {
        if (closed && started) {
            return false;
        }
        tasks.add(task);
        Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
        return true;
    }

    /** Stops serving {@code this} server (loop thread, or no loop running). */
    private void shutdownServer() {
        closed = true;
        if (acceptKey != null) {
            acceptKey.cancel();
        }
        closeQuietly(listener);
        for (MultiplexConnection c : new ArrayList<>(connections)) {
            c.server.host().closeNow(c);
        }
        connections.clear();
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot remove unix socket file " + unixPath + ": " + e);
            }
        }
    }

    private void stopAll() {
        for (MultiplexServer s : new ArrayList<>(served)) {
            s.shutdownServer();
        }
        served.clear();
        tasks.clear();
        closeQuietly(selector);
    }

    // ------------------------------------------------------------------ information

    MultiplexServer host() {
        return host;
    }

    MultiplexHandler handler() {
        return handler;
    }

    boolean isTcp() {
        return unixPath == null;
    }

    /** The Pyro location: {@code host:port}, {@code [ipv6]:port} or {@code ./u:path}. */
    @Override
    public String location() {
        return location;
    }

    /** The bound address: an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}. */
    public SocketAddress localAddress() {
        return bound;
    }

    /** The bound TCP port, or 0 for a Unix domain socket. */
    @Override
    public int port() {
        return bound instanceof InetSocketAddress i ? i.getPort() : 0;
    }

    /** The Unix domain socket path, or {@code null} for TCP. */
    @Override
    public String unixSocketPath() {
        return unixPath == null ? null : unixPath.toString();
    }

    /** Connections of this server currently open. */
    public int connectionCount() {
        return connectionCount.get();
    }

    /** The options this server runs with. */
    public ServerOptions options() {
        return options;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether the calling thread is the selector thread serving this server. */
    public boolean inLoop() {
        return Thread.currentThread() == host.thread;
    }

    /**
     * Stops this server: its socket and connections are closed; if its loop serves combined servers, those stop
     * too. Wakes the loop and waits (up to 2 seconds) for it to end, unless called on the loop itself (e.g.
     * from a remote call). Idempotent; any thread.
     */
    @Override
    public void close() {
        MultiplexServer h = host;
        if (h != this) {
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            closeQuietly(listener); // refuses new clients at once; the loop does the rest
            if (!h.execute(this::shutdownServer)) {
                shutdownServer();
            }
            return;
        }
        Thread t;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            if (t == null) {
                started = true; // never runs now
            }
        }
        if (t == null) {
            runTasks(); // pending combines: their servers are closed with this one
            stopAll();
            stopped.countDown();
        } else {
            for (MultiplexServer s : served) {
                closeQuietly(s.listener); // refuses new clients at once, even while the loop finishes a call
            }
            selector.wakeup();
            if (t != Thread.currentThread()) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        LOG.log(Level.DEBUG, "server on {0} closed", location);
    }

    /**
     * Waits until this server's loop has stopped and closed every socket (after {@link #close()}); returns at
     * once on the loop thread itself.
     *
     * @return whether it stopped within the time
     */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        MultiplexServer h = host;
        if (Thread.currentThread() == h.thread) {
            return false;
        }
        if (h != this) {
            return !listener.isOpen() || h.stopped.await(timeout, unit);
        }
        return stopped.await(timeout, unit);
    }

    /** Pyro's server description, e.g. {@code <MultiplexServer on 127.0.0.1:9999; 3 connections>}. */
    @Override
    public String toString() {
        return "<MultiplexServer on " + location + "; " + connectionCount() + " connections>";
    }

    private static long scanInterval(long commTimeoutNanos) {
        long second = TimeUnit.SECONDS.toNanos(1);
        if (commTimeoutNanos <= 0) {
            return second;
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(second, commTimeoutNanos / 4));
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
