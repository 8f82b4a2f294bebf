package org.jpyro.itests.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.convert.ValueConverter;
import org.jpyro.api.serializer.ClassDicts;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared Java-to-Python mapping of {@code PythonValues.normalize} (records, beans, Optional, registered
 * class-to-dict converters) and the dict-to-class converters of {@code ClassDicts.fromClassDict}, through every
 * serializer that hands unsupported values to normalize: what one jpyro peer sends, another receives.
 * Serpent is left out: it refuses these values (see docs/serializers.md).
 */
class ClassDictMappingTest {
    record Point(int x, String label, List<Integer> path) {
    }

    /** A value type with a converter in both directions. */
    static final class Money {
        final String currency;
        final long cents;

        Money(String currency, long cents) {
            this.currency = currency;
            this.cents = cents;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Money && ((Money) o).currency.equals(currency) && ((Money) o).cents == cents;
        }

        @Override
        public int hashCode() {
            return currency.hashCode() * 31 + Long.hashCode(cents);
        }
    }

    private static final List<String> NORMALIZING = List.of("json", "marshal", "msgpack", "pickle");

    @AfterEach
    void unregister() {
        ClassDicts.unregisterClassToDict(Money.class);
        ClassDicts.unregisterDictToClass("test.Money");
    }

    private static List<Serializer> serializers() {
        List<Serializer> found = new ArrayList<>();
        for (String name : NORMALIZING) {
            Serializer s = SerializerRegistry.defaultRegistry().byName(name);
            assertTrue(s != null, name + " is on the itests class path (through the tools bundle)");
            found.add(s);
        }
        return found;
    }

    private static ProtocolVersion version(Serializer s) {
        return s.id(ProtocolVersion.PYRO5) == Serializer.NOT_AVAILABLE ? ProtocolVersion.PYRO4 : ProtocolVersion.PYRO5;
    }

    private static Object roundTrip(Serializer s, Object value) {
        ProtocolVersion v = version(s);
        return s.deserializeData(s.serializeData(value, v), v);
    }

    @Test
    void recordsTravelAsClassDictsAndConvertBackByComponentNames() {
        Point p = new Point(3, "a", List.of(1, 2));
        for (Serializer s : serializers()) {
            Object back = roundTrip(s, List.of(p));
            Map<?, ?> d = (Map<?, ?>) ((List<?>) back).get(0);
            assertEquals(Point.class.getName(), d.get("__class__"), s.name());
            assertEquals(3, ((Number) d.get("x")).intValue(), s.name());
            assertEquals(p, ValueConverter.convert(d, Point.class), s.name());
        }
    }

    @Test
    void beansTravelAsClassDictsWithTheirProperties() {
        for (Serializer s : serializers()) {
            Map<?, ?> d = (Map<?, ?>) roundTrip(s, new Gauge("bar", 2.5));
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("__class__", Gauge.class.getName());
            expected.put("empty", false);
            expected.put("level", 2.5);
            expected.put("unit", "bar");
            assertEquals(expected, d, s.name());
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(d.keySet()), s.name() + " keeps the order");
        }
    }

    @Test
    void optionalsTravelAsTheirContent() {
        for (Serializer s : serializers()) {
            List<?> back = (List<?>) roundTrip(s, List.of(Optional.of("x"), Optional.empty()));
            assertEquals("x", back.get(0), s.name());
            assertEquals(null, back.get(1), s.name());
        }
    }

    @Test
    void registeredConvertersWorkInBothDirectionsThroughEverySerializer() {
        Money m = new Money("EUR", 150);
        for (Serializer s : serializers()) {
            Object plain = ((List<?>) roundTrip(s, List.of(Map.of("k", 1)))).get(0);
            assertInstanceOf(Map.class, plain);
        }
        ClassDicts.registerClassToDict(Money.class, x -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("__class__", "test.Money");
            d.put("currency", x.currency);
            d.put("cents", x.cents);
            return d;
        });
        for (Serializer s : serializers()) {
            Map<?, ?> d = (Map<?, ?>) ((Map<?, ?>) roundTrip(s, Map.of("price", m))).get("price");
            assertEquals("test.Money", d.get("__class__"), s.name() + ": no dict-to-class converter yet, a Map");
        }
        ClassDicts.registerDictToClass("test.Money",
                d -> new Money((String) d.get("currency"), ((Number) d.get("cents")).longValue()));
        for (Serializer s : serializers()) {
            assertEquals(Map.of("price", m), roundTrip(s, Map.of("price", m)), s.name());
        }
    }
}
