package org.jpyro.serializer.serpent;

import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.DaemonException;
import org.jpyro.api.HasProxyState;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.junit.jupiter.api.Test;

/** What the serializer writes for each Java type: the text Python's serpent writes for the same value. */
class SerpentWriterTest {
    private static final String HEADER = "# serpent utf-8 python3.2\n";
    private static final SerpentSerializer SERPENT = new SerpentSerializer();

    private static String write(Object value) {
        return write(value, ProtocolVersion.PYRO5);
    }

    private static String write(Object value, ProtocolVersion version) {
        String text = new String(SERPENT.serializeData(value, version), StandardCharsets.UTF_8);
        assertTrue(text.startsWith(HEADER), text);
        return text.substring(HEADER.length());
    }

    @Test
    void headerAndSimpleValues() {
        assertEquals(HEADER + "None", new String(SERPENT.serializeData(null, ProtocolVersion.PYRO4),
                StandardCharsets.UTF_8));
        assertEquals("True", write(true));
        assertEquals("False", write(Boolean.FALSE));
    }

    @Test
    void integersOfEverySize() {
        assertEquals("42", write(42));
        assertEquals("-7", write(-7L));
        assertEquals("3", write((short) 3));
        assertEquals("-1", write((byte) -1));
        assertEquals("0", write(0));
        assertEquals("-9223372036854775808", write(Long.MIN_VALUE));
        assertEquals("1267650600228229401496703205376", write(BigInteger.TWO.pow(100)));
        assertEquals("-18446744073709551615", write(BigInteger.TWO.pow(64).subtract(BigInteger.ONE).negate()));
        assertEquals("12", write(new AtomicLong(12)));
    }

    @Test
    void floatsAsPythonRepr() {
        assertEquals("3.25", write(3.25));
        assertEquals("1.0", write(1.0));
        assertEquals("0.1", write(0.1));
        assertEquals("0.30000000000000004", write(0.1 + 0.2));
        assertEquals("-1.5e-10", write(-1.5e-10));
        assertEquals("1e+16", write(1e16));
        assertEquals("1000000000000000.0", write(1e15));
        assertEquals("1.2345678901234568e+17", write(123456789012345678.0));
        assertEquals("0.0001", write(0.0001));
        assertEquals("1e-05", write(0.00001));
        assertEquals("0.00012345", write(0.00012345));
        assertEquals("1.5e+300", write(1.5e300));
        assertEquals("123456.789", write(123456.789));
        assertEquals("86402.000003", write(86402.000003));
        assertEquals("-0.0", write(-0.0));
        assertEquals("0.0", write(0.0));
        assertEquals("0.5", write(0.5f));
        assertEquals("{'__class__':'float','value':'nan'}", write(Double.NaN));
        assertEquals("{'__class__':'float','value':'nan'}", write(Float.NaN));
        assertEquals("1e30000", write(Double.POSITIVE_INFINITY));
        assertEquals("-1e30000", write(Float.NEGATIVE_INFINITY));
    }

    @Test
    void stringsAsPythonRepr() {
        assertEquals("''", write(""));
        assertEquals("'hello'", write("hello"));
        assertEquals("\"it's\"", write("it's"));
        assertEquals("'say \"hi\"'", write("say \"hi\""));
        assertEquals("'a\\'b\"c'", write("a'b\"c"));
        assertEquals("'nul\\x00 tab\\t nl\\n cr\\r quote\\' dquote\" backslash\\\\ del\\x7f'",
                write("nul\u0000 tab\t nl\n cr\r quote' dquote\" backslash\\ del\u007f"));
        assertEquals("'\\x01\\x1f\\x0b\\x0c\\x1b'", write("\u0001\u001f\u000b\u000c\u001b"));
        assertEquals("'h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00'", write("h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00"));
        // not printable for Python: C1 controls, NBSP, soft hyphen, separators, format chars, private use
        assertEquals("'\\x85\\xa0\\xad\\u2028\\u2029\\u200b\\u3000\\ue000\\U000e0001\\U0010ffff'",
                write("\u0085\u00a0\u00ad\u2028\u2029\u200b\u3000\ue000\udb40\udc01\udbff\udfff"));
        // unpaired surrogates are escaped, so Python reads the same (invalid) string
        assertEquals("'\\ud800x\\udc00'", write("\ud800x\udc00"));
        assertEquals("'x'", write('x'));
        assertEquals("\"'\"", write('\''));
    }

