package org.jpyro.api.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.ClassDicts;
import org.jpyro.api.serializer.ExceptionWrapper;

/** Builders for Python values in jpyro's value model, and a type-strict deep comparison. */
public final class Py {
    private Py() {
    }

    public static Tuple tuple(Object... items) {
        return Tuple.of(items);
    }

    /** A Python list: a mutable {@link ArrayList} (so {@code null} items are fine). */
    public static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** A Python set, in the given order. */
    public static Set<Object> set(Object... items) {
        return new LinkedHashSet<>(Arrays.asList(items));
    }

    /** A dict from alternating keys and values, in that order. */
    public static Map<Object, Object> dict(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("dict needs key/value pairs, got " + kv.length + " items");
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** {@link #assertPyEquals(Object, Object, String)} with the message prefix {@code value}. */
    public static void assertPyEquals(Object expected, Object actual) {
        assertPyEquals(expected, actual, "value");
    }

    /**
     * Asserts that {@code actual} is the same Python value as {@code expected}: a {@link Tuple} and other lists
     * told apart, exact number classes (so {@code 1} is not {@code 1L}; {@code Double} NaN equals NaN, -0.0 is
     * not 0.0), dict key order, sets compared as sets, byte arrays by content, exceptions (and
     * {@link ExceptionWrapper}s) by their Java class and Pyro class dict (type, args, attributes, traceback).
     */
    public static void assertPyEquals(Object expected, Object actual, String where) {
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
            Iterator<?> actualKeys = a.keySet().iterator();
            for (Map.Entry<?, ?> en : e.entrySet()) {
                Object actualKey = actualKeys.next();
                if (en.getKey() != null && actualKey != null) {
                    assertEquals(en.getKey().getClass(), actualKey.getClass(), where + " type of key " + actualKey);
                }
                assertPyEquals(en.getValue(), a.get(en.getKey()), where + "[" + en.getKey() + "]");
            }
        } else if (expected instanceof byte[]) {
            assertInstanceOf(byte[].class, actual, where);
            assertArrayEquals((byte[]) expected, (byte[]) actual, where);
        } else if (expected instanceof Throwable || expected instanceof ExceptionWrapper) {
            assertInstanceOf(expected.getClass(), actual, where);
            assertPyEquals(ClassDicts.toClassDict(expected, ProtocolVersion.PYRO4),
                    ClassDicts.toClassDict(actual, ProtocolVersion.PYRO4), where + " (exception)");
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

    /**
     * Asserts that a decoded Pyro error carries the remote traceback Python sent: a list of lines that starts
     * with Python's traceback header, every line ending in a newline.
     */
    public static void assertRemoteTraceback(PyroException e) {
        List<String> tb = e.remoteTraceback();
        assertNotNull(tb, "remote traceback of " + e);
        assertFalse(tb.isEmpty(), "remote traceback of " + e);
        assertEquals("Traceback (most recent call last):\n", tb.get(0));
        assertTrue(tb.stream().allMatch(line -> line.endsWith("\n")), tb.toString());
    }
}
