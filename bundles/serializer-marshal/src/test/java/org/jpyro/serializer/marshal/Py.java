package org.jpyro.serializer.marshal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.Tuple;

/** Builders for Python values and a type-strict deep comparison (tuple vs list, exact number classes). */
final class Py {
    private Py() {
    }

    static Tuple tuple(Object... items) {
        return Tuple.of(items);
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static Set<Object> set(Object... items) {
        return new LinkedHashSet<>(Arrays.asList(items));
    }

    /** A dict from alternating keys and values, in that order. */
    static Map<Object, Object> dict(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static void assertPyEquals(Object expected, Object actual, String where) {
        if (expected == null) {
            assertEquals(null, actual, where);
        } else if (expected instanceof Tuple) {
            assertInstanceOf(Tuple.class, actual, where + " should be a tuple: " + actual);
            assertSequence((List<?>) expected, (List<?>) actual, where);
        } else if (expected instanceof List) {
            assertInstanceOf(List.class, actual, where + " should be a list: " + actual);
            if (actual instanceof Tuple) {
                fail(where + " should be a list, not a tuple: " + actual);
            }
            assertSequence((List<?>) expected, (List<?>) actual, where);
        } else if (expected instanceof Set) {
            assertInstanceOf(Set.class, actual, where + " should be a set: " + actual);
            assertEquals(expected, actual, where);
        } else if (expected instanceof Map) {
            assertInstanceOf(Map.class, actual, where + " should be a dict: " + actual);
            Map<?, ?> e = (Map<?, ?>) expected;
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), where + " keys (in order)");
            for (Map.Entry<?, ?> en : e.entrySet()) {
                assertPyEquals(en.getValue(), a.get(en.getKey()), where + "[" + en.getKey() + "]");
            }
        } else if (expected instanceof byte[]) {
            assertInstanceOf(byte[].class, actual, where);
            assertArrayEquals((byte[]) expected, (byte[]) actual, where);
        } else {
            if (actual != null) {
                assertEquals(expected.getClass(), actual.getClass(), where + " type of " + actual);
            }
            assertEquals(expected, actual, where);
        }
    }

    private static void assertSequence(List<?> expected, List<?> actual, String where) {
        assertEquals(expected.size(), actual.size(), where + " length: " + actual);
        Iterator<?> a = actual.iterator();
        int i = 0;
        for (Object e : expected) {
            assertPyEquals(e, a.next(), where + "[" + i++ + "]");
        }
    }
}
