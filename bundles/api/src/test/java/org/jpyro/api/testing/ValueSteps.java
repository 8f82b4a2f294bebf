package org.jpyro.api.testing;

import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code echo(x)} argument of each step of the "values" conversation ({@code pyro?-<serializer>-values.json})
 * in jpyro's value model, for the steps every serializer decodes alike: ints, floats, bools, None, strings, the
 * plain list and dict, and {@code array('i')} (a list). Steps whose value depends on the serializer (bytes,
 * tuples, sets, int dict keys, date and time, Decimal, UUID, complex) are for each test to add.
 */
public final class ValueSteps {
    private ValueSteps() {
    }

    /** Step number to expected value, as a new mutable map sorted by step. */
    public static Map<Integer, Object> common() {
        Map<Integer, Object> v = new TreeMap<>();
        v.put(1, 42);
        v.put(2, -12345);
        v.put(3, 0);
        v.put(4, Long.MAX_VALUE);
        v.put(5, Long.MIN_VALUE);
        v.put(6, BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
        v.put(7, BigInteger.TWO.pow(70));
        v.put(8, BigInteger.TWO.pow(100).negate().add(BigInteger.valueOf(7)));
        v.put(9, 3.25);
        v.put(10, -1.5e-10);
        v.put(11, Double.NaN);
        v.put(12, Double.POSITIVE_INFINITY);
        v.put(13, Double.NEGATIVE_INFINITY);
        v.put(14, true);
        v.put(15, false);
        v.put(16, null);
        v.put(17, "hello");
        v.put(18, "");
        v.put(19, "h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00");
        v.put(20, "nul\u0000 tab\t nl\n cr\r quote' dquote\" backslash\\ del\u007f");
        v.put(24, list(1, "two", 3.0, null, true));
        v.put(25, list());
        v.put(28, dict("k", "v", "n", 1, "f", 0.5));
        v.put(29, dict());
        v.put(43, list(1, 2, 3));
        return v;
    }
}
