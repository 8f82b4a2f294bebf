package org.jpyro.serializer.serpent;

import static org.jpyro.api.testing.Py.assertPyEquals;
import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.set;
import static org.jpyro.api.testing.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.Test;

/** Reading serpent: every literal form Python writes or reads, and refusal of everything malformed. */
class SerpentParserTest {
    private static final SerpentSerializer SERPENT = new SerpentSerializer();

    private static Object read(String text) {
        return read(("# serpent utf-8 python3.2\n" + text).getBytes(StandardCharsets.UTF_8));
    }

    private static Object read(byte[] data) {
        return SERPENT.deserializeData(data, ProtocolVersion.PYRO5);
    }

    private static void refused(String text) {
        assertThrows(SerializeException.class, () -> read(text),
                () -> text.length() > 100 ? text.substring(0, 100) + "..." : text);
    }

    private static void refused(byte[] data) {
        assertThrows(SerializeException.class, () -> read(data));
    }

    @Test
    void integersTakeTheSmallestJavaType() {
        assertPyEquals(2147483647, read("2147483647"));
        assertPyEquals(2147483648L, read("2147483648"));
        assertPyEquals(-2147483648, read("-2147483648"));
        assertPyEquals(-2147483649L, read("-2147483649"));
        assertPyEquals(Long.MAX_VALUE, read("9223372036854775807"));
        assertPyEquals(Long.MIN_VALUE, read("-9223372036854775808"));
        assertPyEquals(new BigInteger("9223372036854775808"), read("9223372036854775808"));
        assertPyEquals(new BigInteger("-9223372036854775809"), read("-9223372036854775809"));
        assertPyEquals(0, read("0"));
        assertPyEquals(0, read("-0"));
        assertPyEquals(0, read("000"));
        assertPyEquals(5, read("+5"));
        assertPyEquals(-5, read("- 5"));
        String max = "9".repeat(4300);
        assertPyEquals(new BigInteger(max), read(max));
        refused("9".repeat(4301));
        refused("007");
    }

    @Test
    void floats() {
        assertPyEquals(1.5, read("1.5"));
        assertPyEquals(Double.POSITIVE_INFINITY, read("1e30000"));
        assertPyEquals(Double.NEGATIVE_INFINITY, read("-1e30000"));
        assertPyEquals(1.0, read("1."));
        assertPyEquals(0.5, read(".5"));
        assertPyEquals(100000.0, read("1E5"));
        assertPyEquals(1e-5, read("1e-05"));
        assertPyEquals(1e16, read("1e+16"));
        assertPyEquals(-0.0, read("-0.0"));
        assertPyEquals(1.0, read("1." + "0".repeat(100_000)));
        assertPyEquals(Double.NaN, read("{'__class__':'float','value':'nan'}"));
        assertPyEquals(Double.POSITIVE_INFINITY, read("{'__class__':'float','value':'inf'}"));
        assertPyEquals(Double.NEGATIVE_INFINITY, read("{'__class__':'float','value':'-inf'}"));
        assertPyEquals(dict("__class__", "float", "value", "other"), read("{'__class__':'float','value':'other'}"));
    }

    @Test
    void complexNumbers() {
        assertPyEquals(new ComplexNumber(1.5, -2.0), read("(1.5-2.0j)"));
        assertPyEquals(new ComplexNumber(1.0, 2.0), read("(1+2j)"));
        assertPyEquals(new ComplexNumber(1.0, 2.0), read("1+2j"));
        assertPyEquals(new ComplexNumber(0.0, 1.0), read("1j"));
        assertPyEquals(new ComplexNumber(-0.0, -2.0), read("-2j"));
        assertPyEquals(new ComplexNumber(-0.0, 0.0), read("(-0.0+0.0j)"));
        assertPyEquals(new ComplexNumber(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), read("(1e30000-1e30000j)"));
        assertPyEquals(new ComplexNumber(1.0, -0.0), read("(1.0+-0.0j)"), "the serpent library writers' form");
        assertPyEquals(new ComplexNumber(2.5, 3.0), read("( 2.5 + 3J )"));
        assertPyEquals(tuple(new ComplexNumber(1, 2), 3), read("((1+2j),3)"));
        assertPyEquals(list(new ComplexNumber(0, 1), new ComplexNumber(1, -1)), read("[1j,1-1j]"));
        refused("(1+2)");
        refused("1+'a'");
    }

