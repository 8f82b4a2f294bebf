package org.jpyro.serializer.json;

import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.DaemonException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.junit.jupiter.api.Test;

/** What the writer produces for each Java type: the text CPython's Pyro json serializer writes. */
class JsonWriterTest {
    private static final JsonSerializer JSON = new JsonSerializer();

    private static String write(Object value) {
        return write(value, ProtocolVersion.PYRO5);
    }

    private static String write(Object value, ProtocolVersion version) {
        return new String(JSON.serializeData(value, version), StandardCharsets.UTF_8);
    }

    @Test
    void scalars() {
        assertEquals("null", write(null));
        assertEquals("true", write(true));
        assertEquals("false", write(false));
        assertEquals("42", write(42));
        assertEquals("-9223372036854775808", write(Long.MIN_VALUE));
        assertEquals("7", write((short) 7));
        assertEquals("-3", write((byte) -3));
        assertEquals("1267650600228229401496703205376", write(BigInteger.TWO.pow(100)));
        assertEquals("-18446744073709551615", write(BigInteger.TWO.pow(64).subtract(BigInteger.ONE).negate()));
        assertEquals("3.0", write(3.0));
        assertEquals("0.10000000149011612", write(0.1f));
        assertEquals("[NaN, Infinity, -Infinity]", write(List.of(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY)));
        assertEquals("\"x\"", write('x'));
    }

