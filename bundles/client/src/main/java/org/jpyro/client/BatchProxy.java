package org.jpyro.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jpyro.api.PyroException;
import org.jpyro.api.Tuple;
import org.jpyro.client.impl.ProxyCore;

/**
 * Collects calls to one remote object and sends them as a single {@code <batch>} request (Pyro's
 * {@code BatchProxy}): one network round trip for many calls. The daemon runs the calls in order and stops at
 * the first one that raises; {@link #execute()} returns the results in call order, and the exception is thrown
 * when its place in the results is consumed.
 * <p>
 * Calls are not checked against the object's metadata while collecting (as in Python). After
 * {@link #execute()} or {@link #executeOneway()} the collected calls are cleared, so the batch proxy can be
 * reused. Not thread-safe: fill and run a batch from one thread.
 *
 * <pre>{@code
 * BatchProxy batch = proxy.batch();
 * batch.call("echo", 1).call("add", 2, 3);
 * for (Object result : batch.execute()) { ... }
 * }</pre>
 */
public final class BatchProxy {
    private final ProxyCore core;
    private List<Object> calls = new ArrayList<>();

    /** A batch for the remote object of {@code proxy}, sent on its connection. */
    public BatchProxy(Proxy proxy) {
        if (proxy == null) {
            throw new IllegalArgumentException("proxy is required");
        }
        this.core = proxy.core();
    }

    /** Adds a call with positional arguments. */
    public BatchProxy call(String method, Object... args) {
        return add(method, args == null ? Tuple.of() : Tuple.copyOf(java.util.Arrays.asList(args)), Map.of());
    }

    /** Adds a call with positional and keyword arguments. */
    public BatchProxy callKw(String method, List<?> args, Map<String, ?> kwargs) {
        return add(method, args == null ? Tuple.of() : Tuple.copyOf(args),
                kwargs == null ? Map.of() : Collections.<String, Object>unmodifiableMap(new java.util.LinkedHashMap<>(kwargs)));
    }

    private BatchProxy add(String method, Tuple args, Map<String, Object> kwargs) {
        if (method == null) {
            throw new IllegalArgumentException("method name is required");
        }
        calls.add(Tuple.of(method, args, kwargs));
        return this;
    }

    /** How many calls are collected. */
    public int size() {
        return calls.size();
    }

    /**
     * Sends the collected calls as one request and waits for the results.
     *
     * @return the results in call order; iterating past the last successful call throws the remote exception
     * @throws PyroException communication failed
     */
    public BatchResults execute() {
        List<Object> sent = takeCalls();
        Object result = core.invokeBatch(sent, false);
        if (!(result instanceof List<?> list)) {
            throw new PyroException("invalid batch result: " + result);
        }
        return new BatchResults(list);
    }

    /** Sends the collected calls as one oneway request (BATCH|ONEWAY) and returns at once; results are discarded. */
    public void executeOneway() {
        core.invokeBatch(takeCalls(), true);
    }

    private List<Object> takeCalls() {
        List<Object> sent = calls;
        calls = new ArrayList<>();
        return sent;
    }

    @Override
    public String toString() {
        return "<BatchProxy of " + calls.size() + " calls for " + core.uri() + ">";
    }
}
