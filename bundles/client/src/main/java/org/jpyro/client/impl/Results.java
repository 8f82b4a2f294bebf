package org.jpyro.client.impl;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jpyro.api.convert.ValueConverter;
import org.jpyro.client.RemoteIterator;

/** Shapes remote results into the declared return types of typed proxy methods. */
final class Results {
    private Results() {
    }

    /** The value for a plan's return type. */
    static Object adapt(Object result, MethodPlan plan) {
        switch (plan.shape) {
            case VOID:
                return null;
            case RAW:
                return result;
            case ITERATOR:
                return result == null ? null : iterator(result, plan.elementType);
            case STREAM:
                return result == null ? null : stream(result, plan.elementType);
            case ITERABLE:
                return result == null ? null : iterable(result, plan.elementType);
            case VALUE:
            default:
                return value(result, plan);
        }
    }

    private static Object value(Object result, MethodPlan plan) {
        if (result != null && plan.returnType == plan.returnClass && plan.returnClass.isInstance(result)) {
            return result;
        }
        if (result instanceof RemoteIterator it) {
            result = drain(it);
        }
        return ValueConverter.convert(result, plan.returnType);
    }

    private static List<Object> drain(RemoteIterator it) {
        try (it) {
            List<Object> items = new ArrayList<>();
            it.forEachRemaining(items::add);
            return items;
        }
    }

    static Iterator<Object> iterator(Object result, Type elementType) {
        if (result instanceof RemoteIterator remote) {
            return elementType == Object.class ? remote : new ConvertingRemoteIterator(remote, elementType);
        }
        if (result instanceof Iterable<?> items) {
            return new ConvertingIterator(items.iterator(), elementType);
        }
        if (result instanceof Object[] array) {
            return new ConvertingIterator(List.of(array).iterator(), elementType);
        }
        throw new IllegalArgumentException("cannot iterate over the remote result " + result);
    }

    static Stream<Object> stream(Object result, Type elementType) {
        Iterator<Object> it = iterator(result, elementType);
        Stream<Object> s = StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
        return it instanceof RemoteIterator remote ? s.onClose(remote::close) : s;
    }

    static Iterable<Object> iterable(Object result, Type elementType) {
        if (result instanceof RemoteIterator remote) {
            AtomicBoolean used = new AtomicBoolean();
            return () -> {
                if (!used.compareAndSet(false, true)) {
                    throw new IllegalStateException("a remote iterator can be iterated only once");
                }
                return iterator(remote, elementType);
            };
        }
        if (result instanceof Iterable<?> || result instanceof Object[]) {
            return () -> iterator(result, elementType);
        }
        throw new IllegalArgumentException("cannot iterate over the remote result " + result);
    }

    /** Converts each item to the element type. */
    private static class ConvertingIterator implements Iterator<Object> {
        private final Iterator<?> delegate;
        private final Type elementType;

        ConvertingIterator(Iterator<?> delegate, Type elementType) {
            this.delegate = delegate;
            this.elementType = elementType;
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public Object next() {
            Object item = delegate.next();
            return elementType == Object.class ? item : ValueConverter.convert(item, elementType);
        }
    }

    /** A remote iterator whose items are converted to the element type. */
    private static final class ConvertingRemoteIterator extends ConvertingIterator implements RemoteIterator {
        private final RemoteIterator remote;

        ConvertingRemoteIterator(RemoteIterator remote, Type elementType) {
            super(remote, elementType);
            this.remote = remote;
        }

        @Override
        public String streamId() {
            return remote.streamId();
        }

        @Override
        public void close() {
            remote.close();
        }
    }
}
