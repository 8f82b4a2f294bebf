package org.jpyro.api.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.PythonValues;
import org.junit.jupiter.api.Test;

class ValueConverterRecordTest {
    record Address(String street, int number) {
    }

    record Person(String name, int age, Optional<String> nick, List<Address> addresses, Set<Integer> lucky,
            LocalDate born) {
    }

    record Positive(int value) {
        Positive {
            if (value <= 0) {
                throw new IllegalArgumentException("not positive");
            }
        }
    }

    record Pair<A, B>(A first, B second) {
    }

    /** Holder of generic types used as conversion targets. */
    @SuppressWarnings("unused")
    private static List<Address> addressList;
    @SuppressWarnings("unused")
    private static Pair<String, Integer> pair;

    private static Type field(String name) throws NoSuchFieldException {
        return ValueConverterRecordTest.class.getDeclaredField(name).getGenericType();
    }

    private static Map<String, Object> dict(Object... kv) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            d.put((String) kv[i], kv[i + 1]);
        }
        return d;
    }

    @Test
    void plainDictBecomesRecordByComponentNames() {
        Object r = ValueConverter.convert(dict("number", 7L, "street", "Main"), Address.class);
        assertEquals(new Address("Main", 7), r);
    }

    @Test
    void classDictOfARecordRoundTripsThroughNormalize() {
        Person p = new Person("Ann", 41, Optional.of("annie"), List.of(new Address("Elm", 3)), Set.of(7),
                LocalDate.of(1983, 5, 17));
        // what a Python peer would send back: the class dict, with nested records as class dicts, the date as
        // ISO text, the set as a list and the optional's content
        Map<String, Object> fromPython = dict("__class__", Person.class.getName(), "name", "Ann",
                "age", BigInteger.valueOf(41), "nick", "annie",
                "addresses", List.of(PythonValues.normalize(new Address("Elm", 3), ProtocolVersion.PYRO5)),
                "lucky", Tuple.of(7), "born", "1983-05-17");
        assertEquals(p, ValueConverter.convert(fromPython, Person.class));
        Map<?, ?> sent = (Map<?, ?>) PythonValues.normalize(p, ProtocolVersion.PYRO4);
        assertEquals(Person.class.getName(), sent.get("__class__"));
        assertEquals("Ann", sent.get("name"));
    }

    @Test
    void missingComponentsCountAsNone() {
        Person p = (Person) ValueConverter.convert(dict("name", "Bo", "age", 2), Person.class);
        assertEquals(new Person("Bo", 2, Optional.empty(), null, null, null), p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert(dict("street", "x"), Address.class));
        assertTrue(e.getMessage().contains("number"), e.getMessage());
        assertFalse(ValueConverter.canConvert(dict("street", "x"), Address.class));
    }

    @Test
    void wrongComponentTypesAndRefusingConstructorsDoNotFit() {
        assertFalse(ValueConverter.canConvert(dict("street", "x", "number", "seven"), Address.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert(dict("value", -1), Positive.class));
        assertTrue(e.getMessage().contains("not positive"), e.getMessage());
        assertEquals(new Positive(5), ValueConverter.convert(dict("value", 5), Positive.class));
        assertFalse(ValueConverter.canConvert("not a dict", Address.class));
        assertFalse(ValueConverter.canConvert(List.of("Main", 7), Address.class));
    }

    @Test
    void recordsInsideGenericContainersAndGenericRecords() throws Exception {
        Object list = ValueConverter.convert(List.of(dict("street", "A", "number", 1), dict("street", "B", "number", 2)),
                field("addressList"));
        assertEquals(List.of(new Address("A", 1), new Address("B", 2)), list);
        assertEquals(new Pair<>("k", 3), ValueConverter.convert(dict("first", "k", "second", 3), field("pair")));
        Address a = new Address("Z", 9);
        assertSame(a, ValueConverter.convert(a, Address.class));
    }
}
