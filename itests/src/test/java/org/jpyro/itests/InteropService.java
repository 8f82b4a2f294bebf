package org.jpyro.itests;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;

/**
 * The Java object the interop peers call: echo, a two-argument method, a Java exception that must arrive as
 * Python's {@code ValueError}, a slow oneway method, an item stream and a remote attribute {@code value}.
 */
@Expose
public class InteropService {
    /** The object id the tests register it under. */
    public static final String OBJECT_ID = "test.service";

    private final AtomicInteger onewayCalls = new AtomicInteger();
    private volatile int value = 42;

    /** Returns its argument. */
    public Object echo(Object x) {
        return x;
    }

    /** Adds two ints. */
    public int add(int a, int b) {
        return a + b;
    }

    /** Throws {@link IllegalArgumentException}, which Python clients receive as {@code ValueError}. */
    public Object raiseValueError(String message) {
        throw new IllegalArgumentException(message);
    }

    /** Sleeps, then counts the call; oneway, so callers never wait for it. */
    @Oneway
    public void sleepOneway(int millis) throws InterruptedException {
        Thread.sleep(millis);
        onewayCalls.incrementAndGet();
    }

    /** How many {@link #sleepOneway} calls have finished. */
    public int onewayCount() {
        return onewayCalls.get();
    }

    /** An item stream of 0 .. n-1, produced lazily (the remote generator of Pyro's examples). */
    public Iterator<Integer> count(int n) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Integer next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }

    /** The remote attribute {@code value}. */
    public int getValue() {
        return value;
    }

    /** Sets the remote attribute {@code value}. */
    public void setValue(int value) {
        this.value = value;
    }
}
