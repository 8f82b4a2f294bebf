package org.jpyro.transport;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpyro.api.CommunicationException;

/**
 * A blocking socket server with a bounded thread pool: one accept thread hands every accepted connection to a
 * worker that serves it for the connection's whole lifetime (Pyro's {@code thread} server type). The pool
 * starts {@link ServerOptions#poolMinSize()} workers and grows on demand; at most
 * {@link ServerOptions#poolSize()} connections are served at once, and one that arrives while that many are
 * being served goes to {@link ConnectionHandler#refuse} on a short-lived thread, with a deadline after which the
 * connection is closed. Idle workers beyond the minimum end after 30 seconds. Every
 * {@link ServerOptions#pollMillis()} the handler's {@link ConnectionHandler#housekeeping()} runs on a
 * timer thread.
 * <p>
 * Listens on TCP (IPv4 or IPv6, port 0 = any free port) or on a Unix domain socket path. Accepted TCP sockets get
 * TCP_NODELAY and keep-alive; with a COMMTIMEOUT every read and write of a connection is bounded by it (see
 * {@link Connection#of(Socket, int)}), so neither a silent client nor one that does not read its answers holds a
 * worker for longer. {@link #close()} stops accepting, closes every open
 * connection (waking the threads blocked on them) and stops all threads. No exception escapes a server thread;
 * a failing connection affects only itself.
 */
public final class ThreadPoolServer implements SocketServer {
    private static final System.Logger LOG = System.getLogger(ThreadPoolServer.class.getName());
    private static final int BACKLOG = 200;
    private static final int MAX_CONCURRENT_REFUSALS = 4;
    private static final long WORKER_GRACE_MILLIS = 100;
    private static final AtomicInteger SERVER_NUMBERS = new AtomicInteger();

    private final ServerSocket tcpSocket;
    private final ServerSocketChannel unixChannel;
    private final Path unixPath;
    private final String location;
    private final ServerOptions options;
    private final ConnectionHandler handler;
    private final ThreadPoolExecutor workers;
    /** One permit per connection that may be served at once: the pool's real bound. */
    private final Semaphore busy;
    private final ThreadPoolExecutor refusers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String name;
    private volatile Thread acceptThread;

