package org.jpyro.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.Tuple;

/**
 * Deep equality for values that went through a Python peer and came back, in jpyro's value model (see
 * {@code org.jpyro.api} package docs): numbers must come back as the same Java class (the smallest of Integer,
 * Long, BigInteger for ints), NaN equals NaN, tuples must stay {@link Tuple}s and lists must not become tuples.
 */
final class PythonValueAssert {
    private PythonValueAssert() {
    }

    static void assertPythonEquals(Object expected, Object actual) {
        assertPythonEquals(expected, actual, "value");
    }

    static void assertPythonEquals(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, path);
            return;
        }
        if (expected instanceof Double && actual instanceof Double && ((Double) expected).isNaN()) {
            assertTrue(((Double) actual).isNaN(), path + ": expected NaN, got " + actual);
            return;
        }
        if (expected instanceof Number || expected instanceof Boolean || expected instanceof String) {
            assertEquals(expected.getClass(), actual.getClass(), path + ": class of " + actual);
            assertEquals(expected, actual, path);
            return;
        }
        if (expected instanceof Tuple) {
            assertTrue(actual instanceof Tuple, path + ": expected a tuple, got " + actual.getClass().getName() + " " + actual);
            assertSequence((List<?>) expected, (List<?>) actual, path);
            return;
        }
        if (expected instanceof List) {
            assertTrue(actual instanceof List && !(actual instanceof Tuple),
                    path + ": expected a list, got " + actual.getClass().getName() + " " + actual);
            assertSequence((List<?>) expected, (List<?>) actual, path);
            return;
        }
        if (expected instanceof Set) {
            assertTrue(actual instanceof Set, path + ": expected a set, got " + actual.getClass().getName() + " " + actual);
            assertEquals(expected, actual, path);
            for (Object e : (Set<?>) expected) {
                Object match = ((Set<?>) actual).stream().filter(e::equals).findFirst().orElseThrow();
                assertEquals(e.getClass(), match.getClass(), path + ": class of set item " + match);
            }
            return;
        }
        if (expected instanceof Map) {
            assertTrue(actual instanceof Map, path + ": expected a dict, got " + actual.getClass().getName() + " " + actual);
            Map<?, ?> e = (Map<?, ?>) expected;
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(e.keySet(), a.keySet(), path + ": keys");
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                Object key = entry.getKey();
                Object actualKey = a.keySet().stream().filter(key::equals).findFirst().orElseThrow();
                assertEquals(key.getClass(), actualKey.getClass(), path + ": class of key " + key);
                assertPythonEquals(entry.getValue(), a.get(key), path + "[" + key + "]");
            }
            return;
        }
        fail(path + ": no rule to compare " + expected.getClass().getName());
    }

    private static void assertSequence(List<?> expected, List<?> actual, String path) {
        assertEquals(expected.size(), actual.size(), path + ": length of " + actual);
        Iterator<?> a = actual.iterator();
        int i = 0;
        for (Object e : expected) {
            assertPythonEquals(e, a.next(), path + "[" + i++ + "]");
        }
    }

    /**
     * Python bytes sent with serpent come back from a Python peer as serpent's base64 dict (Python does the
     * same); jpyro may also hand them over as {@code byte[]}. Either way the content must be intact.
     */
    static void assertBytesEcho(byte[] sent, Object received) {
        if (received instanceof byte[]) {
            assertArrayEquals(sent, (byte[]) received);
            return;
        }
        assertTrue(received instanceof Map, "bytes came back as " + (received == null ? null : received.getClass().getName()));
        Map<?, ?> dict = (Map<?, ?>) received;
        assertEquals("base64", dict.get("encoding"), "serpent bytes dict " + dict);
        assertArrayEquals(sent, Base64.getDecoder().decode((String) dict.get("data")), "bytes content");
    }
}