    @Test
    void strings() {
        assertPyEquals("", read("''"));
        assertPyEquals("it's", read("\"it's\""));
        assertPyEquals("a'b\"c", read("'a\\'b\"c'"));
        assertPyEquals("A\u20ac\ud83d\ude00\u2022A\u0000\u0007\u000b\f\b\\q",
                read("'\\x41\\u20ac\\U0001f600\\N{BULLET}\\101\\0\\a\\v\\f\\b\\q'"));
        assertPyEquals("ab", read("'a\\\nb'"));
        assertPyEquals("h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00", read("'h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00'"));
        assertPyEquals("\ud83d\ude00", read("'\\ud83d\\ude00'"), "surrogate pair escapes of other serpent writers");
        assertPyEquals("\ud800", read("'\\ud800'"));
        assertPyEquals("u", read("u'u'"));
        assertPyEquals("tab\tin", read("'tab\tin'"));
        assertPyEquals("\u00ff\\", read("'\\xff\\\\'"));
        refused("'unterminated");
        refused("'line\nbreak'");
        refused("'\\x4'");
        refused("'\\U00110000'");
        refused("'\\N{NO SUCH CHARACTER NAME}'");
    }

    @Test
    void bytesLiterals() {
        assertPyEquals(new byte[] {0, 1, 2, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff, (byte) 0xfe},
                read("b'\\x00\\x01\\x02binary\\xff\\xfe'"));
        assertPyEquals(new byte[] {'\\', 'u', '1'}, read("b\"\\u1\""));
        assertPyEquals(new byte[] {'\'', 10, 0}, read("b'\\'\\n\\0'"));
        refused("b'\u00e9'");
        refused("b'\\777'");
    }

    @Test
    void containers() {
        assertPyEquals(tuple(), read("()"));
        assertPyEquals(tuple(1), read("(1,)"));
        assertPyEquals(1, read("(1)"), "parentheses alone group, as in Python");
        assertPyEquals(tuple(1, 2), read("(1,2,)"));
        assertPyEquals(list(1, 2), read("[1,2,]"));
        assertPyEquals(set(1, 2), read("{1,2,}"));
        assertPyEquals(set(1, 2), read("{1,1,2}"));
        assertPyEquals(dict("a", 1), read("{'a':1,}"));
        assertPyEquals(dict("a", 2, "b", 1), read("{'a':1,'b':1,'a':2}"), "last value wins, first position stays");
        assertPyEquals(dict(tuple(1, 2), "x", null, 1, true, 2), read("{(1,2):'x',None:1,True:2}"));
        assertPyEquals(dict("a", list(1, tuple(2, 3), dict()), "b", set("x")),
                read("  # comment\n {\n 'a' : [ 1 , ( 2 , 3 ) , { } ] , # more\n 'b' : { 'x' } \n}  \n# end"));
        assertInstanceOf(java.util.LinkedHashMap.class, read("{}"));
        assertInstanceOf(java.util.LinkedHashSet.class, read("{1}"));
        assertInstanceOf(java.util.ArrayList.class, read("[]"));
        refused("{[1]:2}");
        refused("{{'a':1}:2}");
        refused("{[1]}");
    }

    @Test
    void classDictsBecomePyroObjects() {
        assertEquals(PyroURI.parse("PYRO:obj@localhost:9090"),
                read("{'__class__':'Pyro5.core.URI','state':('PYRO','obj',None,'localhost',9090)}"));
        PyroRemoteException e = assertInstanceOf(PyroRemoteException.class,
                read("{'__class__':'builtins.KeyError','__exception__':True,'args':('k',),'attributes':{'extra':1}}"));
        assertEquals("builtins.KeyError", e.pythonType());
        assertEquals(Map.of("extra", 1), e.attributes());
        assertNull(e.remoteTraceback());
        assertPyEquals(dict("__class__", "my.Thing", "x", 1), read("{'__class__':'my.Thing','x':1}"));
        assertThrows(SecurityException.class,
                () -> read("{'__class__':'os.__bad__','__exception__':True,'args':(),'attributes':{}}"));
        refused("{'__class__':'Pyro5.core.URI','state':5}");
        refused("{'__class__':'Pyro5.core.URI','state':('PYRO','obj',None,'localhost','port')}");
        refused("{'__class__':'Pyro5.client.Proxy','state':('not a uri',(),(),(),'hello',None)}");
        refused("{'__class__':'Pyro5.core._ExceptionWrapper','exception':42}");
    }

