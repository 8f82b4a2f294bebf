package org.jpyro.daemon;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jpyro.api.CallContext;
import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;
import org.jpyro.api.PyroRemoteException;

/**
 * The Java twin of the vectors' {@code test.service} ({@code vec_objects.VecService}): same names, same
 * behaviour, same Python-visible class name.
 */
@Expose
public class VecService {
    private volatile Object value = 42;
    private volatile Object stored;
    /** Bumped at the end of every call, so tests can wait for oneway calls. */
    final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    /** Back to the initial state (package-private: not exposed). */
    void reset() {
        value = 42;
        stored = null;
    }

    public void ping() {
        calls.incrementAndGet();
    }

    public Object echo(Object x) {
        calls.incrementAndGet();
        return x;
    }

    /** Python's {@code a + b} for ints, floats and strs. */
    public Object add(Object a, Object b) {
        calls.incrementAndGet();
        if (a instanceof String && b instanceof String) {
            return (String) a + b;
        }
        if (a instanceof Double || b instanceof Double) {
            return ((Number) a).doubleValue() + ((Number) b).doubleValue();
        }
        BigInteger sum = new BigInteger(a.toString()).add(new BigInteger(b.toString()));
        return sum.bitLength() < 32 ? (Object) sum.intValue() : sum.bitLength() < 64 ? (Object) sum.longValue() : sum;
    }

    public void fail() {
        fail("failure", 0);
    }

    public void fail(String msg) {
        fail(msg, 0);
    }

    /** Raises {@code ValueError(msg, code)}. */
    public void fail(String msg, int code) {
        calls.incrementAndGet();
        throw new PyroRemoteException("builtins.ValueError", List.of(msg, code), null);
    }

    /** A generator of 0..n-1: an item stream. */
    public Iterator<Integer> count(int n) {
        calls.incrementAndGet();
        return IntStream.range(0, n).boxed().iterator();
    }

    @Oneway
    public void store(Object x) {
        stored = x;
        calls.incrementAndGet();
    }

    public Object stored() {
        calls.incrementAndGet();
        return stored;
    }

    /** {@code kw(a, b=2, **kwargs)}. */
    public Map<String, Object> kw(Object a, Map<String, Object> kwargs) {
        calls.incrementAndGet();
        Object b = kwargs.containsKey("b") ? kwargs.remove("b") : 2;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("a", a);
        r.put("b", b);
        r.put("kwargs", kwargs);
        return r;
    }

    /** The registered {@code test.child} (set by the test), which travels as a proxy (autoproxy). */
    volatile Object child;

    /** Returns the registered {@code test.child}: the daemon's autoproxy sends a proxy for it. */
    public Object child() {
        calls.incrementAndGet();
        return child;
    }

    /**
     * The request's annotations (values as hex, sorted by key) and correlation id, as the Python twin reports
     * them; adds the response annotation {@code RSPA}.
     */
    @Expose(name = "context_info")
    public Map<String, Object> contextInfo() {
        calls.incrementAndGet();
        Map<String, Object> annotations = new LinkedHashMap<>();
        new java.util.TreeMap<>(CallContext.requestAnnotations())
                .forEach((k, v) -> annotations.put(k, java.util.HexFormat.of().formatHex(v)));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("request_annotations", annotations);
        java.util.UUID id = CallContext.correlationId();
        r.put("correlation_id", id == null ? null : id.toString());
        CallContext.responseAnnotations().put("RSPA",
                "response-annotation".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return r;
    }

    public Object getValue() {
        return value;
    }

    public void setValue(Object value) {
        this.value = value;
    }
}