    @Test
    void stringsAsPythonEscapesThem() {
        assertEquals("\"nul\\u0000 tab\\t nl\\n cr\\r quote' dquote\\\" backslash\\\\ del\u007f\"",
                write("nul\u0000 tab\t nl\n cr\r quote' dquote\" backslash\\ del\u007f"));
        assertEquals("\"\\b\\f\\u001b\\u001f \u2028 /\"", write("\b\f\u001b\u001f \u2028 /"));
        assertEquals("\"h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00\"", write("h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00"));
        byte[] utf8 = JSON.serializeData("\ud83d\ude00", ProtocolVersion.PYRO5);
        assertArrayEquals(new byte[] {'"', (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, '"'}, utf8);
        // unpaired surrogates (Python cannot even encode them) are escaped, and nothing next to them is lost
        assertEquals("\"x\\ud800y\\udc00\"", write("x\ud800y\udc00"));
        assertEquals("{\"k\\u0001\ud83d\ude00\": \"\\ud800\"}", write(dict("k\u0001\ud83d\ude00", "\ud800")));
        assertEquals("\"abc\"", write(new char[] {'a', 'b', 'c'}));
    }

    @Test
    void containersWithPythonSeparators() {
        assertEquals("[1, \"two\", 3.0, null, true]", write(list(1, "two", 3.0, null, true)));
        assertEquals("[1, \"a\", false]", write(Tuple.of(1, "a", false)));
        assertEquals("[]", write(Tuple.of()));
        assertEquals("{}", write(Map.of()));
        assertEquals("[[], {}, []]", write(list(list(), dict(), Tuple.of())));
        assertEquals("[1, 2, 3]", write(new LinkedHashSet<>(List.of(1, 2, 3))));
        assertEquals("[1, 2, 3]", write(new int[] {1, 2, 3}));
        assertEquals("[true, false]", write(new boolean[] {true, false}));
        assertEquals("[0.5, 1.0]", write(new double[] {0.5, 1.0}));
        assertEquals("[\"a\", [1]]", write(new Object[] {"a", new long[] {1}}));
        assertEquals("{\"k\": \"v\", \"n\": 1, \"f\": 0.5}", write(dict("k", "v", "n", 1, "f", 0.5)));
    }

    @Test
    void dictKeysBecomeStrLikeInPython() {
        // CPython: json.dumps({1: 2, 2.5: 3, None: 2, float('nan'): 3, float('inf'): 4, True: 5, False: 6})
        assertEquals("{\"1\": 2, \"2.5\": 3, \"null\": 2, \"NaN\": 3, \"Infinity\": 4, \"true\": 5, \"false\": 6}",
                write(dict(1, 2, 2.5, 3, null, 2, Double.NaN, 3, Double.POSITIVE_INFINITY, 4, true, 5, false, 6)));
        assertEquals("{\"18446744073709551616\": 1}", write(dict(BigInteger.TWO.pow(64), 1)));
        assertThrows(SerializeException.class, () -> write(dict(Tuple.of(1, 2), 1)));
        assertThrows(SerializeException.class, () -> write(dict(List.of(1), 1)));
    }

    @Test
    void pythonTypesJsonHasNoFormFor() {
        assertEquals("\"12345678-1234-5678-1234-567812345678\"",
                write(UUID.fromString("12345678-1234-5678-1234-567812345678")));
        assertEquals("\"12345.678901234567890123456789\"", write(new BigDecimal("12345.678901234567890123456789")));
        assertEquals("{\"data\": \"AAECYmluYXJ5//4=\", \"encoding\": \"base64\"}",
                write(new byte[] {0, 1, 2, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff, (byte) 0xfe}));
        assertArrayEquals(new byte[] {1, 2, 3}, JsonSerializer.toBytes(JSON.deserializeData(
                JSON.serializeData(new byte[] {1, 2, 3}, ProtocolVersion.PYRO4), ProtocolVersion.PYRO4)));
        // as in Python: complex numbers have no json form
        assertThrows(SerializeException.class, () -> write(new ComplexNumber(1, 2)));
    }

    @Test
    void pyroObjectsAsClassDicts() {
        PyroURI uri = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");
        assertEquals("{\"__class__\": \"Pyro5.core.URI\", \"state\": [\"PYRO\", \"some.object\", null, \"127.0.0.1\", 47999]}",
                write(uri, ProtocolVersion.PYRO5));
        assertEquals("{\"__class__\": \"Pyro4.core.URI\", \"state\": [\"PYRO\", \"some.object\", null, \"127.0.0.1\", 47999]}",
                write(uri, ProtocolVersion.PYRO4));
        ProxyState proxy = new ProxyState(uri, Set.of(), Set.of(), Set.of(), "hello", null, 0.0, null, 0);
        assertEquals("{\"__class__\": \"Pyro4.core.Proxy\", \"state\": [\"PYRO:some.object@127.0.0.1:47999\", [], [], [], "
                + "0.0, null, \"hello\", 0, null]}", write(proxy, ProtocolVersion.PYRO4));
        assertEquals("{\"__class__\": \"Pyro5.client.Proxy\", \"state\": [\"PYRO:some.object@127.0.0.1:47999\", [], [], [], "
                + "\"hello\", null]}", write(proxy, ProtocolVersion.PYRO5));
        String error = write(new DaemonException("unknown object"), ProtocolVersion.PYRO4);
        assertTrue(error.startsWith("{\"__class__\": \"Pyro4.errors.DaemonError\", \"__exception__\": true, "
                + "\"args\": [\"unknown object\"], \"attributes\": {\"_pyroTraceback\": [\"Traceback (most recent call last):\\n\", "), error);
        String wrapped = write(List.of(1, new ExceptionWrapper(new IllegalArgumentException("bad"))));
        assertTrue(wrapped.startsWith("[1, {\"__class__\": \"Pyro5.core._ExceptionWrapper\", \"exception\": "
                + "{\"__class__\": \"builtins.ValueError\", \"__exception__\": true, \"args\": [\"bad\"], "), wrapped);
        Object back = JSON.deserializeData(wrapped.getBytes(StandardCharsets.UTF_8), ProtocolVersion.PYRO5);
        assertTrue(((List<?>) back).get(1) instanceof ExceptionWrapper, String.valueOf(back));
    }

    @Test
    void callsLikePyro() {
        Call call = new Call("test.service", "kw", List.of(1), dict2("b", 5, "extra", "x"));
        assertEquals("{\"object\": \"test.service\", \"method\": \"kw\", \"params\": [1], \"kwargs\": {\"b\": 5, \"extra\": \"x\"}}",
                new String(JSON.serializeCall(call, ProtocolVersion.PYRO4), StandardCharsets.UTF_8));
        Call attr = new Call("test.service", "__getattr__", new ArrayList<>(List.of("value")), null);
        assertEquals("{\"object\": \"test.service\", \"method\": \"__getattr__\", \"params\": [\"value\"], \"kwargs\": null}",
                new String(JSON.serializeCall(attr, ProtocolVersion.PYRO5), StandardCharsets.UTF_8));
        Call none = new Call("o", "m", null, Map.of());
        assertEquals("{\"object\": \"o\", \"method\": \"m\", \"params\": [], \"kwargs\": {}}",
                new String(JSON.serializeCall(none, ProtocolVersion.PYRO5), StandardCharsets.UTF_8));
    }

    @Test
    void nestingIsBoundedAndCyclesAreRefused() {
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int i = 0; i < 900; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        assertTrue(write(deep).startsWith("[[[["));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(SerializeException.class, () -> write(cycle));
        Map<String, Object> selfMap = new java.util.HashMap<>();
        selfMap.put("me", selfMap);
        assertThrows(SerializeException.class, () -> write(selfMap));
        assertThrows(SerializeException.class, () -> JSON.serializeCall(new Call("o", "m", List.of(cycle), null),
                ProtocolVersion.PYRO4));
    }

    private static Map<String, Object> dict2(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
