package org.jpyro.daemon.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.Expose;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.Tuple;
import org.junit.jupiter.api.Test;

/** Argument binding, conversion and overload choice. */
class RemoteMethodTest {

    @Expose
    public static class Target {
        public String f(int x) {
            return "int";
        }

        public String f(long x, long y) {
            return "long,long";
        }

        public String f(double x) {
            return "double";
        }

        public String f(String s) {
            return "str";
        }

        public String f(List<String> strings) {
            return "list<str>";
        }

        public String f(int[] ints, Map<String, Integer> options) {
            return "int[]," + options;
        }

        public String g(Object anything) {
            return "object";
        }

        public String g(Integer exact) {
            return "integer";
        }

        public int sum(int first, int... rest) {
            return first + Arrays.stream(rest).sum();
        }

        public Map<String, Object> opts(String name, Map<String, Object> kwargs) {
            Map<String, Object> r = new LinkedHashMap<>(kwargs);
            r.put("name", name);
            return r;
        }

        public byte[] bytes(byte[] data) {
            return data;
        }

        public Set<Long> uniq(Set<Long> in) {
            return in;
        }

        public void nothing() {
        }

        public BigInteger big(BigInteger x) {
            return x.add(BigInteger.ONE);
        }

        public void failing() throws IOException {
            throw new IOException("disk gone");
        }
    }

    private final Target target = new Target();
    private final ExposedClass exposed = ExposedClass.of(Target.class);

    private Object call(String name, List<Object> args, Map<String, Object> kwargs) throws Throwable {
        return exposed.requireMethod(name).invoke(target, args, kwargs);
    }

    private Object call(String name, Object... args) throws Throwable {
        return call(name, Arrays.asList(args), Map.of());
    }

    private String typeError(String name, List<Object> args, Map<String, Object> kwargs) {
        PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> call(name, args, kwargs));
        assertEquals("builtins.TypeError", e.pythonType());
        return e.getMessage();
    }

    @Test
    void overloadsByArityThenConvertibilityThenExactness() throws Throwable {
        assertEquals("int", call("f", 1));
        assertEquals("double", call("f", 1.5));
        assertEquals("str", call("f", "s"));
        assertEquals("long,long", call("f", 1, 2));
        assertEquals("list<str>", call("f", List.of("a", "b")));
        assertEquals("list<str>", call("f", Tuple.of("a")));
        assertEquals("int[],{a=1}", call("f", Arrays.asList(List.of(1, 2), Map.of("a", 1)), Map.of()));
        assertEquals("integer", call("g", 5), "the exact type wins over Object");
        assertEquals("object", call("g", "x"));
        assertEquals("integer", call("g", (Object) null), "None fits both; the most specific wins");
        assertEquals("int", call("f", Long.valueOf(3)), "a Python int that fits an int");
        assertEquals("double", call("f", 3_000_000_000L), "too big for int: the double overload takes it");
    }

    @Test
    void noFittingOverloadNamesTheCandidates() {
        String msg = typeError("f", List.of(true), Map.of());
        assertEquals("Target.f() got incompatible argument types (bool); Java overloads: f(List<String> strings), "
                + "f(String s), f(double x), f(int x), f(int[] ints, Map<String, Integer> options), f(long x, long y)", msg);
        msg = typeError("f", List.of(), Map.of("z", 1));
        assertTrue(msg.startsWith("Target.f() got an unexpected keyword argument 'z'; Java overloads: "), msg);
        String overloads = "; Java overloads: f(List<String> strings), f(String s), f(double x), f(int x), "
                + "f(int[] ints, Map<String, Integer> options), f(long x, long y)";
        assertEquals("Target.f() takes from 2 to 3 positional arguments but 4 were given" + overloads,
                typeError("f", List.of(1, 2, 3), null), "Python's wording for a range, counting self");
        assertEquals("Target.f() missing 1 required positional argument: 'strings'" + overloads,
                typeError("f", List.of(), null), "the problem of the overload with the fewest parameters");
    }

    @Test
    void keywordArgumentsBindByParameterName() throws Throwable {
        assertEquals("long,long", call("f", List.of(), Map.of("y", 2, "x", 1)));
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("name", "n");
        kw.put("color", "red");
        assertEquals(Map.of("color", "red", "name", "n"), call("opts", List.of(), kw));
        assertEquals(Map.of("name", "p"), call("opts", List.of("p"), null));
        assertEquals("Target.opts() got multiple values for argument 'name'",
                typeError("opts", List.of("p"), Map.of("name", "q")));
        assertEquals("Target.big() got an unexpected keyword argument 'y'",
                typeError("big", List.of(1), Map.of("y", 2)));
        assertEquals("Target.big() missing 1 required positional argument: 'x'", typeError("big", List.of(), null));
        // Python counts self: S.echo(self, message) called with 2 arguments "takes 2 positional arguments but 3 were given"
        assertEquals("Target.big() takes 2 positional arguments but 3 were given", typeError("big", List.of(1, 2), null));
        assertEquals("Target.nothing() takes 1 positional argument but 2 were given", typeError("nothing", List.of(1), null));
    }

    @Test
    void varargsTakeTheSurplusPositionalArguments() throws Throwable {
        assertEquals(1, call("sum", 1));
        assertEquals(10, call("sum", 1, 2, 3, 4));
        assertEquals("Target.sum() argument 'rest': cannot convert [2, x] (list) to int[]: item 1: cannot convert "
                + "'x' (str) to int", typeError("sum", List.of(1, 2, "x"), null));
    }

    @Test
    void argumentsAreConvertedToTheDeclaredTypes() throws Throwable {
        byte[] raw = {1, 2};
        assertSame(raw, call("bytes", (Object) raw));
        assertEquals(List.of((byte) 0, (byte) 1, (byte) -1), toList((byte[]) call("bytes",
                Map.of("data", "AAH/", "encoding", "base64"))));
        assertEquals(Set.of(1L, 2L), call("uniq", List.of(1, 2, 2)));
        assertEquals(BigInteger.valueOf(6), call("big", 5));
        assertNull(call("nothing"));
        assertEquals("Target.big() argument 'x': cannot convert 'five' (str) to java.math.BigInteger",
                typeError("big", List.of("five"), null));
    }

    @Test
    void exceptionsOfTheMethodComeOutUnwrapped() {
        IOException e = assertThrows(IOException.class, () -> call("failing"));
        assertEquals("disk gone", e.getMessage());
    }

    private static List<Byte> toList(byte[] b) {
        Byte[] boxed = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            boxed[i] = b[i];
        }
        return List.of(boxed);
    }
}
