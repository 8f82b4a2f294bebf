package org.jpyro.itests.objects;

import java.util.concurrent.atomic.AtomicInteger;

import org.jpyro.api.Behavior;
import org.jpyro.api.Expose;
import org.jpyro.api.InstanceMode;

/** Classes whose instances tell their creation number, one per instance mode. */
public final class Numbered {
    static final AtomicInteger CREATED = new AtomicInteger();

    private Numbered() {
    }

    /** SESSION (the default for registered classes). */
    @Expose
    public static class PerSession implements AutoCloseable {
        static final AtomicInteger CLOSED = new AtomicInteger();
        private final int number = CREATED.incrementAndGet();

        public int number() {
            return number;
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    @Expose
    @Behavior(instanceMode = InstanceMode.PERCALL)
    public static class PerCall {
        private final int number = CREATED.incrementAndGet();

        public int number() {
            return number;
        }
    }

    @Expose
    @Behavior(instanceMode = InstanceMode.SINGLE)
    public static class Single {
        private final int number = CREATED.incrementAndGet();

        public int number() {
            return number;
        }
    }
}