    @Test
    void serpentBytesDictsConvertWithTheHelper() {
        Object dict = read("{'data': 'AAECYmluYXJ5//4=', 'encoding': 'base64'}");
        assertInstanceOf(Map.class, dict);
        assertArrayEquals(new byte[] {0, 1, 2, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff, (byte) 0xfe},
                SerpentSerializer.toBytes(dict));
        byte[] raw = {1, 2};
        assertTrue(raw == SerpentSerializer.toBytes(raw));
        assertThrows(SerializeException.class, () -> SerpentSerializer.toBytes("AAEC"));
        assertThrows(SerializeException.class, () -> SerpentSerializer.toBytes(dict("data", "AAEC")));
        assertThrows(SerializeException.class, () -> SerpentSerializer.toBytes(dict("data", "!!", "encoding", "base64")));
        assertThrows(SerializeException.class, () -> SerpentSerializer.toBytes(null));
    }

    @Test
    void calls() {
        Call c = SERPENT.deserializeCall("# serpent utf-8 python3.2\n('o','m',(1,[2]),{'k':None})"
                .getBytes(StandardCharsets.UTF_8), ProtocolVersion.PYRO4);
        assertEquals("o", c.objectId());
        assertEquals("m", c.method());
        assertPyEquals(tuple(1, list(2)), c.args());
        assertPyEquals(dict("k", null), c.kwargs());
        Call listForm = SERPENT.deserializeCall("['o','m',[],None]".getBytes(StandardCharsets.UTF_8),
                ProtocolVersion.PYRO5);
        assertPyEquals(list(), listForm.args());
        assertNull(listForm.kwargs());
        for (String bad : List.of("('o','m',())", "('o','m',(),{},1)", "(1,'m',(),{})", "('o',None,(),{})",
                "('o','m',5,{})", "('o','m',(),[])", "('o','m',(),{1:2})", "'call'", "{'o':'m'}")) {
            assertThrows(SerializeException.class,
                    () -> SERPENT.deserializeCall(bad.getBytes(StandardCharsets.UTF_8), ProtocolVersion.PYRO5), bad);
        }
    }

    @Test
    void malformedPayloads() {
        for (String bad : List.of("", "# serpent utf-8 python3.2\n", "   ", "(", "(1", "(1,", "(1 2)", "[1 2]", "[1,,2]",
                "(,)", "[,]", "{,}", "{'a':}", "{:1}", "{'a' 1}", "{'a':1 'b':2}", "{1,2", "{'a':1", ")", "]", "}",
                "None None", "1 2", "Nonex", "Tru", "Falsey", "none", "1e", "1.2.3", "--5", "+", "-", ".", "0x10",
                "1_000", "5jx", "1j2", "'a' 'b'", "'''triple'''", "r'raw'", "br'x'", "x", "@", "[1]]", "(1,))",
                "{'a':1}}", "'\\N{BULLET'", "'\\N'", "'\\u12'", "'\\", "b'", "b'\\x1'", "f'x'")) {
            refused(bad);
        }
    }

    @Test
    void invalidUtf8AndNulBytes() {
        byte[][] bad = {
            {'\'', 'a', (byte) 0xc3, 0x28, '\''},              // bad continuation
            {'\'', (byte) 0xc0, (byte) 0x80, '\''},            // overlong NUL
            {'\'', (byte) 0xe0, (byte) 0x80, (byte) 0x80, '\''}, // overlong
            {'\'', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\''}, // encoded surrogate
            {'\'', (byte) 0xe2, (byte) 0x82, '\''},            // truncated
            {'\'', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '\''}, // above U+10FFFF
            {'\'', (byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '\''},
            {'\'', (byte) 0xff, '\''},
            {'\'', (byte) 0x80, '\''},
            {'\'', 'a', 0, 'b', '\''},                         // NUL in a string
            {'1', 0},                                          // NUL after a value
            {'#', ' ', (byte) 0xc3, '\n', '1'},                // bad UTF-8 in a comment
            {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1'},      // a BOM is no serpent
            {(byte) 0xc3, (byte) 0xa9},
        };
        for (byte[] b : bad) {
            refused(b);
        }
        assertEquals("\u00e9\u20ac\ud83d\ude00",
                read(new byte[] {'\'', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, (byte) 0xac,
                    (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, '\''}));
    }

    @Test
    void deepNestingIsBoundedNotAStackOverflow() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // Python reads at most 200 levels ("too many nested parentheses"), and so does jpyro
            assertInstanceOf(List.class, read("[".repeat(200) + "]".repeat(200)));
            assertInstanceOf(Tuple.class, read("([{'k':".repeat(66) + "(1,)" + "}],)".repeat(66)));
            refused("[".repeat(201) + "]".repeat(201));
            for (String open : List.of("[", "(", "{", "[(", "({", "{(")) {
                refused(open.repeat(100_000 / open.length()));
            }
            refused("[".repeat(100_000) + "]".repeat(100_000));
            refused("(".repeat(100_000) + ")".repeat(100_000));
            refused("{(".repeat(50_000) + ")}".repeat(50_000));
            // dicts as dict keys cost the serpent library's parser exponential time (set, then dict, at each level)
            refused("{".repeat(60) + "1:1" + "}:1".repeat(59) + "}");
            refused("{".repeat(60) + "}".repeat(60));
            assertPyEquals(set(tuple(1, 2)), read("{(1,2)}"));
        });
    }

