package org.jpyro.client.impl;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One of a proxy's connections: its lock (one request/response exchange at a time), the live {@link Session} or
 * {@code null}, the proxy-style sequence counter (kept across reconnects, as Python's {@code _pyroSeq}) and the
 * ids of item streams abandoned by their iterators, to be closed on this connection when it is next used.
 */
final class ConnectionSlot {
    final int index;
    final ReentrantLock lock = new ReentrantLock();
    final Queue<String> abandonedStreams = new ConcurrentLinkedQueue<>();
    volatile Session session;
    /** Guarded by {@link #lock}. */
    int seq;

    ConnectionSlot(int index) {
        this.index = index;
    }

    /** The next sequence number; caller holds the lock. */
    int nextSeq() {
        seq = (seq + 1) & 0xFFFF;
        return seq;
    }
}
