package org.jpyro.daemon.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lifetime, linger, resume by another connection, the cap, and closing the Java side. */
@Timeout(30)
class ItemStreamsTest {
    private final ItemStreams streams = new ItemStreams();
    private final AtomicInteger closed = new AtomicInteger();
    private final Object connectionA = new Object();
    private final Object connectionB = new Object();

    @AfterEach
    void cleanUp() {
        streams.closeAll();
        CallContext.leave();
    }

    private Stream<Integer> counted(int n) {
        return Stream.iterate(1, i -> i + 1).limit(n).onClose(closed::incrementAndGet);
    }

    /** Pulls as a call on {@code connection} would: its scope bound to the thread. */
    private Object pull(String id, Object connection) throws Throwable {
        CallContext.bindScope(new SessionScope(connection));
        try {
            return streams.next(id);
        } finally {
            CallContext.leave();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static void assertTerminated(ThrowingCall call) {
        PyroException e = assertThrows(PyroException.class, call::run);
        assertEquals("item stream terminated", e.getMessage());
    }

    interface ThrowingCall {
        void run() throws Throwable;
    }

    @Test
    void exhaustedStreamsEndWithStopIterationAndAreClosed() throws Throwable {
        String id = streams.register(counted(2), connectionA);
        assertEquals(1, pull(id, connectionA));
        assertEquals(2, pull(id, connectionA));
        PyroRemoteException stop = assertThrows(PyroRemoteException.class, () -> pull(id, connectionA));
        assertEquals("builtins.StopIteration", stop.pythonType());
        assertEquals(1, closed.get());
        assertTerminated(() -> pull(id, connectionA));
        assertEquals(0, streams.size());
    }

    @Test
    void closeStreamClosesTheJavaSide() throws Throwable {
        String id = streams.register(counted(5), connectionA);
        assertEquals(1, pull(id, connectionA));
        streams.close(id);
        assertEquals(1, closed.get());
        assertTerminated(() -> pull(id, connectionA));
        streams.close("unknown");
    }

    /** An iterator that is AutoCloseable is closed too. */
    private final class ClosingIterator implements Iterator<Integer>, AutoCloseable {
        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            return 7;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void withoutLingerAStreamEndsWithItsConnection() throws Throwable {
        streams.configure(0, 0);
        String id = streams.register(new ClosingIterator(), connectionA);
        String other = streams.register(counted(3), connectionB);
        streams.connectionClosed(connectionA);
        assertEquals(1, closed.get(), "the closeable iterator was closed");
        assertTerminated(() -> pull(id, connectionB));
        assertEquals(1, pull(other, connectionB), "other connections' streams stay");
    }

    @Test
    void aLingeringStreamIsResumedByAReconnectedClient() throws Throwable {
        streams.configure(0, 30);
        String id = streams.register(counted(5), connectionA);
        assertEquals(1, pull(id, connectionA));
        streams.connectionClosed(connectionA);
        assertEquals(1, streams.lingering());
        assertEquals(0, closed.get(), "still open while it lingers");
        assertEquals(2, pull(id, connectionB), "resumed on the new connection, where it left off");
        assertEquals(0, streams.lingering(), "adopted by the new connection");
        streams.connectionClosed(connectionA);
        assertEquals(3, pull(id, connectionB), "the old connection no longer owns it");
    }

    @Test
    void aLingeringStreamEndsAfterTheLinger() throws Throwable {
        streams.configure(0, 0.2);
        String id = streams.register(counted(5), connectionA);
        streams.connectionClosed(connectionA);
        await(() -> closed.get() == 1, "closed after the linger");
        assertTerminated(() -> pull(id, connectionB));
    }

    @Test
    void aStreamEndsAfterItsLifetime() throws Throwable {
        streams.configure(0.2, 30);
        String id = streams.register(counted(1000), connectionA);
        assertEquals(1, pull(id, connectionA));
        await(() -> closed.get() == 1, "closed after its lifetime, though its client is connected");
        assertTerminated(() -> pull(id, connectionA));
    }

    @Test
    void theCapEvictsLingeringStreamsFirstThenTheOldest() throws Throwable {
        streams.configure(0, 30);
        streams.maxStreams(2);
        String lingering = streams.register(counted(3), connectionA);
        String oldest = streams.register(counted(3), connectionB);
        streams.connectionClosed(connectionA);
        String third = streams.register(counted(3), connectionB);
        assertTerminated(() -> pull(lingering, connectionB));
        assertEquals(1, pull(oldest, connectionB));
        String fourth = streams.register(counted(3), connectionB);
        assertTerminated(() -> pull(oldest, connectionB));
        assertEquals(1, pull(third, connectionB));
        assertEquals(1, pull(fourth, connectionB));
        assertEquals(2, streams.size());
        assertEquals(2, closed.get());
        assertThrows(IllegalArgumentException.class, () -> streams.maxStreams(0));
    }

    @Test
    void iteratorExceptionsEndTheStream() throws Throwable {
        Iterator<Object> failing = List.<Object>of(1).iterator();
        String id = streams.register(new Iterator<Object>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                if (failing.hasNext()) {
                    return failing.next();
                }
                throw new IllegalStateException("broken");
            }
        }, connectionA);
        assertEquals(1, pull(id, connectionA));
        assertThrows(IllegalStateException.class, () -> pull(id, connectionA));
        assertTerminated(() -> pull(id, connectionA));
    }
}
