package org.jpyro.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.jpyro.api.serializer.ExceptionWrapper;
import org.jpyro.client.impl.ProxyCore;

/**
 * The results of one {@link BatchProxy#execute()}, in call order. Where the daemon stopped at an exception,
 * the result list holds an {@link ExceptionWrapper}: consuming that place ({@link #get(int)}, the iterator's
 * {@code next()}, {@link #toList()}) throws the remote exception; the results before it stay readable.
 */
public final class BatchResults implements Iterable<Object> {
    private final List<?> results;

    BatchResults(List<?> results) {
        this.results = results;
    }

    /** The number of entries the daemon returned (the calls up to and including a failed one). */
    public int size() {
        return results.size();
    }

    /** Whether the batch stopped at an exception. */
    public boolean failed() {
        return !results.isEmpty() && results.get(results.size() - 1) instanceof ExceptionWrapper;
    }

    /**
     * The result of call {@code index}.
     *
     * @throws org.jpyro.api.PyroException that call raised
     */
    public Object get(int index) {
        return unwrap(results.get(index));
    }

    /** All results; throws the remote exception if the batch stopped at one. */
    public List<Object> toList() {
        List<Object> out = new ArrayList<>(results.size());
        for (Object r : results) {
            out.add(unwrap(r));
        }
        return out;
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < results.size();
            }

            @Override
            public Object next() {
                if (next >= results.size()) {
                    throw new NoSuchElementException();
                }
                return unwrap(results.get(next++));
            }
        };
    }

    private static Object unwrap(Object r) {
        if (r instanceof ExceptionWrapper w) {
            throw ProxyCore.remoteException(w.exception());
        }
        return r;
    }

    @Override
    public String toString() {
        return "BatchResults" + results;
    }
}