    private ThreadPoolServer(ServerSocket tcpSocket, ServerSocketChannel unixChannel, Path unixPath, String location,
                             ServerOptions options, ConnectionHandler handler) {
        this.tcpSocket = tcpSocket;
        this.unixChannel = unixChannel;
        this.unixPath = unixPath;
        this.location = location;
        this.options = options;
        this.handler = handler;
        this.name = "jpyro-server-" + SERVER_NUMBERS.incrementAndGet();
        // Concurrency is bounded by the permits, not by the executor: a worker that just finished may not be
        // back waiting for work yet, and the next connection must not be refused for that.
        this.busy = new Semaphore(options.poolSize());
        this.workers = new ThreadPoolExecutor(options.poolMinSize(), Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads(name + "-worker-"));
        this.refusers = new ThreadPoolExecutor(0, MAX_CONCURRENT_REFUSALS, 5, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads(name + "-refuse-"));
        this.watchdog = new ScheduledThreadPoolExecutor(1, threads(name + "-watchdog-"));
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    /**
     * Binds a TCP server socket. Nothing is accepted before {@link #start()}.
     *
     * @param host an IPv4/IPv6 address or host name; {@code null} or empty for all IPv4 interfaces
     * @param port the port, 0 for any free port
     * @throws CommunicationException the address cannot be resolved or bound
     */
    public static ThreadPoolServer bind(String host, int port, ServerOptions options, ConnectionHandler handler) {
        String h = BindAddresses.bare(host);
        ServerSocket socket = null;
        try {
            InetAddress address = BindAddresses.resolve(h, options.preferIpVersion());
            socket = new ServerSocket();
            socket.setReuseAddress(options.reuseAddress());
            socket.bind(new InetSocketAddress(address, port), BACKLOG);
            String loc = BindAddresses.location(h, socket.getInetAddress(), socket.getLocalPort());
            return new ThreadPoolServer(socket, null, null, loc, options, handler);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw new CommunicationException("cannot bind a server socket to " + (h.isEmpty() ? "*" : h) + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds a Unix domain socket at {@code path}; an existing socket file there is replaced (as Pyro does) and
     * removed again on {@link #close()}.
     *
     * @throws CommunicationException the socket cannot be created
     */
    public static ThreadPoolServer bindUnix(String path, ServerOptions options, ConnectionHandler handler) {
        ServerSocketChannel channel = null;
        try {
            Path p = Path.of(path);
            Files.deleteIfExists(p);
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(p), BACKLOG);
            return new ThreadPoolServer(null, channel, p, "./u:" + path, options, handler);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new CommunicationException("cannot bind a unix domain socket at " + path + ": " + e.getMessage(), e);
        }
    }

    /** Starts the accept thread (and the minimum number of workers). Idempotent; a closed server stays closed. */
    @Override
    public ThreadPoolServer start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return this;
        }
        workers.prestartAllCoreThreads();
        watchdog.scheduleWithFixedDelay(this::housekeeping, options.pollMillis(), options.pollMillis(),
                TimeUnit.MILLISECONDS);
        Thread t = new Thread(this::acceptLoop, name + "-accept " + location);
        t.setDaemon(true);
        acceptThread = t;
        t.start();
        return this;
    }

    private void housekeeping() {
        if (closed.get()) {
            return;
        }
        try {
            handler.housekeeping();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "housekeeping failed on " + location, t);
        }
    }

    private void acceptLoop() {
        LOG.log(Level.DEBUG, "accepting connections on {0}", location);
        while (!closed.get()) {
            Connection connection;
            try {
                connection = acceptOne();
            } catch (IOException | RuntimeException e) {
                if (closed.get()) {
                    break;
                }
                LOG.log(Level.WARNING, "accept failed on " + location + ": " + e);
                pause();
                continue;
            } catch (Throwable e) {
                LOG.log(Level.ERROR, "accept failed on " + location, e);
                pause();
                continue;
            }
            dispatch(connection);
        }
        LOG.log(Level.DEBUG, "stopped accepting connections on {0}", location);
    }

    private Connection acceptOne() throws IOException {
        if (tcpSocket != null) {
            Socket accepted = tcpSocket.accept();
            Socket s = accepted;
            try {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                if (options.security() != null) {
                    s = options.security().secureAccepted(s);
                }
                // COMMTIMEOUT bounds every read (idle client) and every write (client not reading its answers)
                return Connection.of(s, accepted, options.commTimeoutMillis());
            } catch (IOException | RuntimeException e) {
                closeQuietly(s);
                closeQuietly(accepted);
                throw e;
            }
        }
        SocketChannel ch = unixChannel.accept();
        try {
            return Connection.of(ch, options.commTimeoutMillis());
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private void dispatch(Connection connection) {
        open.add(connection);
        if (closed.get()) {
            release(connection);
            return;
        }
        if (!busy.tryAcquire() && !awaitWorker()) {
            refuse(connection);
            return;
        }
        try {
            workers.execute(() -> serve(connection));
        } catch (RejectedExecutionException shutDown) {
            busy.release();
            release(connection);
        }
    }

    /**
     * A short grace before refusing: a worker whose connection was just closed (by the client, or by the COMMTIMEOUT
     * watchdog, which closes the socket before the worker notices) is about to become free, and a client that
     * reconnects at once must not be told "no free workers" for that.
     */
    private boolean awaitWorker() {
        try {
            return busy.tryAcquire(WORKER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void serve(Connection connection) {
        try {
            handler.serve(connection);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "connection handler failed for " + connection, t);
        } finally {
            // the worker is free before the client can see its connection close: a client that reconnects at
            // once must not be refused for a worker that is just finishing
            busy.release();
            release(connection);
        }
    }

    private void refuse(Connection connection) {
        if (closed.get()) {
            release(connection);
            return;
        }
        LOG.log(Level.INFO, "no free workers for {0}; refusing it (threadpool size {1})", connection, options.poolSize());
        try {
            refusers.execute(() -> {
                ScheduledFuture<?> deadline = null;
                try {
                    deadline = watchdog.schedule(connection::close, options.refusalMillis(), TimeUnit.MILLISECONDS);
                    handler.refuse(connection);
                } catch (Throwable t) {
                    LOG.log(Level.DEBUG, "refusing " + connection + " failed: " + t);
                } finally {
                    if (deadline != null) {
                        deadline.cancel(false);
                    }
                    release(connection);
                }
            });
        } catch (RejectedExecutionException alsoBusy) {
            release(connection);
        }
    }

    private void release(Connection connection) {
        connection.close();
        open.remove(connection);
    }

    /** The Pyro location: {@code host:port}, {@code [ipv6]:port} or {@code ./u:path}. */
    @Override
    public String location() {
        return location;
    }

    /** The bound address: an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}. */
    public SocketAddress localAddress() {
        if (tcpSocket != null) {
            return tcpSocket.getLocalSocketAddress();
        }
        return UnixDomainSocketAddress.of(unixPath);
    }

    /** The bound TCP port, or 0 for a Unix domain socket. */
    @Override
    public int port() {
        return tcpSocket != null ? tcpSocket.getLocalPort() : 0;
    }

    /** The Unix domain socket path, or {@code null} for TCP. */
    @Override
    public String unixSocketPath() {
        return unixPath == null ? null : unixPath.toString();
    }

    /** Worker threads that currently exist. */
    public int workerCount() {
        return workers.getPoolSize();
    }

    /** Connections being served by a worker right now. */
    public int busyWorkers() {
        return options.poolSize() - busy.availablePermits();
    }

    /** Connections currently open (served or being refused). */
    public int connectionCount() {
        return open.size();
    }

    /** The options this server runs with. */
    public ServerOptions options() {
        return options;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops accepting, closes every open connection and stops all server threads. Idempotent; callable from any
     * thread, including a worker of this server.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(tcpSocket);
        closeQuietly(unixChannel);
        for (Connection c : List.copyOf(open)) {
            c.close();
        }
        open.clear();
        workers.shutdownNow();
        refusers.shutdownNow();
        watchdog.shutdownNow();
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot remove unix socket file " + unixPath + ": " + e);
            }
        }
        Thread t = acceptThread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.log(Level.DEBUG, "server on {0} closed", location);
    }

    /** Pyro's server type description, e.g. {@code <ThreadPoolServer on 127.0.0.1:9999; 4 workers>}. */
    @Override
    public String toString() {
        return "<ThreadPoolServer on " + location + "; " + workerCount() + " workers>";
    }

    private void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