    @Test
    void bytesAsTheBase64DictWithSpaces() {
        assertEquals("{'data': 'AAECYmluYXJ5//4=', 'encoding': 'base64'}",
                write(new byte[] {0, 1, 2, 'b', 'i', 'n', 'a', 'r', 'y', (byte) 0xff, (byte) 0xfe}));
        assertEquals("{'data': '', 'encoding': 'base64'}", write(new byte[0]));
    }

    @Test
    void tuplesListsAndArrays() {
        assertEquals("()", write(Tuple.of()));
        assertEquals("(1,)", write(Tuple.of(1)));
        assertEquals("(1,'a',False)", write(Tuple.of(1, "a", false)));
        assertEquals("[1,'two',3.0,None,True]", write(list(1, "two", 3.0, null, true)));
        assertEquals("[]", write(List.of()));
        assertEquals("[1,2]", write(new ArrayDeque<>(List.of(1, 2))));
        assertEquals("('a',)", write(new Object[] {"a"}));
        assertEquals("('a',[1])", write(new Object[] {"a", List.of(1)}));
        assertEquals("(1,2,3)", write(new int[] {1, 2, 3}));
        assertEquals("(1,2)", write(new long[] {1, 2}));
        assertEquals("(1,)", write(new short[] {1}));
        assertEquals("(1.5,-0.0)", write(new double[] {1.5, -0.0}));
        assertEquals("(0.25,)", write(new float[] {0.25f}));
        assertEquals("(True,False)", write(new boolean[] {true, false}));
        assertEquals("()", write(new int[0]));
        assertEquals("'hi'", write(new char[] {'h', 'i'}));
        assertEquals("((1,2),(3,))", write(new int[][] {{1, 2}, {3}}));
    }

    @Test
    void setsAndTheEmptySet() {
        assertEquals("{1,2,3}", write(set(1, 2, 3)));
        assertEquals("()", write(Set.of()));
        assertEquals("{'x'}", write(Set.of("x")));
        assertEquals("{(1,2)}", write(set(List.of(1, 2))), "a list in a set must become a tuple");
    }

    @Test
    void dictsInInsertionOrder() {
        assertEquals("{'k':'v','n':1,'f':0.5}", write(dict("k", "v", "n", 1, "f", 0.5)));
        assertEquals("{}", write(Map.of()));
        assertEquals("{1:'one',2:'two'}", write(dict(1, "one", 2, "two")));
        assertEquals("{'list':[1,(2,3),{'inner':[None,{'deep':'x'}]}],'tuple':({'a':1},),'empty':[[],{},()]}",
                write(dict("list", list(1, Tuple.of(2, 3), dict("inner", list(null, dict("deep", "x")))),
                        "tuple", Tuple.of(dict("a", 1)), "empty", list(list(), dict(), Tuple.of()))));
        assertEquals("{(1,2):'pair',None:0,True:1,(3,):'t'}",
                write(dict(List.of(1, 2), "pair", null, 0, true, 1, new int[] {3}, "t")));
        assertThrows(SerializeException.class, () -> write(dict(Map.of(), 1)));
        assertThrows(SerializeException.class, () -> write(dict(Set.of(1), 1)));
        assertThrows(SerializeException.class, () -> write(dict(new byte[] {1}, 1)));
        assertThrows(SerializeException.class, () -> write(set(PyroURI.parse("PYRO:x@h:1"))));
    }

