package org.jpyro.api.testing;

import static org.jpyro.api.testing.Py.assertPyEquals;
import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.set;
import static org.jpyro.api.testing.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.DaemonException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.Tuple;
import org.jpyro.api.testing.RandomValues.Feature;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The shared test helpers tell apart what they must: a helper that cannot fail would make every caller weaker. */
class HelpersTest {
    @Test
    void assertPyEqualsAcceptsTheSameValue() {
        Object v = dict("a", list(1, tuple(2L, "x"), null), 3, set(BigInteger.TEN, Double.NaN), "b", new byte[] {1, 2});
        assertPyEquals(v, dict("a", list(1, tuple(2L, "x"), null), 3, set(BigInteger.TEN, Double.NaN), "b",
                new byte[] {1, 2}));
        assertPyEquals(new DaemonException("boom"), new DaemonException("boom"));
    }

    @Test
    void assertPyEqualsTellsPythonTypesApart() {
        assertFails(tuple(1), list(1));
        assertFails(list(1), tuple(1));
        assertFails(1, 1L);
        assertFails(BigInteger.ONE, 1L);
        assertFails(0.0, -0.0);
        assertFails(dict("a", 1, "b", 2), dict("b", 2, "a", 1));
        assertFails(dict(tuple(1), 1), dict(list(1), 1));
        assertFails(new byte[] {1}, new byte[] {2});
        assertFails(set(1), list(1));
        assertFails(new DaemonException("boom"), new DaemonException("other"));
        assertFails(list(1, 2), list(1));
    }

    private static void assertFails(Object expected, Object actual) {
        assertThrows(AssertionFailedError.class, () -> assertPyEquals(expected, actual), expected + " vs " + actual);
    }

    @Test
    void dictNeedsPairs() {
        assertThrows(IllegalArgumentException.class, () -> dict("a"));
    }

    @Test
    void randomValuesAreReproducibleAndKeepToTheirFeatures() {
        List<Object> a = new ArrayList<>();
        List<Object> b = new ArrayList<>();
        RandomValues ra = new RandomValues(7);
        RandomValues rb = new RandomValues(7);
        for (int i = 0; i < 300; i++) {
            a.add(ra.value(3));
            b.add(rb.value(3));
        }
        assertPyEquals(a, b);
        assertFalse(containsAny(a, Tuple.class, Set.class, ComplexNumber.class, byte[].class), "json types only");

        List<Object> python = new ArrayList<>();
        RandomValues rp = new RandomValues(7, EnumSet.allOf(Feature.class));
        for (int i = 0; i < 300; i++) {
            python.add(rp.value(3));
        }
        assertTrue(containsAny(python, Tuple.class), "tuples");
        assertTrue(containsAny(python, Set.class), "sets");
        assertTrue(containsAny(python, ComplexNumber.class), "complex");
        assertTrue(containsAny(python, byte[].class), "bytes");
    }

    private static boolean containsAny(Object v, Class<?>... types) {
        for (Class<?> t : types) {
            if (t.isInstance(v)) {
                return true;
            }
        }
        if (v instanceof Iterable) {
            for (Object x : (Iterable<?>) v) {
                if (containsAny(x, types)) {
                    return true;
                }
            }
        } else if (v instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (containsAny(e.getKey(), types) || containsAny(e.getValue(), types)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void vectorsKnowTheSerializerIdsAndCheckPayloads() {
        assertEquals(2, Vectors.serializerId("json", ProtocolVersion.PYRO4));
        assertEquals(3, Vectors.serializerId("json", ProtocolVersion.PYRO5));
        assertThrows(IllegalArgumentException.class, () -> Vectors.files("yaml"));
        List<Vectors.Frame> frames = Vectors.frames("pyro5-json-compression.json", "json");
        assertTrue(frames.stream().anyMatch(f -> f.json().get("payload").get("compressed").asBoolean()),
                "compressed payloads are inflated");
        for (Vectors.Frame f : frames) {
            if (f.json().get("payload").get("compressed").asBoolean()) {
                assertEquals(f.json().get("payload").get("decompressed_length").asInt(), f.payload().length, f.toString());
            }
        }
        assertEquals(42, ValueSteps.common().get(1));
    }
}
