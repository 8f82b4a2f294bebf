package org.jpyro.serializer.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for JSON-decoded Python values, and a type-strict deep comparison (dict key order included). */
final class Py {
    private Py() {
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
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
        } else if (expected instanceof List) {
            assertInstanceOf(ArrayList.class, actual, where + " should be a list: " + actual);
            List<?> e = (List<?>) expected;
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), where + " length: " + actual);
            Iterator<?> it = a.iterator();
            int i = 0;
            for (Object item : e) {
                assertPyEquals(item, it.next(), where + "[" + i++ + "]");
            }
        } else if (expected instanceof Map) {
            assertInstanceOf(Map.class, actual, where + " should be a dict: " + actual);
            Map<?, ?> e = (Map<?, ?>) expected;
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), where + " keys (in order)");
            for (Map.Entry<?, ?> en : e.entrySet()) {
                assertPyEquals(en.getValue(), a.get(en.getKey()), where + "[" + en.getKey() + "]");
            }
        } else if (expected instanceof byte[]) {
            assertArrayEquals((byte[]) expected, (byte[]) actual, where);
        } else {
            if (actual != null) {
                assertEquals(expected.getClass(), actual.getClass(), where + " type of " + actual);
            }
            assertEquals(expected, actual, where);
        }
    }
}
