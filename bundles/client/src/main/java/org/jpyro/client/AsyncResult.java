package org.jpyro.client;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jpyro.api.PyroException;

/**
 * The Java face of Pyro4's {@code FutureResult} (what calls on {@code Pyro4.asyncproxy(p)} return), as a thin
 * view of the {@link CompletableFuture} of {@link Proxy#callAsync}: no second async mechanism.
 *
 * <table>
 * <caption>Pyro4 to jpyro</caption>
 * <tr><th>Pyro4</th><th>jpyro</th></tr>
 * <tr><td>{@code async = Pyro4.asyncproxy(p); r = async.m(1)}</td><td>{@code r = p.callAsyncResult("m", 1)} or
 * {@code AsyncResult.of(p.callAsync("m", 1))}</td></tr>
 * <tr><td>{@code r.value}</td><td>{@link #value()}</td></tr>
 * <tr><td>{@code r.ready}</td><td>{@link #ready()}</td></tr>
 * <tr><td>{@code r.wait(timeout)}</td><td>{@link #await(Duration)}</td></tr>
 * <tr><td>{@code r.then(fn)}</td><td>{@link #then(Function)} (returns the chained result, rather than
 * {@code r} itself)</td></tr>
 * <tr><td>{@code r.iferror(fn)}</td><td>{@link #iferror(Consumer)}</td></tr>
 * </table>
 *
 * @param <T> the result type
 */
public final class AsyncResult<T> {
    private final CompletableFuture<T> future;

    private AsyncResult(CompletableFuture<T> future) {
        this.future = future;
    }

    /** The view of a future. */
    public static <T> AsyncResult<T> of(CompletableFuture<T> future) {
        if (future == null) {
            throw new IllegalArgumentException("future is required");
        }
        return new AsyncResult<>(future);
    }

    /** The underlying future. */
    public CompletableFuture<T> future() {
        return future;
    }

    /** Whether the result (or the failure) has arrived ({@code FutureResult.ready}). */
    public boolean ready() {
        return future.isDone();
    }

    /**
     * Waits up to {@code timeout} for the result ({@code FutureResult.wait(timeout)}); {@code null} waits without
     * limit.
     *
     * @return whether the result is ready
     */
    public boolean await(Duration timeout) {
        try {
            if (timeout == null) {
                future.join();
            } else {
                future.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return future.isDone();
        } catch (ExecutionException | CompletionException | CancellationException e) {
            // failed: ready all the same
        }
        return true;
    }

    /**
     * Waits for the result and returns it ({@code FutureResult.value}); a call that failed throws its exception
     * (a {@link PyroException} as raised by the call, unwrapped from the future's wrapper).
     */
    public T value() {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new PyroException(String.valueOf(cause), cause);
        }
    }

    /**
     * Chains a function on the result ({@code FutureResult.then}): it runs when the result arrives, and the
     * returned result is its value; a failure skips it and passes on.
     */
    public <R> AsyncResult<R> then(Function<? super T, ? extends R> fn) {
        return new AsyncResult<>(future.thenApply(fn));
    }

    /**
     * Calls {@code handler} with the exception if the call fails ({@code FutureResult.iferror}), unwrapped from the
     * future's wrapper; returns this result.
     */
    public AsyncResult<T> iferror(Consumer<? super Throwable> handler) {
        future.whenComplete((v, t) -> {
            if (t != null) {
                handler.accept(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
            }
        });
        return this;
    }

    @Override
    public String toString() {
        return "AsyncResult[" + (ready() ? "ready" : "pending") + "]";
    }
}
