package org.jpyro.daemon.impl;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.BaseStream;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;

/**
 * Item streams: iterators that methods returned, kept under a random id (a UUID string, sent in the {@code STRM}
 * annotation) while clients pull their items with {@code Pyro.Daemon.get_next_stream_item(id)}.
 * <h2>Lifetime, as in Pyro5</h2>
 * <ul>
 * <li>A stream ends (is forgotten and its Java side closed) when it is exhausted (the client gets
 * {@code StopIteration}), when its iterator throws (the client gets that exception), on
 * {@code Pyro.Daemon.close_stream(id)}, when it is older than ITER_STREAM_LIFETIME seconds (0 = no limit), and on
 * daemon shutdown. A client pulling an ended or unknown id gets {@code PyroError("item stream terminated")}.</li>
 * <li>Linger: when the connection that created a stream goes away, the stream is kept ITER_STREAM_LINGER more
 * seconds (0 = closed at once). A reconnected proxy resumes it by simply calling
 * {@code get_next_stream_item(sameId)} on its new connection: the stream then belongs to that connection (the
 * linger timer stops; the lifetime still counts from creation). Any connection may pull any stream whose id it
 * knows, as in Pyro.</li>
 * <li>At most {@link #maxStreams()} streams are open (jpyro's guard against clients that never finish their
 * streams): a new stream beyond it first evicts the longest-lingering orphaned stream, else the oldest one.</li>
 * <li>Closing the Java side: a {@link java.util.stream.Stream} (any {@link BaseStream}) is closed, an iterator or
 * iterable that is {@link AutoCloseable} is closed. Close failures are logged, never sent.</li>
 * </ul>
 * Expiry runs on one shared daemon timer thread (which exits when no stream has a deadline). The daemon's
 * configuration reaches this object through {@link #configure(PyroConfig)}, called when the {@code Pyro.Daemon}
 * object of the daemon is created; unconfigured, Pyro's defaults apply (lifetime 0, linger 30 s).
 */
public final class ItemStreams {
    private static final System.Logger LOG = System.getLogger(ItemStreams.class.getName());
    /** Default cap on open streams per daemon. */
    public static final int DEFAULT_MAX_STREAMS = 10_000;

