package org.jpyro.serializer.pickle.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.UnpickleStack;
import net.razorvine.pickle.Unpickler;

import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;

/**
 * A whitelisting unpickler: a subclass of the pickle library's {@link Unpickler} that reads pickle protocols
 * 0-5 into jpyro's value model (tuples as {@link Tuple}, dicts as insertion-ordered maps, sets as
 * {@link LinkedHashSet}, bytes as {@code byte[]}, ints as the smallest of Integer/Long/BigInteger).
 *
 * <p>Safety: globals are resolved only through {@link PickleGlobals} (never the library's static registry, never a
 * Java class by name); PERSID, extension codes and out-of-band buffers are refused; every length is checked
 * against the bytes left before anything is allocated; int text is limited to 4300 digits (as Python);
 * dict keys must be hashable. After STOP one pass ({@link Resolver}) completes Pyro's objects, rejects anything
 * that is not a value (a class object, a stack mark), recursive structures and nesting deeper than
 * {@link #MAX_DEPTH}. Every failure is a {@link SerializeException} (or {@link org.jpyro.api.SecurityException}
 * for a forbidden class). One instance reads one pickle: not thread-safe, cheap to create.
 */
public final class PickleReader extends Unpickler {
    /** How deeply containers may nest in a decoded value. */
    public static final int MAX_DEPTH = 200;
    private static final int MAX_INT_DIGITS = 4300;

    private Input in;
    private Stack st;

    /** A reader for one pickle. */
    public PickleReader() {
    }

    /** Decodes one pickle into jpyro's value model. */
    public static Object read(byte[] data) {
        return new PickleReader().decode(data);
    }

