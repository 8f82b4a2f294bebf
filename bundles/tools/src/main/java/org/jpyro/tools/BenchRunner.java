package org.jpyro.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.jpyro.api.PyroURI;
import org.jpyro.client.BatchProxy;
import org.jpyro.client.BatchResults;
import org.jpyro.client.Proxy;

/**
 * Runs the calls of a {@link BenchPlan}: the proxies are connected once by {@link #open()} (except in connect
 * mode, where connecting is what is measured); each {@link #run(int)} starts all threads at once and returns
 * the calls per second of the whole run, wall clock.
 */
final class BenchRunner implements AutoCloseable {
    private final BenchPlan plan;
    private final List<Proxy> proxies = new ArrayList<>();
    private PyroURI target;

    BenchRunner(BenchPlan plan) {
        this.plan = plan;
        this.target = plan.uri();
    }

    /** A call failed: the run is aborted; the cause is the failure of the first thread that failed. */
    static final class BenchFailure extends Exception {
        private static final long serialVersionUID = 1L;

        BenchFailure(Throwable cause) {
            super(cause);
        }
    }

    /** Connects the proxies (one, or one per thread) and checks the call works; resolves name server uris once. */
    void open() throws BenchFailure {
        try {
            Proxy first = newProxy();
            proxies.add(first);
            first.bind();
            target = first.uri();
            if (plan.mode() == BenchPlan.Mode.CONNECT) {
                first.call(plan.method(), plan.arg()); // the call works; each call of a run connects anew
                close();
                return;
            }
            int count = plan.shared() ? 1 : plan.threads();
            for (int i = 1; i < count; i++) {
                Proxy p = newProxy();
                proxies.add(p);
                p.bind();
            }
        } catch (RuntimeException e) {
            throw new BenchFailure(e);
        }
    }

    private Proxy newProxy() {
        return new Proxy(target, plan.config()).protocol(plan.protocol()).serializer(plan.serializer());
    }

    /** One run of {@code calls} calls over all threads; returns calls per second (0 calls: no run, 0). */
    double run(int calls) throws BenchFailure, InterruptedException {
        if (calls == 0) {
            return 0;
        }
        int threads = Math.min(plan.threads(), calls);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Proxy proxy = plan.mode() == BenchPlan.Mode.CONNECT ? null : proxies.get(plan.shared() ? 0 : t);
            int mine = plan.callsOfThread(t, calls);
            Thread w = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    work(proxy, mine, failure);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "bench-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        long took = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new BenchFailure(failure.get());
        }
        return calls * 1e9 / Math.max(took, 1);
    }

    private void work(Proxy proxy, int calls, AtomicReference<Throwable> failure) {
        String method = plan.method();
        String arg = plan.arg();
        switch (plan.mode()) {
            case CALL -> {
                for (int i = 0; i < calls && failure.get() == null; i++) {
                    proxy.call(method, arg);
                }
            }
            case ONEWAY -> {
                for (int i = 0; i < calls && failure.get() == null; i++) {
                    proxy.callOneway(method, arg);
                }
                proxy.ping();
            }
            case BATCH -> {
                for (int left = calls; left > 0 && failure.get() == null; ) {
                    int n = Math.min(left, plan.batchSize());
                    BatchProxy batch = proxy.batch();
                    for (int i = 0; i < n; i++) {
                        batch.call(method, arg);
                    }
                    BatchResults results = batch.execute();
                    results.toList(); // throws what a call raised
                    if (results.size() != n) {
                        throw new IllegalStateException("batch of " + n + " calls returned " + results.size() + " results");
                    }
                    left -= n;
                }
            }
            case CONNECT -> {
                for (int i = 0; i < calls && failure.get() == null; i++) {
                    try (Proxy p = newProxy()) {
                        p.call(method, arg);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        for (Proxy p : proxies) {
            p.close();
        }
        proxies.clear();
    }
}