    @Test
    void hugeValuesAreRefusedOrReadInLinearTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            refused("9".repeat(1_000_000));
            refused("-" + "1".repeat(1_000_000));
            assertPyEquals(new ComplexNumber(0, Double.POSITIVE_INFINITY), read("(" + "1".repeat(1_000_000) + "j)"),
                    "a float literal has no digit limit");
            assertEquals(1_000_000, ((String) read("'" + "x".repeat(1_000_000) + "'")).length());
            assertEquals(200_000, ((List<?>) read("[" + "1,".repeat(200_000) + "]")).size());
            assertEquals(100_000, ((Map<?, ?>) read("{" + buildDict(100_000) + "}")).size());
        });
    }

    private static String buildDict(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i).append(":None,");
        }
        return sb.toString();
    }

    @Test
    void nestingNeedsNoThreadStack() throws Exception {
        Object[] outcome = new Object[1];
        Thread t = new Thread(null, () -> {
            try {
                outcome[0] = read("[{'k':(".repeat(66) + "1,2" + ")}]".repeat(66));
            } catch (Throwable e) {
                outcome[0] = e;
            }
        }, "tiny-stack", 32 * 1024);
        t.start();
        t.join(10_000);
        assertInstanceOf(List.class, outcome[0], String.valueOf(outcome[0]));
    }

    /** Random bytes, random serpent-like text, truncations and bit flips of real payloads. */
    @Test
    void fuzzedPayloadsGiveSerializeExceptionOrAValue() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Random random = new Random(20240501L);
            for (int i = 0; i < 3000; i++) {
                byte[] b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                fuzz(b);
            }
            String alphabet = "()[]{},:'\"\\#\n 0123456789.-+ejJxuUN{}abTrueFalseNone";
            for (int i = 0; i < 5000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = random.nextInt(60);
                for (int k = 0; k < n; k++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                fuzz(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            int payloads = 0;
            for (Vectors.Frame f : Vectors.allFrames("serpent")) {
                byte[] p = f.payload();
                for (int cut = 0; cut < p.length; cut += 1 + p.length / 64) {
                    fuzz(java.util.Arrays.copyOf(p, cut));
                }
                for (int k = 0; k < 8; k++) {
                    byte[] flipped = p.clone();
                    flipped[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                    fuzz(flipped);
                }
                payloads++;
            }
            assertTrue(payloads > 300);
        });
    }

    private static void fuzz(byte[] data) {
        try {
            SERPENT.deserializeData(data, ProtocolVersion.PYRO5);
        } catch (SerializeException | SecurityException expected) {
            // refused: fine
        } catch (PyroException other) {
            fail("unexpected " + other + " for " + new String(data, StandardCharsets.ISO_8859_1));
        } catch (RuntimeException | StackOverflowError other) {
            fail("unexpected " + other + " for " + new String(data, StandardCharsets.ISO_8859_1), other);
        }
        try {
            SERPENT.deserializeCall(data, ProtocolVersion.PYRO5);
        } catch (SerializeException | SecurityException expected) {
            // refused: fine
        } catch (RuntimeException | StackOverflowError other) {
            fail("unexpected " + other + " for " + new String(data, StandardCharsets.ISO_8859_1), other);
        }
    }

    @Test
    void nullAndHeaderOnlyInput() {
        assertThrows(SerializeException.class, () -> SERPENT.deserializeData(null, ProtocolVersion.PYRO5));
        assertThrows(SerializeException.class, () -> SERPENT.deserializeCall(new byte[0], ProtocolVersion.PYRO5));
        assertPyEquals(42, read("42".getBytes(StandardCharsets.UTF_8)), "the header line is optional");
        assertInstanceOf(Tuple.class, read("\r\n\t\f()\\\n"));
    }
}
