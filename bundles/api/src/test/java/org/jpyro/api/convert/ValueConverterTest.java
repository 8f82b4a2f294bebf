package org.jpyro.api.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.Tuple;
import org.junit.jupiter.api.Test;

class ValueConverterTest {

    enum Color { RED, GREEN }

    /** Fields whose generic types serve as conversion targets. */
    @SuppressWarnings("unused")
    static class Targets<T, N extends Number> {
        List<Integer> listOfInts;
        List<String> listOfStrings;
        List<Object> listOfObjects;
        List<?> listOfAnything;
        List<? extends Number> listOfNumbers;
        List<List<Long>> listOfListsOfLongs;
        Set<Long> setOfLongs;
        SortedSet<Integer> sortedSetOfInts;
        Collection<Double> collectionOfDoubles;
        Iterable<String> iterableOfStrings;
        Deque<Integer> dequeOfInts;
        LinkedList<Short> linkedListOfShorts;
        Map<String, Integer> mapStringInt;
        Map<Long, List<String>> mapLongListString;
        SortedMap<String, Object> sortedMap;
        LinkedHashMap<String, Double> linkedHashMap;
        Map<String, Object> mapOfObjects;
        Optional<Integer> optionalInt;
        List<Color> listOfColors;
        T typeVariable;
        N numberVariable;
        T[] genericArray;
        List<byte[]> listOfBytes;
        Map<Color, Set<UUID>> mapEnumSetUuid;
    }

    private static Type type(String field) {
        try {
            return Targets.class.getDeclaredField(field).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ integers

    @Test
    void integersToEveryNumericPrimitiveAndBox() {
        assertEquals(42, ValueConverter.convert(42, int.class));
        assertEquals(42, ValueConverter.convert(42L, int.class));
        assertEquals(42, ValueConverter.convert(BigInteger.valueOf(42), Integer.class));
        assertEquals(42L, ValueConverter.convert(42, long.class));
        assertEquals(42L, ValueConverter.convert(42, Long.class));
        assertEquals((short) 42, ValueConverter.convert(42, short.class));
        assertEquals((byte) -7, ValueConverter.convert(-7, Byte.class));
        assertEquals(42.0, ValueConverter.convert(42, double.class));
        assertEquals(42.0f, ValueConverter.convert(42L, Float.class));
        assertEquals(BigInteger.valueOf(42), ValueConverter.convert(42, BigInteger.class));
        assertEquals(new BigDecimal("42"), ValueConverter.convert(42L, BigDecimal.class));
        BigInteger huge = BigInteger.TWO.pow(70);
        assertEquals(new BigDecimal(huge), ValueConverter.convert(huge, BigDecimal.class));
        assertSame(huge, ValueConverter.convert(huge, BigInteger.class));
        assertSame(huge, ValueConverter.convert(huge, Number.class));
    }

    @Test
    void integerRangesAreChecked() {
        assertEquals(Integer.MAX_VALUE, ValueConverter.convert((long) Integer.MAX_VALUE, int.class));
        assertEquals(Integer.MIN_VALUE, ValueConverter.convert((long) Integer.MIN_VALUE, int.class));
        assertFalse(ValueConverter.canConvert(Integer.MAX_VALUE + 1L, int.class));
        assertFalse(ValueConverter.canConvert(Integer.MIN_VALUE - 1L, Integer.class));
        assertFalse(ValueConverter.canConvert(128, byte.class));
        assertTrue(ValueConverter.canConvert(127, byte.class));
        assertTrue(ValueConverter.canConvert(-128, byte.class));
        assertFalse(ValueConverter.canConvert(40000, short.class));
        assertEquals(Long.MAX_VALUE, ValueConverter.convert(BigInteger.valueOf(Long.MAX_VALUE), long.class));
        assertFalse(ValueConverter.canConvert(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), long.class));
        assertFalse(ValueConverter.canConvert(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), long.class));
        assertFalse(ValueConverter.canConvert(BigInteger.TWO.pow(200), float.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert(300, byte.class));
        assertEquals("cannot convert 300 (int) to byte: out of range", e.getMessage());
    }

    @Test
    void integersDoNotBecomeBooleansOrStrings() {
        assertFalse(ValueConverter.canConvert(1, boolean.class));
        assertFalse(ValueConverter.canConvert(1, String.class));
        assertFalse(ValueConverter.canConvert(65, char.class));
    }

    // ------------------------------------------------------------------ floats, bools, strings

    @Test
    void floats() {
        assertEquals(1.5, ValueConverter.convert(1.5, double.class));
        assertEquals(1.5f, ValueConverter.convert(1.5, float.class));
        assertEquals(Float.NaN, ValueConverter.convert(Double.NaN, Float.class));
        assertEquals(Float.POSITIVE_INFINITY, ValueConverter.convert(Double.POSITIVE_INFINITY, float.class));
        assertFalse(ValueConverter.canConvert(1e300, float.class));
        assertEquals(new BigDecimal("0.1"), ValueConverter.convert(0.1, BigDecimal.class));
        assertFalse(ValueConverter.canConvert(Double.NaN, BigDecimal.class));
        assertFalse(ValueConverter.canConvert(1.0, int.class), "floats never silently become ints");
        assertFalse(ValueConverter.canConvert(1.0, long.class));
    }

    @Test
    void booleans() {
        assertEquals(true, ValueConverter.convert(true, boolean.class));
        assertEquals(false, ValueConverter.convert(false, Boolean.class));
        assertFalse(ValueConverter.canConvert(true, int.class));
        assertFalse(ValueConverter.canConvert("true", boolean.class));
    }

    @Test
    void strings() {
        assertSame("abc", ValueConverter.convert("abc", String.class));
        assertSame("abc", ValueConverter.convert("abc", CharSequence.class));
        assertEquals('x', ValueConverter.convert("x", char.class));
        assertEquals('\u20ac', ValueConverter.convert("\u20ac", Character.class));
        assertFalse(ValueConverter.canConvert("xy", char.class));
        assertFalse(ValueConverter.canConvert("", Character.class));
        assertEquals(Color.GREEN, ValueConverter.convert("GREEN", Color.class));
        assertEquals(Color.RED, ValueConverter.convert("red", Color.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert("BLUE", Color.class));
        assertTrue(e.getMessage().contains("'BLUE' (str)") && e.getMessage().contains("Color")
                && e.getMessage().endsWith("no such constant"), e.getMessage());
        UUID u = UUID.randomUUID();
        assertEquals(u, ValueConverter.convert(u.toString(), UUID.class));
        assertFalse(ValueConverter.canConvert("not-a-uuid", UUID.class));
        assertEquals(new BigDecimal("1.10"), ValueConverter.convert("1.10", BigDecimal.class));
        assertFalse(ValueConverter.canConvert("abc", BigDecimal.class));
        assertFalse(ValueConverter.canConvert("42", int.class));
    }

    @Test
    void isoTextToJavaTime() {
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000),
                ValueConverter.convert("2024-01-02T03:04:05.600000", LocalDateTime.class));
        assertEquals(LocalDate.of(2024, 1, 2), ValueConverter.convert("2024-01-02", LocalDate.class));
        assertEquals(LocalTime.of(3, 4, 5), ValueConverter.convert("03:04:05", LocalTime.class));
        assertFalse(ValueConverter.canConvert("yesterday", LocalDate.class));
    }

