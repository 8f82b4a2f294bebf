package org.jpyro.serializer.marshal;

import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.set;
import static org.jpyro.api.testing.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.Tuple;
import org.jpyro.api.testing.Py;
import org.jpyro.api.testing.RandomValues;
import org.jpyro.api.testing.RandomValues.Feature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The writer against CPython's {@code marshal.dumps(value, 4)} byte for byte, and both directions of reading. */
class PythonCrossCheckTest {
    private static final HexFormat HEX = HexFormat.of();
    private static PythonPeer python;
    private final MarshalSerializer marshal = new MarshalSerializer();

    @BeforeAll
    static void startPython() throws Exception {
        python = PythonPeer.start();
    }

    @AfterAll
    static void stopPython() throws Exception {
        if (python != null) {
            python.close();
        }
    }

    @Test
    void writesWhatCPythonWritesForTheSameProgramValues() {
        Integer thousand = 1000;
        Tuple pair = tuple(1, 2);
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("None", null);
        cases.put("True", true);
        cases.put("0", 0);
        cases.put("-5", -5);
        cases.put("256", 256);
        cases.put("257", 257);
        cases.put("-6", -6);
        cases.put("2**31-1", Integer.MAX_VALUE);
        cases.put("-2**31", Integer.MIN_VALUE);
        cases.put("2**31", 1L << 31);
        cases.put("-2**63", Long.MIN_VALUE);
        cases.put("2**63-1", Long.MAX_VALUE);
        cases.put("2**64-1", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        cases.put("2**100", BigInteger.ONE.shiftLeft(100));
        cases.put("-(2**100)", BigInteger.ONE.shiftLeft(100).negate());
        cases.put("10**50", BigInteger.TEN.pow(50));
        cases.put("32768", 32768);
        cases.put("1.5", 1.5);
        cases.put("-0.0", -0.0);
        cases.put("float('inf')", Double.POSITIVE_INFINITY);
        cases.put("(1.5-2j)", new ComplexNumber(1.5, -2));
        cases.put("'hello'", "hello");
        cases.put("''", "");
        cases.put("'hello world'", "hello world");
        cases.put("'x'*300", "x".repeat(300));
        cases.put("'x.'*200", "x.".repeat(200));
        cases.put("'h\\xe9llo \\u20ac \\U0001f600'", "h\u00e9llo \u20ac \ud83d\ude00");
        cases.put("'\\ud800 lone'", "\ud800 lone");
        cases.put("b'\\x00\\xffab'", new byte[] {0, (byte) 0xff, 'a', 'b'});
        cases.put("b''", new byte[0]);
        cases.put("[1, 'two', 3.0, None, True]", list(1, "two", 3.0, null, true));
        cases.put("(1, 'a', False)", tuple(1, "a", false));
        cases.put("()", tuple());
        cases.put("[]", list());
        cases.put("{}", dict());
        cases.put("{'k': 'v', 'n': 1, 'f': 0.5}", dict("k", "v", "n", 1, "f", 0.5));
        cases.put("{1: 'one', 2: 'two'}", dict(1, "one", 2, "two"));
        cases.put("[[1, 2], (3, 4), {'a': 'b'}, [], (), ((5, 'x'), None)]",
                list(list(1, 2), tuple(3, 4), dict("a", "b"), list(), tuple(), tuple(tuple(5, "x"), null)));
        cases.put("['abc', 'abc', 1000, 1000, 1, 1, 'a b', 'a b']", list("abc", "abc", thousand, thousand, 1, 1, "a b", "a b"));
        cases.put("[(1, 2), (1, 2)]", list(pair, pair));
        cases.put("{1, 2, 3}", set(1, 2, 3));
        cases.put("[0]*300", new ArrayList<>(Collections.nCopies(300, 0)));
        cases.put("tuple([7]*300)", Tuple.copyOf(Collections.nCopies(300, 7)));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Object> c : cases.entrySet()) {
            String expected = python.ask("E " + c.getKey());
            String actual = HEX.formatHex(marshal.serializeData(c.getValue(), ProtocolVersion.PYRO5));
            if (!expected.equals(actual)) {
                failures.add(c.getKey() + "\n  python " + expected + "\n  jpyro  " + actual);
            }
            Object back = marshal.deserializeData(HEX.parseHex(expected), ProtocolVersion.PYRO5);
            Py.assertPyEquals(c.getValue(), back, c.getKey());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void pythonReadsRandomValuesWrittenByJpyro() {
        RandomValues random = new RandomValues(4711, EnumSet.allOf(Feature.class));
        for (int i = 0; i < 300; i++) {
            Object value = random.value(4);
            byte[] written = marshal.serializeData(value, ProtocolVersion.PYRO4);
            String again = python.ask("R " + HEX.formatHex(written));
            assertTrue(!again.startsWith("ERR"), again + " for " + value);
            Object back = marshal.deserializeData(HEX.parseHex(again), ProtocolVersion.PYRO4);
            Py.assertPyEquals(value, back, "value " + i);
        }
    }

    @Test
    void jpyroReadsRandomValuesWrittenByPythonIncludingSharedReferences() {
        int count = 300;
        List<String> payloads = new ArrayList<>();
        payloads.add(python.ask("G 1234 " + count));
        for (int i = 1; i < count; i++) {
            payloads.add(python.next());
        }
        int refs = 0;
        for (String hex : payloads) {
            byte[] bytes = HEX.parseHex(hex);
            for (byte b : bytes) {
                refs += b == 'r' ? 1 : 0;
            }
            Object value = marshal.deserializeData(bytes, ProtocolVersion.PYRO5);
            String javaHex = HEX.formatHex(marshal.serializeData(value, ProtocolVersion.PYRO5));
            assertEquals("OK", python.ask("Q " + hex + " " + javaHex), "value " + value);
        }
        assertTrue(refs > 50, "python wrote back-references: " + refs);
    }
}