    /** Timer for lifetime and linger deadlines, shared by every daemon; its thread exits when idle. */
    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "jpyro-itemstream-timer");
            th.setDaemon(true);
            return th;
        });
        t.setKeepAliveTime(10, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        t.setRemoveOnCancelPolicy(true);
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return t;
    }

    /** One open stream: the iterator, what to close when done, and the connection it belongs to. */
    private static final class Entry {
        final Iterator<?> iterator;
        final AutoCloseable resource;
        final long created = System.nanoTime();
        /** The connection it belongs to; {@code null} while it lingers after its connection went away. */
        Object owner;
        long orphanedAt;
        ScheduledFuture<?> lifetimeTask;
        ScheduledFuture<?> lingerTask;

        Entry(Iterator<?> iterator, AutoCloseable resource, Object owner) {
            this.iterator = iterator;
            this.resource = resource;
            this.owner = owner;
        }
    }

    private final Map<String, Entry> streams = new ConcurrentHashMap<>();
    private volatile long lifetimeNanos;
    private volatile long lingerNanos = TimeUnit.SECONDS.toNanos(30);
    private volatile int maxStreams = DEFAULT_MAX_STREAMS;

    /** Takes ITER_STREAM_LIFETIME and ITER_STREAM_LINGER (seconds) from the daemon's configuration. */
    public void configure(PyroConfig config) {
        lifetimeNanos = nanos(config.getDouble(ConfigItem.ITER_STREAM_LIFETIME));
        lingerNanos = nanos(config.getDouble(ConfigItem.ITER_STREAM_LINGER));
    }

    /** Sets the lifetime and linger directly (seconds; 0 = forever / close at once). */
    public void configure(double lifetimeSeconds, double lingerSeconds) {
        lifetimeNanos = nanos(lifetimeSeconds);
        lingerNanos = nanos(lingerSeconds);
    }

    /** Sets the cap on open streams (at least 1). */
    public void maxStreams(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max streams must be at least 1: " + max);
        }
        maxStreams = max;
    }

    /** The cap on open streams. */
    public int maxStreams() {
        return maxStreams;
    }

    private static long nanos(double seconds) {
        return seconds > 0 ? Math.max(1, (long) (seconds * 1e9)) : 0;
    }

    /**
     * Whether a method result is streamed instead of serialized: an {@link Iterator}, a
     * {@link java.util.stream.Stream} (any {@link BaseStream}) or an {@link Iterable} that is not a
     * {@link Collection} (nor a {@link Path}).
     */
    public static boolean isStream(Object result) {
        return result instanceof Iterator || result instanceof BaseStream
                || (result instanceof Iterable && !(result instanceof Collection) && !(result instanceof Path));
    }

    /** Stores a streamed result for the owner (the connection's session) and returns its new id. Never throws. */
    public String register(Object result, Object owner) {
        Iterator<?> iterator;
        AutoCloseable resource = null;
        if (result instanceof BaseStream) {
            BaseStream<?, ?> s = (BaseStream<?, ?>) result;
            iterator = s.iterator();
            resource = s;
        } else if (result instanceof Iterator) {
            iterator = (Iterator<?>) result;
            resource = result instanceof AutoCloseable ? (AutoCloseable) result : null;
        } else {
            iterator = ((Iterable<?>) result).iterator();
            if (iterator instanceof AutoCloseable) {
                resource = (AutoCloseable) iterator;
            } else if (result instanceof AutoCloseable) {
                resource = (AutoCloseable) result;
            }
        }
        while (streams.size() >= maxStreams) {
            evictOne();
        }
        String id = UUID.randomUUID().toString();
        Entry e = new Entry(iterator, resource, owner);
        streams.put(id, e);
        long lifetime = lifetimeNanos;
        if (lifetime > 0) {
            synchronized (e) {
                e.lifetimeTask = schedule(() -> expire(id, e, "lifetime"), lifetime);
            }
        }
        return id;
    }

    /**
     * The next item of a stream, for the connection whose call the thread serves (see {@link CallContext#scope()}):
     * a lingering stream is adopted by it.
     *
     * @throws PyroException                        "item stream terminated" for an unknown (or ended) id
     * @throws org.jpyro.api.PyroRemoteException    {@code StopIteration} at the end; the stream is forgotten
     * @throws Throwable                            whatever the iterator throws; the stream is forgotten
     */
    public Object next(String id) throws Throwable {
        Entry e = id == null ? null : streams.get(id);
        if (e == null) {
            throw new PyroException("item stream terminated");
        }
        synchronized (e) {
            if (streams.get(id) != e) {
                throw new PyroException("item stream terminated");
            }
            if (e.owner == null) {
                SessionScope scope = CallContext.scope();
                if (scope != null) {
                    e.owner = scope.owner();
                    cancel(e.lingerTask);
                    e.lingerTask = null;
                }
            }
            boolean ok = false;
            try {
                if (e.iterator.hasNext()) {
                    Object item = e.iterator.next();
                    ok = true;
                    return item;
                }
            } finally {
                if (!ok) {
                    end(id, e);
                }
            }
        }
        throw PythonErrors.stopIteration();
    }

    /** Closes and forgets a stream; unknown ids are ignored. */
    public void close(String id) {
        Entry e = id == null ? null : streams.get(id);
        if (e != null) {
            end(id, e);
        }
    }

    /**
     * The connection went away: its streams linger for ITER_STREAM_LINGER seconds (adoptable by a reconnected
     * proxy), or are closed at once when that is 0.
     */
    public void connectionClosed(Object owner) {
        long linger = lingerNanos;
        streams.forEach((id, e) -> {
            boolean closeNow = false;
            synchronized (e) {
                if (e.owner != owner || owner == null) {
                    return;
                }
                if (linger <= 0) {
                    closeNow = true;
                } else {
                    e.owner = null;
                    e.orphanedAt = System.nanoTime();
                    e.lingerTask = schedule(() -> expire(id, e, "linger"), linger);
                }
            }
            if (closeNow) {
                end(id, e);
            }
        });
    }

    /** Closes every stream (daemon shutdown). */
    public void closeAll() {
        streams.forEach(this::end);
    }

    /** Number of open streams (lingering ones included). */
    public int size() {
        return streams.size();
    }

    /** Number of streams lingering after their connection went away. */
    public int lingering() {
        int n = 0;
        for (Entry e : streams.values()) {
            synchronized (e) {
                n += e.owner == null ? 1 : 0;
            }
        }
        return n;
    }

    private void expire(String id, Entry e, String why) {
        synchronized (e) {
            if ("linger".equals(why) && e.owner != null) {
                return; // adopted meanwhile
            }
        }
        LOG.log(Level.DEBUG, "item stream {0} ends: {1} expired", id, why);
        end(id, e);
    }

    /** Makes room for one stream: the longest-lingering orphan, else the oldest stream. */
    private void evictOne() {
        String victim = null;
        long victimKey = Long.MAX_VALUE;
        boolean victimOrphan = false;
        for (Map.Entry<String, Entry> me : streams.entrySet()) {
            Entry e = me.getValue();
            boolean orphan;
            long key;
            synchronized (e) {
                orphan = e.owner == null;
                key = orphan ? e.orphanedAt : e.created;
            }
            if ((orphan && !victimOrphan) || (orphan == victimOrphan && key - victimKey < 0) || victim == null) {
                victim = me.getKey();
                victimKey = key;
                victimOrphan = orphan;
            }
        }
        if (victim == null) {
            return;
        }
        LOG.log(Level.INFO, "too many open item streams ({0}): closing {1}", maxStreams, victim);
        close(victim);
    }

    private void end(String id, Entry e) {
        if (!streams.remove(id, e)) {
            return;
        }
        synchronized (e) {
            cancel(e.lifetimeTask);
            cancel(e.lingerTask);
            e.lifetimeTask = null;
            e.lingerTask = null;
        }
        if (e.resource != null) {
            try {
                e.resource.close();
            } catch (Exception ex) {
                LOG.log(Level.DEBUG, "closing item stream " + id + " failed: " + ex);
            }
        }
    }

    private static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