    // ------------------------------------------------------------------ None

    @Test
    void noneFitsReferencesButNotPrimitives() {
        assertNull(ValueConverter.convert(null, String.class));
        assertNull(ValueConverter.convert(null, Integer.class));
        assertNull(ValueConverter.convert(null, type("listOfInts")));
        assertNull(ValueConverter.convert(null, Object.class));
        assertEquals(Optional.empty(), ValueConverter.convert(null, type("optionalInt")));
        assertFalse(ValueConverter.canConvert(null, int.class));
        assertFalse(ValueConverter.canConvert(null, boolean.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert(null, double.class));
        assertEquals("cannot convert null (NoneType) to double: None does not fit a primitive type", e.getMessage());
    }

    @Test
    void unknownValuesPassAsObject() {
        ComplexNumber c = new ComplexNumber(1, 2);
        assertSame(c, ValueConverter.convert(c, Object.class));
        assertSame(c, ValueConverter.convert(c, ComplexNumber.class));
        Map<String, Object> bytesDict = Map.of("data", "AAE=", "encoding", "base64");
        assertSame(bytesDict, ValueConverter.convert(bytesDict, Object.class));
        assertFalse(ValueConverter.canConvert(c, String.class));
        assertThrows(IllegalArgumentException.class, () -> ValueConverter.convert(1, null));
        assertFalse(ValueConverter.canConvert(1, null));
    }

    // ------------------------------------------------------------------ sequences

    @Test
    void listsAreReturnedAsTheyAreWhenItemsFit() {
        List<Object> ints = new ArrayList<>(List.of(1, 2, 3));
        assertSame(ints, ValueConverter.convert(ints, type("listOfInts")));
        assertSame(ints, ValueConverter.convert(ints, List.class));
        assertSame(ints, ValueConverter.convert(ints, type("listOfAnything")));
        assertSame(ints, ValueConverter.convert(ints, type("listOfNumbers")));
        Object doubles = ValueConverter.convert(ints, type("collectionOfDoubles"));
        assertNotSame(ints, doubles, "ints must be converted for Collection<Double>");
        assertEquals(List.of(1.0, 2.0, 3.0), doubles);
    }

    @Test
    void listItemsAreConvertedToTheGenericType() {
        Object longs = ValueConverter.convert(List.of(1, 2L, BigInteger.TEN), type("setOfLongs"));
        assertEquals(Set.of(1L, 2L, 10L), longs);
        assertInstanceOf(Set.class, longs);
        Object doubles = ValueConverter.convert(Tuple.of(1, 2.5), type("collectionOfDoubles"));
        assertEquals(List.of(1.0, 2.5), doubles);
        Object nested = ValueConverter.convert(List.of(Tuple.of(1, 2), List.of()), type("listOfListsOfLongs"));
        assertEquals(List.of(List.of(1L, 2L), List.of()), nested);
        assertEquals(new TreeSet<>(List.of(1, 2, 3)), ValueConverter.convert(List.of(3, 1, 2), type("sortedSetOfInts")));
        assertInstanceOf(SortedSet.class, ValueConverter.convert(List.of(3, 1, 2), type("sortedSetOfInts")));
        Object deque = ValueConverter.convert(Tuple.of(1, 2), type("dequeOfInts"));
        assertInstanceOf(ArrayDeque.class, deque);
        Object linked = ValueConverter.convert(List.of(1, 2), type("linkedListOfShorts"));
        assertEquals(new LinkedList<>(List.of((short) 1, (short) 2)), linked);
        assertInstanceOf(LinkedList.class, linked);
        assertEquals(List.of(Color.RED, Color.GREEN), ValueConverter.convert(List.of("RED", "green"),
                type("listOfColors")));
        assertEquals(List.of("a"), ValueConverter.convert(new Object[] {"a"}, type("iterableOfStrings")));
    }

    @Test
    void rawCollectionTargetsTakeAnySequence() {
        Object set = ValueConverter.convert(List.of(1, 1, 2), Set.class);
        assertEquals(Set.of(1, 2), set);
        Object list = ValueConverter.convert(Set.of(7), List.class);
        assertEquals(List.of(7), list);
        Object hashSet = ValueConverter.convert(Tuple.of("x"), HashSet.class);
        assertInstanceOf(HashSet.class, hashSet);
        assertFalse(ValueConverter.canConvert("abc", List.class), "a str is not a sequence here");
        assertFalse(ValueConverter.canConvert(Map.of(), List.class));
    }

    @Test
    void badItemsNameTheirPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert(List.of(1, "x"), type("listOfInts")));
        assertTrue(e.getMessage().contains("item 1: cannot convert 'x' (str) to Integer"), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot convert [1, x] (list) to List<Integer>"), e.getMessage());
        assertFalse(ValueConverter.canConvert(List.of(1, 2, Long.MAX_VALUE), type("listOfInts")));
        assertFalse(ValueConverter.canConvert(Arrays.asList(1, null), int[].class));
        assertTrue(ValueConverter.canConvert(Arrays.asList(1, null), Integer[].class));
        assertFalse(ValueConverter.canConvert(Arrays.asList(3, null), type("sortedSetOfInts")));
    }

