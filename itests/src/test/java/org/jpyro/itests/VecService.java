package org.jpyro.itests;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;
import org.jpyro.api.PyroRemoteException;

/**
 * The Java twin of {@code test.service} in the golden vectors (shared/vectors/README.md, "The served objects"):
 * the same exposed members, oneway set and attribute, so a jpyro daemon's answers can be compared with the
 * recorded Python daemon's. Named like the Python class because error messages name the class.
 */
@Expose
public class VecService {
    /** The object id of the recorded service. */
    public static final String OBJECT_ID = "test.service";

    private final VecChild child;
    private volatile Object stored;
    private volatile Object value = 42;

    public VecService(VecChild child) {
        this.child = child;
    }

    /** Returns None. */
    public void ping() {
    }

    /** Returns its argument. */
    public Object echo(Object x) {
        return x;
    }

    /** {@code a + b} for ints, floats and strings. */
    public Object add(Object a, Object b) {
        if (a instanceof String || b instanceof String) {
            return String.valueOf(a) + b;
        }
        if (a instanceof Double || b instanceof Double) {
            return ((Number) a).doubleValue() + ((Number) b).doubleValue();
        }
        BigInteger sum = new BigInteger(a.toString()).add(new BigInteger(b.toString()));
        return sum.bitLength() < 32 ? (Object) sum.intValue() : sum.bitLength() < 64 ? (Object) sum.longValue() : sum;
    }

    /** Raises Python's {@code ValueError(msg, code)}, args and all. */
    public Object fail(String msg, int code) {
        throw new PyroRemoteException("builtins.ValueError", List.of(msg, code), Map.of());
    }

    /** An item stream 0 .. n-1. */
    public Iterator<Integer> count(int n) {
        return IntStream.range(0, n).iterator();
    }

    /** Remembers x; oneway. */
    @Oneway
    public void store(Object x) {
        stored = x;
    }

    /** The last stored value. */
    public Object stored() {
        return stored;
    }

    /** {@code kw(a, b=2, **kwargs)}: a trailing {@code Map<String, Object>} parameter takes the keyword arguments. */
    public Map<String, Object> kw(Object a, Map<String, Object> kwargs) {
        Map<String, Object> rest = new LinkedHashMap<>(kwargs);
        Object b = rest.containsKey("b") ? rest.remove("b") : 2;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        m.put("kwargs", rest);
        return m;
    }

    /** The registered child object (an autoproxy). */
    public VecChild child() {
        return child;
    }

    /** Not replayed here; present for the metadata. */
    public Map<String, Object> context_info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_annotations", Map.of());
        m.put("correlation_id", null);
        return m;
    }

    /** The attribute {@code value}. */
    public Object getValue() {
        return value;
    }

    /** Sets the attribute {@code value}. */
    public void setValue(Object value) {
        this.value = value;
    }
}