    @Test
    void complexNumbers() {
        assertEquals("(1.5-2.0j)", write(new ComplexNumber(1.5, -2.0)));
        assertEquals("(0.0+1.0j)", write(new ComplexNumber(0, 1)));
        assertEquals("(1.0-0.0j)", write(new ComplexNumber(1, -0.0)));
        assertEquals("(1e30000-1e30000j)", write(new ComplexNumber(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        assertThrows(SerializeException.class, () -> write(new ComplexNumber(Double.NaN, 1)));
    }

    enum Color {
        RED {
            @Override
            public String toString() {
                return "rot";
            }
        },
        GREEN
    }

    @Test
    void decimalsUuidsEnumsAsStrings() {
        assertEquals("'12345.678901234567890123456789'", write(new BigDecimal("12345.678901234567890123456789")));
        assertEquals("'1.10'", write(new BigDecimal("1.10")));
        assertEquals("'1E+3'", write(new BigDecimal("1E+3")));
        assertEquals("'12345678-1234-5678-1234-567812345678'",
                write(UUID.fromString("12345678-1234-5678-1234-567812345678")));
        assertEquals("'RED'", write(Color.RED));
        assertEquals("['GREEN']", write(List.of(Color.GREEN)));
    }

    @Test
    void timesAsPythonIsoformat() {
        assertEquals("'2024-01-02T03:04:05.600000'", write(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000)));
        assertEquals("'2024-01-02T03:04:00'", write(LocalDateTime.of(2024, 1, 2, 3, 4)));
        assertEquals("'2024-01-02'", write(LocalDate.of(2024, 1, 2)));
        assertEquals("'03:04:05.600000'", write(LocalTime.of(3, 4, 5, 600_000_000)));
        assertEquals("'03:04:00'", write(LocalTime.of(3, 4)));
        assertEquals("'00:00:00.000001'", write(LocalTime.of(0, 0, 0, 1999)));
        assertEquals("'2024-01-02T03:04:05+00:00'", write(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)));
        assertEquals("'2024-01-02T03:04:05.000123-03:30'",
                write(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_000, ZoneOffset.ofHoursMinutes(-3, -30))));
        assertEquals("'2024-07-01T12:00:00+05:30'",
                write(ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Asia/Kolkata"))));
        assertEquals("'1970-01-01T00:00:00+00:00'", write(Instant.EPOCH));
        assertEquals("'1970-01-01T00:00:01.500000+00:00'", write(new Date(1500)));
        assertEquals("'10:00:00+01:00'", write(OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(1))));
        assertEquals("86402.000003", write(Duration.ofDays(1).plusSeconds(2).plusNanos(3000)));
        assertEquals("-1.5", write(Duration.ofMillis(-1500)));
    }

    @Test
    void pyroObjectsAsClassDictsOfTheProtocolVersion() {
        PyroURI uri = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");
        assertEquals("{'__class__':'Pyro5.core.URI','state':('PYRO','some.object',None,'127.0.0.1',47999)}", write(uri));
        assertEquals("{'__class__':'Pyro4.core.URI','state':('PYRO','some.object',None,'127.0.0.1',47999)}",
                write(uri, ProtocolVersion.PYRO4));
        ProxyState proxy = ProxyState.of(uri);
        assertEquals("{'__class__':'Pyro5.client.Proxy','state':('PYRO:some.object@127.0.0.1:47999',(),(),(),'hello',None)}",
                write(proxy));
        assertEquals("{'__class__':'Pyro4.core.Proxy','state':('PYRO:some.object@127.0.0.1:47999',(),(),(),0.0,None,'hello',0,None)}",
                write(proxy, ProtocolVersion.PYRO4));
        HasProxyState live = () -> proxy;
        assertEquals(write(proxy), write(live));

        PyroRemoteException remote = new PyroRemoteException("builtins.ValueError", List.of("bad value", 42), Map.of());
        remote.withRemoteTraceback(List.of("Traceback (most recent call last):\n", "ValueError: bad value\n"));
        assertEquals("{'__class__':'builtins.ValueError','__exception__':True,'args':('bad value',42),"
                + "'attributes':{'_pyroTraceback':['Traceback (most recent call last):\\n','ValueError: bad value\\n']}}",
                write(remote));
        assertTrue(write(new DaemonException("unknown object"))
                .startsWith("{'__class__':'Pyro5.errors.DaemonError','__exception__':True,'args':('unknown object',),"
                        + "'attributes':{'_pyroTraceback':['Traceback (most recent call last):\\n',"));
        assertTrue(write(new IllegalArgumentException("no"), ProtocolVersion.PYRO4)
                .startsWith("{'__class__':'builtins.ValueError','__exception__':True,'args':('no',),"));
        assertTrue(write(new ExceptionWrapper(remote))
                .startsWith("{'__class__':'Pyro5.core._ExceptionWrapper','exception':{'__class__':'builtins.ValueError',"));
        assertTrue(write(List.of(1, new ExceptionWrapper(remote)), ProtocolVersion.PYRO4)
                .startsWith("[1,{'__class__':'Pyro4.futures._ExceptionWrapper','exception':{"));
    }

    record Point(int x, int y) {
    }

    @Test
    void otherObjectsAreRefusedWithTheirTypeName() {
        SerializeException e = assertThrows(SerializeException.class, () -> write(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals("[1,{'__class__':'" + Point.class.getName() + "','x':1,'y':2}]", write(List.of(1, new Point(1, 2))),
                "records travel as class dicts, as in every serializer");
        assertThrows(SerializeException.class, () -> SERPENT.serializeCall(
                new Call("obj", "m", List.of(new StringBuilder("x")), null), ProtocolVersion.PYRO5));
    }

    @Test
    void theHookForUnsupportedTypes() {
        SerpentSerializer withRecords = new SerpentSerializer() {
            @Override
            protected Object convertUnsupported(Object value, ProtocolVersion version) {
                if (value instanceof Point) {
                    Point p = (Point) value;
                    return dict("x", p.x(), "y", p.y());
                }
                return super.convertUnsupported(value, version);
            }
        };
        assertEquals(HEADER + "[{'x':1,'y':2}]", new String(withRecords.serializeData(List.of(new Point(1, 2)),
                ProtocolVersion.PYRO5), StandardCharsets.UTF_8));
        assertThrows(SerializeException.class, () -> withRecords.serializeData(new Object(), ProtocolVersion.PYRO5));
        SerpentSerializer looping = new SerpentSerializer() {
            @Override
            protected Object convertUnsupported(Object value, ProtocolVersion version) {
                return value;
            }
        };
        assertThrows(SerializeException.class, () -> looping.serializeData(new Object(), ProtocolVersion.PYRO5));
    }

    @Test
    void deepOrCircularValuesFailCleanly() throws Exception {
        Object deep = "x";
        for (int i = 0; i < 200; i++) {
            deep = List.of(deep);
        }
        assertTrue(write(deep).startsWith("[[[[["), "200 levels, as deep as Python reads");
        Object tooDeep = List.of(deep);
        assertThrows(SerializeException.class, () -> write(tooDeep));
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThrows(SerializeException.class, () -> write(self));
        Map<String, Object> selfMap = new HashMap<>();
        selfMap.put("me", selfMap);
        assertThrows(SerializeException.class, () -> write(selfMap));
        // on a thread with a tiny stack: written or refused, never a StackOverflowError
        Object[] outcome = new Object[1];
        Object value = deep;
        Thread t = new Thread(null, () -> {
            try {
                outcome[0] = SERPENT.serializeData(value, ProtocolVersion.PYRO5);
            } catch (Throwable e) {
                outcome[0] = e;
            }
        }, "tiny-stack", 32 * 1024);
        t.start();
        t.join(10_000);
        assertTrue(outcome[0] instanceof byte[] || outcome[0] instanceof SerializeException, String.valueOf(outcome[0]));
    }

    @Test
    void callsAsTheFourTuple() {
        assertEquals(HEADER + "('test.service','echo',(42,),{})", call(new Call("test.service", "echo", List.of(42), Map.of())));
        assertEquals(HEADER + "('test.service','ping',(),{})", call(new Call("test.service", "ping", null, new LinkedHashMap<>())));
        assertEquals(HEADER + "('test.service','__getattr__',('value',),None)",
                call(new Call("test.service", "__getattr__", Arrays.asList("value"), null)));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("b", 5);
        kwargs.put("extra", "x");
        assertEquals(HEADER + "('test.service','kw',(1,),{'b':5,'extra':'x'})",
                call(new Call("test.service", "kw", Tuple.of(1), kwargs)));
        // an ArrayList of vargs is written as a list, as Python's batch and stream calls send them
        List<Object> batch = new ArrayList<>();
        batch.add(Tuple.of("echo", Tuple.of(1), Map.of()));
        assertEquals(HEADER + "('test.service','<batch>',[('echo',(1,),{})],None)",
                call(new Call("test.service", "<batch>", batch, null)));
    }

    private static String call(Call c) {
        return new String(SERPENT.serializeCall(c, ProtocolVersion.PYRO5), StandardCharsets.UTF_8);
    }

    @Test
    void namesAndIds() {
        assertEquals("serpent", SERPENT.name());
        assertEquals(1, SERPENT.id(ProtocolVersion.PYRO4));
        assertEquals(1, SERPENT.id(ProtocolVersion.PYRO5));
    }

    @Test
    void collectionsThatAreNotListsOrSets() {
        assertEquals("{'a':[1,2]}", write(dict("a", new ArrayDeque<>(List.of(1, 2)))));
        assertEquals("[3]", write(new java.util.PriorityQueue<>(List.of(3))));
        assertEquals("[1]", write(Map.of("k", 1).values()));
    }
}