    @Test
    void arrays() {
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) ValueConverter.convert(Tuple.of(1, 2L, 3), int[].class));
        assertArrayEquals(new double[] {1.0, 0.5}, (double[]) ValueConverter.convert(List.of(1, 0.5), double[].class));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) ValueConverter.convert(List.of("a", "b"), String[].class));
        assertArrayEquals(new char[] {'a', 'b'}, (char[]) ValueConverter.convert(List.of("a", "b"), char[].class));
        long[][] matrix = (long[][]) ValueConverter.convert(List.of(List.of(1, 2), Tuple.of(3)), long[][].class);
        assertArrayEquals(new long[] {1, 2}, matrix[0]);
        assertArrayEquals(new long[] {3}, matrix[1]);
        assertArrayEquals(new Object[] {1, "x"}, (Object[]) ValueConverter.convert(Tuple.of(1, "x"), Object[].class));
        Object[] generic = (Object[]) ValueConverter.convert(List.of("a", 1), type("genericArray"));
        assertArrayEquals(new Object[] {"a", 1}, generic);
        assertFalse(ValueConverter.canConvert(List.of("a"), int[].class));
        assertFalse(ValueConverter.canConvert(5, int[].class));
        String[] same = {"a"};
        assertSame(same, ValueConverter.convert(same, String[].class));
    }

    // ------------------------------------------------------------------ bytes

    @Test
    void bytes() {
        byte[] raw = {0, 1, (byte) 0xFF};
        assertSame(raw, ValueConverter.convert(raw, byte[].class));
        Map<String, Object> serpent = new LinkedHashMap<>();
        serpent.put("data", "AAH/");
        serpent.put("encoding", "base64");
        assertArrayEquals(raw, (byte[]) ValueConverter.convert(serpent, byte[].class));
        assertArrayEquals(raw, (byte[]) ValueConverter.convert(List.of(0, 1, 255), byte[].class));
        assertFalse(ValueConverter.canConvert(List.of(0, 256), byte[].class));
        assertFalse(ValueConverter.canConvert(Map.of("data", "AAH/", "encoding", "hex"), byte[].class));
        assertFalse(ValueConverter.canConvert(Map.of("data", "!!!", "encoding", "base64"), byte[].class));
        assertFalse(ValueConverter.canConvert("abc", byte[].class));
        @SuppressWarnings("unchecked")
        List<byte[]> list = (List<byte[]>) ValueConverter.convert(List.of(serpent), type("listOfBytes"));
        assertArrayEquals(raw, list.get(0));
        assertEquals(List.of(0, 1, 255), ValueConverter.convert(raw, type("listOfInts")),
                "bytes iterate as ints 0..255, as in Python");
    }

    // ------------------------------------------------------------------ maps

    @Test
    void maps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", 2);
        assertSame(m, ValueConverter.convert(m, type("mapStringInt")));
        assertSame(m, ValueConverter.convert(m, Map.class));
        assertSame(m, ValueConverter.convert(m, type("mapOfObjects")));
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, Tuple.of("x", "y"));
        intKeys.put(2, List.of());
        assertEquals(Map.of(1L, List.of("x", "y"), 2L, List.of()), ValueConverter.convert(intKeys, type("mapLongListString")));
        Object sorted = ValueConverter.convert(Map.of("b", 1, "a", 2), type("sortedMap"));
        assertInstanceOf(TreeMap.class, sorted);
        assertEquals(List.of("a", "b"), new ArrayList<>(((Map<?, ?>) sorted).keySet()));
        Object lhm = ValueConverter.convert(Map.of("x", 1), type("linkedHashMap"));
        assertInstanceOf(LinkedHashMap.class, lhm);
        assertEquals(Map.of("x", 1.0), lhm);
        UUID u = UUID.randomUUID();
        assertEquals(Map.of(Color.RED, Set.of(u)),
                ValueConverter.convert(Map.of("RED", List.of(u.toString())), type("mapEnumSetUuid")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueConverter.convert(Map.of("a", "x"), type("mapStringInt")));
        assertTrue(e.getMessage().contains("value of 'a': cannot convert 'x' (str) to Integer"), e.getMessage());
        assertFalse(ValueConverter.canConvert(Map.of(1, 1), type("mapStringInt")));
        assertFalse(ValueConverter.canConvert(List.of(), Map.class));
    }

    // ------------------------------------------------------------------ type variables, wildcards, Optional

    @Test
    void typeVariablesAndOptional() {
        assertEquals("x", ValueConverter.convert("x", type("typeVariable")));
        assertSame(5, ValueConverter.convert(5, type("numberVariable")));
        assertFalse(ValueConverter.canConvert("x", type("numberVariable")));
        assertEquals(Optional.of(5), ValueConverter.convert(5L, type("optionalInt")));
        assertFalse(ValueConverter.canConvert("x", type("optionalInt")));
        assertEquals(Optional.of("x"), ValueConverter.convert("x", Optional.class));
    }

    @Test
    void canConvertAgreesWithConvert() {
        Object[] values = {null, 1, -1L, BigInteger.TWO.pow(65), 2.5, Double.NaN, true, "a", "abc", "RED",
            new byte[] {1}, List.of(1, 2), Tuple.of("a"), Set.of(1L), Map.of("k", 1), new ComplexNumber(0, 1)};
        Type[] targets = {int.class, long.class, byte.class, double.class, float.class, boolean.class, char.class,
            String.class, Color.class, BigInteger.class, BigDecimal.class, byte[].class, int[].class, Object.class,
            type("listOfInts"), type("setOfLongs"), type("mapStringInt"), type("optionalInt"), List.class};
        for (Object v : values) {
            for (Type t : targets) {
                boolean can = ValueConverter.canConvert(v, t);
                boolean did;
                try {
                    ValueConverter.convert(v, t);
                    did = true;
                } catch (IllegalArgumentException e) {
                    did = false;
                }
                assertEquals(did, can, "value " + v + " -> " + t.getTypeName());
            }
        }
    }
}
