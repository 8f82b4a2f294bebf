package org.jpyro.client;

import java.util.Iterator;

/**
 * The result of a remote call that returned an iterator or generator (a Pyro item stream). Each item is
 * fetched on demand from the daemon with {@code Pyro.Daemon.get_next_stream_item}, over the connection of the
 * proxy that made the call; the iteration ends when the remote iterator is exhausted. Closing it before the
 * end tells the daemon to discard the stream ({@code close_stream}, oneway).
 * <p>
 * Not thread-safe: one thread iterates. Items are the Python values as the serializer decodes them
 * (see {@link org.jpyro.api}).
 */
public interface RemoteIterator extends Iterator<Object>, AutoCloseable {

    /** The stream id the daemon handed out. */
    String streamId();

    /**
     * Fetches the next item if none is buffered yet.
     *
     * @return {@code false} once the remote iterator is exhausted or the iterator was closed
     * @throws org.jpyro.api.PyroException the remote iterator raised, or the connection failed
     */
    @Override
    boolean hasNext();

    /**
     * Discards the remote stream if it has not ended yet (oneway {@code close_stream}); idempotent, never
     * throws for communication problems.
     */
    @Override
    void close();
}