    private Object decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw new SerializeException("empty pickle");
        }
        try {
            Object value = load(new Input(data));
            return new Resolver(MAX_DEPTH).resolve(value);
        } catch (SerializeException | org.jpyro.api.SecurityException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SerializeException("invalid pickle: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new SerializeException("pickle nested too deeply for this thread's stack", e);
        } finally {
            memo = null;
            stack = null;
            in = null;
            st = null;
        }
    }

    @Override
    public Object load(InputStream stream) throws IOException {
        in = (Input) stream;
        input = stream;
        st = new Stack();
        stack = st;
        memo = new HashMap<>();
        while (true) {
            int key = in.read();
            if (key < 0) {
                throw new SerializeException("truncated pickle: no STOP opcode");
            }
            Object value = dispatch((short) key);
            if (value != NO_RETURN_VALUE) {
                return value;
            }
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.STOP: {
                Object value = pop();
                if (in.remaining() != 0) {
                    throw new SerializeException("trailing data after the pickle's STOP opcode");
                }
                return value;
            }
            case Opcodes.PROTO: {
                int proto = in.u8();
                if (proto > 5) {
                    throw new SerializeException("unsupported pickle protocol " + proto);
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.FRAME:
                in.need(8);
                in.skip8();
                return NO_RETURN_VALUE;
            case Opcodes.INT:
                push(parseIntLine(in.line(), true));
                return NO_RETURN_VALUE;
            case Opcodes.LONG: {
                String s = in.line();
                push(parseIntLine(s.endsWith("L") ? s.substring(0, s.length() - 1) : s, false));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BININT1:
                push(in.u8());
                return NO_RETURN_VALUE;
            case Opcodes.BININT2:
                push(in.u8() | (in.u8() << 8));
                return NO_RETURN_VALUE;
            case Opcodes.BININT:
                push(in.i32());
                return NO_RETURN_VALUE;
            case Opcodes.LONG1:
                push(longBytes(in.u8()));
                return NO_RETURN_VALUE;
            case Opcodes.LONG4:
                push(longBytes(in.length32()));
                return NO_RETURN_VALUE;
            case Opcodes.FLOAT:
                push(parseFloat(in.line()));
                return NO_RETURN_VALUE;
            case Opcodes.BINFLOAT:
                in.need(8);
                push(Double.longBitsToDouble(in.i64BigEndian()));
                return NO_RETURN_VALUE;
            case Opcodes.NONE:
                push(null);
                return NO_RETURN_VALUE;
            case Opcodes.NEWTRUE:
                push(Boolean.TRUE);
                return NO_RETURN_VALUE;
            case Opcodes.NEWFALSE:
                push(Boolean.FALSE);
                return NO_RETURN_VALUE;
            case Opcodes.SHORT_BINUNICODE:
                push(in.utf8(in.u8()));
                return NO_RETURN_VALUE;
            case Opcodes.BINUNICODE:
                push(in.utf8(in.length32()));
                return NO_RETURN_VALUE;
            case Opcodes.BINUNICODE8:
                push(in.utf8(in.length64()));
                return NO_RETURN_VALUE;
            case Opcodes.SHORT_BINSTRING:
                push(in.latin1(in.u8()));
                return NO_RETURN_VALUE;
            case Opcodes.BINSTRING:
                push(in.latin1(in.length32()));
                return NO_RETURN_VALUE;
            case Opcodes.SHORT_BINBYTES:
                push(in.bytes(in.u8()));
                return NO_RETURN_VALUE;
            case Opcodes.BINBYTES:
                push(in.bytes(in.length32()));
                return NO_RETURN_VALUE;
            case Opcodes.BINBYTES8:
            case Opcodes.BYTEARRAY8:
                push(in.bytes(in.length64()));
                return NO_RETURN_VALUE;
            case Opcodes.EMPTY_TUPLE:
                push(Tuple.of());
                return NO_RETURN_VALUE;
            case Opcodes.TUPLE1:
                push(Tuple.wrap(new Object[] {pop()}));
                return NO_RETURN_VALUE;
            case Opcodes.TUPLE2: {
                Object b = pop();
                Object a = pop();
                push(Tuple.wrap(new Object[] {a, b}));
                return NO_RETURN_VALUE;
            }
            case Opcodes.TUPLE3: {
                Object c = pop();
                Object b = pop();
                Object a = pop();
                push(Tuple.wrap(new Object[] {a, b, c}));
                return NO_RETURN_VALUE;
            }
            case Opcodes.TUPLE:
                push(Tuple.copyOf(popMark()));
                return NO_RETURN_VALUE;
            case Opcodes.EMPTY_LIST:
                push(new ArrayList<>());
                return NO_RETURN_VALUE;
            case Opcodes.LIST:
                push(new ArrayList<>(popMark()));
                return NO_RETURN_VALUE;
            case Opcodes.APPEND: {
                Object value = pop();
                list(peek()).add(value);
                return NO_RETURN_VALUE;
            }
            case Opcodes.APPENDS: {
                List<Object> items = popMark();
                list(peek()).addAll(items);
                return NO_RETURN_VALUE;
            }
            case Opcodes.EMPTY_DICT:
                push(new LinkedHashMap<>());
                return NO_RETURN_VALUE;
            case Opcodes.DICT: {
                Map<Object, Object> map = new LinkedHashMap<>();
                putPairs(map, popMark());
                push(map);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEM: {
                Object value = pop();
                Object k = pop();
                dict(peek()).put(Hashing.requireHashable(k), value);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS: {
                List<Object> pairs = popMark();
                putPairs(dict(peek()), pairs);
                return NO_RETURN_VALUE;
            }
            case Opcodes.EMPTY_SET:
                push(new LinkedHashSet<>());
                return NO_RETURN_VALUE;
            case Opcodes.ADDITEMS: {
                List<Object> items = popMark();
                Object top = peek();
                if (!(top instanceof LinkedHashSet) || top instanceof FrozenSet) {
                    throw new SerializeException("ADDITEMS on " + Hashing.describe(top));
                }
                @SuppressWarnings("unchecked")
                Set<Object> set = (Set<Object>) top;
                for (Object o : items) {
                    set.add(Hashing.requireHashable(o));
                }
                return NO_RETURN_VALUE;
            }
            case Opcodes.FROZENSET: {
                FrozenSet set = new FrozenSet();
                for (Object o : popMark()) {
                    set.add(Hashing.requireHashable(o));
                }
                push(set);
                return NO_RETURN_VALUE;
            }
            case Opcodes.GLOBAL: {
                String module = in.line();
                String name = in.line();
                push(PickleGlobals.lookup(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL: {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String) || !(name instanceof String)) {
                    throw new SerializeException("STACK_GLOBAL needs two str");
                }
                push(PickleGlobals.lookup((String) module, (String) name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.REDUCE: {
                Object args = pop();
                Object callable = pop();
                push(PythonObjects.call(global(callable), tuple(args)));
                return NO_RETURN_VALUE;
            }
            case Opcodes.NEWOBJ: {
                Object args = pop();
                Object cls = pop();
                push(PythonObjects.newObject(global(cls), tuple(args)));
                return NO_RETURN_VALUE;
            }
            case Opcodes.NEWOBJ_EX: {
                Object kwargs = pop();
                Object args = pop();
                Object cls = pop();
                if (!(kwargs instanceof Map) || !((Map<?, ?>) kwargs).isEmpty()) {
                    throw new SerializeException("NEWOBJ_EX with keyword arguments is not supported");
                }
                push(PythonObjects.newObject(global(cls), tuple(args)));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST: {
                PyGlobal g = PickleGlobals.lookup(in.line(), in.line());
                push(PythonObjects.call(g, popMark()));
                return NO_RETURN_VALUE;
            }
            case Opcodes.OBJ: {
                List<Object> items = popMark();
                if (items.isEmpty()) {
                    throw new SerializeException("OBJ without a class");
                }
                push(PythonObjects.call(global(items.get(0)), items.subList(1, items.size())));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD: {
                Object state = pop();
                PythonObjects.build(peek(), state);
                return NO_RETURN_VALUE;
            }
            case Opcodes.PERSID:
            case Opcodes.BINPERSID:
                throw new SerializeException("persistent ids are not supported");
            case Opcodes.EXT1:
            case Opcodes.EXT2:
            case Opcodes.EXT4:
                throw new SerializeException("extension codes are not supported");
            case Opcodes.NEXT_BUFFER:
            case Opcodes.READONLY_BUFFER:
                throw new SerializeException("out-of-band buffers are not supported");
            case Opcodes.MARK:
            case Opcodes.POP:
            case Opcodes.POP_MARK:
            case Opcodes.DUP:
            case Opcodes.GET:
            case Opcodes.BINGET:
            case Opcodes.LONG_BINGET:
            case Opcodes.PUT:
            case Opcodes.BINPUT:
            case Opcodes.LONG_BINPUT:
            case Opcodes.MEMOIZE:
            case Opcodes.STRING:
            case Opcodes.UNICODE:
                if (key == Opcodes.BINGET || key == Opcodes.BINPUT) {
                    in.need(1);
                } else if (key == Opcodes.LONG_BINGET || key == Opcodes.LONG_BINPUT) {
                    in.need(4);
                } else if (key == Opcodes.POP_MARK && !st.hasMark()) {
                    throw new SerializeException("POP_MARK without MARK");
                } else if ((key == Opcodes.BINPUT || key == Opcodes.PUT || key == Opcodes.MEMOIZE
                        || key == Opcodes.DUP || key == Opcodes.POP) && st.size() == 0) {
                    throw new SerializeException("stack underflow");
                }
                // stack marks, the memo, protocol 0 strings: the library's own implementation
                return super.dispatch(key);
            default:
                throw new SerializeException("invalid or unsupported pickle opcode 0x" + Integer.toHexString(key));
        }
    }

    private void push(Object o) {
        st.add(o);
    }

    private Object pop() {
        if (st.size() == 0) {
            throw new SerializeException("stack underflow");
        }
        Object o = st.pop();
        if (st.isMark(o)) {
            throw new SerializeException("unexpected MARK on the stack");
        }
        return o;
    }

    private Object peek() {
        if (st.size() == 0) {
            throw new SerializeException("stack underflow");
        }
        Object o = st.peek();
        if (st.isMark(o)) {
            throw new SerializeException("unexpected MARK on the stack");
        }
        return o;
    }

    private List<Object> popMark() {
        if (!st.hasMark()) {
            throw new SerializeException("missing MARK");
        }
        return st.pop_all_since_marker();
    }

    private static PyGlobal global(Object o) {
        if (o instanceof PyGlobal) {
            return (PyGlobal) o;
        }
        throw new SerializeException("only whitelisted classes can be called, not " + Hashing.describe(o));
    }

    private static List<Object> tuple(Object o) {
        if (o instanceof Tuple) {
            return (Tuple) o;
        }
        throw new SerializeException("call arguments must be a tuple, got " + Hashing.describe(o));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (o instanceof ArrayList) {
            return (List<Object>) o;
        }
        throw new SerializeException("APPEND on " + Hashing.describe(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        if (o instanceof LinkedHashMap) {
            return (Map<Object, Object>) o;
        }
        throw new SerializeException("SETITEM on " + Hashing.describe(o));
    }

    private static void putPairs(Map<Object, Object> map, List<Object> pairs) {
        if (pairs.size() % 2 != 0) {
            throw new SerializeException("odd number of items for a dict");
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            map.put(Hashing.requireHashable(pairs.get(i)), pairs.get(i + 1));
        }
    }

    private Object longBytes(int n) {
        byte[] le = in.bytes(n);
        if (n == 0) {
            return 0;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        return Hashing.smallest(new BigInteger(be));
    }

    private static Object parseIntLine(String s, boolean boolForms) {
        if (boolForms && s.equals("00")) {
            return Boolean.FALSE;
        }
        if (boolForms && s.equals("01")) {
            return Boolean.TRUE;
        }
        String digits = s.strip();
        if (digits.length() > MAX_INT_DIGITS) {
            throw new SerializeException("int literal longer than " + MAX_INT_DIGITS + " digits");
        }
        try {
            return Hashing.smallest(new BigInteger(digits));
        } catch (NumberFormatException e) {
            throw new SerializeException("invalid int literal in pickle", e);
        }
    }

    private static Double parseFloat(String s) {
        String t = s.strip();
        switch (t) {
            case "nan":
            case "-nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (t.length() > 400 || t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1))
                        && t.charAt(t.length() - 1) != '.') {
                    throw new SerializeException("invalid float literal in pickle");
                }
                try {
                    return Double.valueOf(t);
                } catch (NumberFormatException e) {
                    throw new SerializeException("invalid float literal in pickle", e);
                }
        }
    }

    /** The unpickling stack, telling stack marks apart. */
    private static final class Stack extends UnpickleStack {
        private static final long serialVersionUID = 1L;
        private int marks;

        boolean isMark(Object o) {
            return o == MARKER;
        }

        boolean hasMark() {
            return marks > 0;
        }

        @Override
        public void add_mark() {
            marks++;
            super.add_mark();
        }

        @Override
        public Object pop() {
            Object o = super.pop();
            if (o == MARKER) {
                marks--;
            }
            return o;
        }
    }

    /**
     * The pickle bytes, read without copies; every length is checked against what is left before anything is
     * allocated.
     */
    private static final class Input extends InputStream {
        private final byte[] data;
        private int pos;

        Input(byte[] data) {
            this.data = data;
        }

        int remaining() {
            return data.length - pos;
        }

        void need(int n) {
            if (n < 0 || n > data.length - pos) {
                throw new SerializeException("truncated pickle: " + n + " bytes needed, " + (data.length - pos)
                        + " left");
            }
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(len, data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return data.length - pos;
        }

        int u8() {
            need(1);
            return data[pos++] & 0xff;
        }

        int i32() {
            need(4);
            int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16
                    | (data[pos + 3] & 0xff) << 24;
            pos += 4;
            return v;
        }

        long i64BigEndian() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (data[pos + i] & 0xff);
            }
            pos += 8;
            return v;
        }

        void skip8() {
            pos += 8;
        }

        int length32() {
            int n = i32();
            need(n);
            return n;
        }

        int length64() {
            need(8);
            long n = 0;
            for (int i = 7; i >= 0; i--) {
                n = (n << 8) | (data[pos + i] & 0xff);
            }
            pos += 8;
            if (n < 0 || n > data.length - pos) {
                throw new SerializeException("truncated pickle: " + n + " bytes needed, " + (data.length - pos)
                        + " left");
            }
            return (int) n;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] b = new byte[n];
            System.arraycopy(data, pos, b, 0, n);
            pos += n;
            return b;
        }

        String utf8(int n) {
            need(n);
            String s = new String(data, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        String latin1(int n) {
            need(n);
            String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
            pos += n;
            return s;
        }

        /** A text line without its newline (protocol 0 arguments). */
        String line() {
            int start = pos;
            while (pos < data.length && data[pos] != '\n') {
                pos++;
            }
            if (pos >= data.length) {
                throw new SerializeException("truncated pickle: unterminated line");
            }
            String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
            pos++;
            return s;
        }
    }
}
