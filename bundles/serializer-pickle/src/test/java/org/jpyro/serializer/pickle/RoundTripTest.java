package org.jpyro.serializer.pickle;

import static org.jpyro.api.testing.Py.assertPyEquals;
import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.set;
import static org.jpyro.api.testing.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.jpyro.api.serializer.Serializer;
import org.junit.jupiter.api.Test;

/** Java values survive writing and reading: random nested values (fixed seed) and every special type. */
class RoundTripTest {
    private static final ProtocolVersion P4 = ProtocolVersion.PYRO4;
    private static final PickleSerializer SER = new PickleSerializer();

    private static Object roundTrip(Object value) {
        return SER.deserializeData(SER.serializeData(value, P4), P4);
    }

    @Test
    void randomNestedValues() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            Object v = new RandomValue(random).value(0);
            assertPyEquals(v, roundTrip(v), "sample " + i);
        }
    }

    @Test
    void specialTypes() {
        List<Object> values = List.of(
                new ComplexNumber(-0.0, Double.NaN), new BigDecimal("-1.5E+300"), UUID.randomUUID(),
                LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHoursMinutes(-5, -30)),
                OffsetTime.of(3, 4, 5, 0, ZoneOffset.UTC), LocalDate.of(2024, 2, 29), LocalTime.MIDNIGHT,
                Duration.ofSeconds(-1, 1000), Duration.ofDays(999_999_999),
                PyroURI.parse("PYRO:obj@[::1]:9999"), PyroURI.parse("PYRO:obj@./u:/tmp/sock"),
                PyroURI.parse("PYRONAME:some.name"), PyroURI.parse("PYRONAME:name@nshost:9090"),
                PyroURI.parse("PYROMETA:a,b@host"),
                new ProxyState(PyroURI.parse("PYRO:x@h:1"), Set.of("o"), Set.of("m", "o"), Set.of("a"),
                        dict("k", list(1)), "pickle", 2.5, null, 3),
                new byte[] {0, (byte) 0x80, (byte) 0xff}, new byte[0], "\uD83D\uDE00 \u0000 \u07ff \u0800");
        for (Object v : values) {
            assertPyEquals(v, roundTrip(v), String.valueOf(v));
        }
        // Pyro4's Proxy.__setstate__ keeps no timeout/retries; the state carries them anyway
        ProxyState withKey = new ProxyState(PyroURI.parse("PYRO:x@h:1"), Set.of(), Set.of(), Set.of(), "hello",
                null, 0.0, new byte[] {1, 2}, 0);
        ProxyState back = (ProxyState) roundTrip(withKey);
        assertEquals(List.of((byte) 1, (byte) 2), List.of(back.hmacKey()[0], back.hmacKey()[1]));
    }

    @Test
    void otherJavaTypesAreWrittenAsTheirPythonCounterparts() {
        assertPyEquals(tuple(1, 2), roundTrip(new int[] {1, 2}));
        assertPyEquals(tuple("a", 2), roundTrip(new Object[] {"a", 2}));
        assertPyEquals("ab", roundTrip(new char[] {'a', 'b'}));
        assertPyEquals(list(1, 2), roundTrip(new java.util.ArrayDeque<>(List.of(1, 2))));
        assertPyEquals(1, roundTrip((short) 1));
        assertPyEquals(1.5, roundTrip(1.5f));
        assertPyEquals("RED", roundTrip(Color.RED));
        assertPyEquals("x", roundTrip('x'));
        assertPyEquals(dict("__class__", Point.class.getName(), "x", 1, "y", 2), roundTrip(new Point(1, 2)));
        assertThrows(SerializeException.class, () -> SER.serializeData(new Object(), P4));
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThrows(SerializeException.class, () -> SER.serializeData(self, P4));
    }

    enum Color { RED }

    record Point(int x, int y) {
    }

    @Test
    void exceptions() {
        PyroRemoteException remote = new PyroRemoteException("builtins.KeyError", List.of("k"),
                Map.of("extra", 1));
        remote.withRemoteTraceback(List.of("Traceback (most recent call last):\n", "KeyError: 'k'\n"));
        Object back = roundTrip(remote);
        assertPyEquals(remote, back);
        assertEquals(Map.of("extra", 1), ((PyroRemoteException) back).attributes());

        Object local = roundTrip(new IllegalArgumentException("bad"));
        PyroRemoteException e = assertInstanceOf(PyroRemoteException.class, local);
        assertEquals("builtins.ValueError", e.pythonType());
        assertEquals(List.of("bad"), e.args());
        assertEquals("java.lang.IllegalArgumentException: bad\n", e.remoteTraceback().get(e.remoteTraceback().size() - 1));

        assertInstanceOf(NamingException.class, roundTrip(new NamingException("no name")));
        ExceptionWrapper w = (ExceptionWrapper) roundTrip(new ExceptionWrapper(new NamingException("x")));
        assertInstanceOf(NamingException.class, w.exception());
    }

    @Test
    void calls() {
        Call call = new Call("obj", "method", List.of(1, "a"), Map.of("k", tuple()));
        Call back = SER.deserializeCall(SER.serializeCall(call, P4), P4);
        assertEquals("obj", back.objectId());
        assertPyEquals(tuple(1, "a"), back.args());
        assertPyEquals(dict("k", tuple()), back.kwargs());

        Call batch = new Call("obj", "<batch>", new ArrayList<>(List.of(tuple("m", tuple(), dict()))), null);
        Call batchBack = SER.deserializeCall(SER.serializeCall(batch, P4), P4);
        assertInstanceOf(ArrayList.class, batchBack.args());
        assertNull(batchBack.kwargs());
    }

    @Test
    void foundByServiceLoader() {
        Serializer found = null;
        for (Serializer s : ServiceLoader.load(Serializer.class)) {
            if (s.name().equals("pickle")) {
                found = s;
            }
        }
        assertInstanceOf(PickleSerializer.class, found);
        assertEquals(4, found.id(P4));
        assertEquals(Serializer.NOT_AVAILABLE, found.id(ProtocolVersion.PYRO5));
    }

    /** Random Python values in jpyro's value model (types that decode back to the same class). */
    static final class RandomValue {
        private final Random r;

        RandomValue(Random r) {
            this.r = r;
        }

        Object value(int depth) {
            int kind = r.nextInt(depth > 4 ? 12 : 18);
            switch (kind) {
                case 0: return null;
                case 1: return r.nextBoolean();
                case 2: return r.nextInt();
                case 3: return r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(1000) : Long.MIN_VALUE + r.nextInt(1000);
                case 4: return new BigInteger(64 + r.nextInt(200), r).add(BigInteger.TWO.pow(64))
                        .multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
                case 5: return r.nextBoolean() ? r.nextDouble() * 1e10 : new double[] {Double.NaN, -0.0,
                        Double.NEGATIVE_INFINITY, Double.MIN_VALUE}[r.nextInt(4)];
                case 6: return string();
                case 7: {
                    byte[] b = new byte[r.nextInt(20)];
                    r.nextBytes(b);
                    return b;
                }
                case 8: return new ComplexNumber(r.nextDouble(), -r.nextDouble());
                case 9: return LocalDateTime.of(1 + r.nextInt(9999), 1 + r.nextInt(12), 1 + r.nextInt(28),
                        r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000);
                case 10: return new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(40) - 20);
                case 11: return new UUID(r.nextLong(), r.nextLong());
                case 12: {
                    Object[] items = new Object[r.nextInt(5)];
                    for (int i = 0; i < items.length; i++) {
                        items[i] = value(depth + 1);
                    }
                    return Tuple.of(items);
                }
                case 13:
                case 14: {
                    List<Object> l = new ArrayList<>();
                    for (int n = r.nextInt(5); n > 0; n--) {
                        l.add(value(depth + 1));
                    }
                    return l;
                }
                case 15:
                case 16: {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (int n = r.nextInt(5); n > 0; n--) {
                        m.put(r.nextBoolean() ? string() : Tuple.of(r.nextInt(9), string()), value(depth + 1));
                    }
                    return m;
                }
                default: {
                    Set<Object> s = new LinkedHashSet<>();
                    for (int n = r.nextInt(5); n > 0; n--) {
                        s.add(r.nextBoolean() ? r.nextInt(100) : string());
                    }
                    return s;
                }
            }
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            for (int n = r.nextInt(12); n > 0; n--) {
                int pick = r.nextInt(5);
                if (pick == 0) {
                    sb.appendCodePoint(0x1F600 + r.nextInt(50));
                } else if (pick == 1) {
                    sb.append((char) (0x80 + r.nextInt(0xD000)));
                } else {
                    sb.append((char) r.nextInt(0x80));
                }
            }
            return sb.toString();
        }
    }

    @Test
    void setsKeepTheirItems() {
        assertPyEquals(set(1, "a"), roundTrip(set(1, "a")));
    }
}
