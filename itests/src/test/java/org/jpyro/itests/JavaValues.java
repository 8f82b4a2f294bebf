package org.jpyro.itests;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jpyro.api.Tuple;
import org.junit.jupiter.params.provider.Arguments;

/** Java values a jpyro proxy sends to an echo method, and what must come back (jpyro's Python value model). */
final class JavaValues {
    static final String NON_ASCII = "h\u00e9llo \u20ac \u4e2d\u6587 \ud83d\ude00 \u0391\u03b8\u03ae\u03bd\u03b1";
    static final String CONTROL_CHARS = "nul\u0000 tab\t nl\n cr\r quote' dquote\" backslash\\ bell\u0007 esc\u001b del\u007f";

    private JavaValues() {
    }

    /** (name, sent, expected back) */
    static Stream<Arguments> echoCases() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("k", "v");
        dict.put("n", 1);
        dict.put("f", 0.5);
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "one");
        intKeys.put(2, "two");
        intKeys.put(-3, "minus three");
        Map<String, Object> deep = new LinkedHashMap<>();
        deep.put("deep", "x");
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("inner", Arrays.asList(null, deep));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, Tuple.of(2, 3), inner));
        nested.put("tuple", Tuple.of(Map.of("a", 1)));
        nested.put("empty", List.of(List.of(), Map.of(), Tuple.of()));
        nested.put("big", List.of(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), Long.MIN_VALUE, 7));
        nested.put("set", Set.of(7, 8));
        return Stream.of(
                Arguments.of("int", 42, 42),
                Arguments.of("int_zero", 0, 0),
                Arguments.of("int_negative", -12345, -12345),
                Arguments.of("long_max", Long.MAX_VALUE, Long.MAX_VALUE),
                Arguments.of("long_min", Long.MIN_VALUE, Long.MIN_VALUE),
                Arguments.of("long_that_fits_an_int", 5L, 5),
                Arguments.of("int_unsigned_64bit_max", BigInteger.TWO.pow(64).subtract(BigInteger.ONE),
                        BigInteger.TWO.pow(64).subtract(BigInteger.ONE)),
                Arguments.of("int_big_negative", BigInteger.TWO.pow(100).negate().add(BigInteger.valueOf(7)),
                        BigInteger.TWO.pow(100).negate().add(BigInteger.valueOf(7))),
                Arguments.of("float", 3.25, 3.25),
                Arguments.of("float_small_negative", -1.5e-10, -1.5e-10),
                Arguments.of("float_nan", Double.NaN, Double.NaN),
                Arguments.of("float_inf", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY),
                Arguments.of("float_negative_inf", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY),
                Arguments.of("bool_true", true, true),
                Arguments.of("bool_false", false, false),
                Arguments.of("none", null, null),
                Arguments.of("str_ascii", "hello", "hello"),
                Arguments.of("str_empty", "", ""),
                Arguments.of("str_non_ascii", NON_ASCII, NON_ASCII),
                Arguments.of("str_control_chars", CONTROL_CHARS, CONTROL_CHARS),
                Arguments.of("list", Arrays.asList(1, "two", 3.0, null, true), Arrays.asList(1, "two", 3.0, null, true)),
                Arguments.of("list_empty", new ArrayList<>(), List.of()),
                Arguments.of("tuple", Tuple.of(1, "a", false), Tuple.of(1, "a", false)),
                Arguments.of("tuple_single", Tuple.of(5), Tuple.of(5)),
                Arguments.of("tuple_empty", Tuple.of(), Tuple.of()),
                Arguments.of("java_array_as_tuple", new Object[] {1, "x"}, Tuple.of(1, "x")),
                Arguments.of("dict", dict, dict),
                Arguments.of("dict_empty", Map.of(), Map.of()),
                Arguments.of("dict_int_keys", intKeys, intKeys),
                Arguments.of("set_int", Set.of(1, 2, 3), Set.of(1, 2, 3)),
                Arguments.of("set_str", Set.of("alpha", "beta"), Set.of("alpha", "beta")),
                Arguments.of("nested", nested, nested));
    }
}
