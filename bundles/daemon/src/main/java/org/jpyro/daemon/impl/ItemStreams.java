package org.jpyro.daemon.impl;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.BaseStream;

import org.jpyro.api.PyroException;

/**
 * Item streams: iterators that methods returned, kept under a random id while clients pull their items with
 * {@code Pyro.Daemon.get_next_stream_item(id)}. A stream ends (and is forgotten and closed) when it is
 * exhausted, when its iterator throws, on {@code close_stream(id)}, or when the connection that created it
 * closes (Pyro's ITER_STREAM_LINGER / ITER_STREAM_LIFETIME would hook into {@link #connectionClosed}).
 */
public final class ItemStreams {
    private static final System.Logger LOG = System.getLogger(ItemStreams.class.getName());

    /** One open stream: the iterator, what to close when done, and the connection it belongs to. */
    private static final class Entry {
        final Iterator<?> iterator;
        final AutoCloseable resource;
        final Object owner;

        Entry(Iterator<?> iterator, AutoCloseable resource, Object owner) {
            this.iterator = iterator;
            this.resource = resource;
            this.owner = owner;
        }
    }

    private final Map<String, Entry> streams = new ConcurrentHashMap<>();

    /**
     * Whether a method result is streamed instead of serialized: an {@link Iterator}, a
     * {@link java.util.stream.Stream} (any {@link BaseStream}) or an {@link Iterable} that is not a
     * {@link Collection} (nor a {@link Path}).
     */
    public static boolean isStream(Object result) {
        return result instanceof Iterator || result instanceof BaseStream
                || (result instanceof Iterable && !(result instanceof Collection) && !(result instanceof Path));
    }

    /** Stores a streamed result for the owner (the connection's session) and returns its new id. */
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
        String id = UUID.randomUUID().toString();
        streams.put(id, new Entry(iterator, resource, owner));
        return id;
    }

    /**
     * The next item of a stream.
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

    /** Drops the streams the connection created (the linger/lifetime hook). */
    public void connectionClosed(Object owner) {
        streams.forEach((id, e) -> {
            if (e.owner == owner) {
                end(id, e);
            }
        });
    }

    /** Closes every stream (daemon shutdown). */
    public void closeAll() {
        streams.forEach(this::end);
    }

    /** Number of open streams. */
    public int size() {
        return streams.size();
    }

    private void end(String id, Entry e) {
        if (streams.remove(id, e) && e.resource != null) {
            try {
                e.resource.close();
            } catch (Exception ex) {
                LOG.log(Level.DEBUG, "closing item stream " + id + " failed: " + ex);
            }
        }
    }
}
