package org.jpyro.serializer.serpent.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.ClassDicts;

/**
 * Reads serpent text (the Python literal subset {@code ast.literal_eval} accepts) straight from UTF-8 bytes
 * into jpyro's value model, in one pass: None, bool, int (Integer/Long/BigInteger by size), float, complex,
 * str, bytes literals, tuple ({@link Tuple}), list, dict (insertion ordered), set; dicts with a
 * {@code __class__} key go through {@link ClassDicts#fromClassDict} (serpent's float dicts become doubles).
 *
 * <p>Why not the serpent library's {@code Parser} (checked with serpent 1.40): it loses dict order (it collects
 * dicts in a HashMap); it takes exponential time on dicts nested as keys ({@code {{{1:1}:1}:1}}: every level
 * is parsed as a set, then again as a dict; 22 levels, 64 bytes, take two minutes); it overflows the stack
 * on deep nesting; it fails on a tuple whose first string contains {@code j)}; it does not know {@code \U}
 * escapes; and it parses numbers by throwing exceptions (25 times slower than this class on small calls).
 *
 * <p>Limits, each a {@link SerializeException}: nesting deeper than {@value #MAX_DEPTH}, int literals longer
 * than {@value #MAX_INT_DIGITS} digits (Python's own limit), invalid UTF-8, NUL bytes, anything Python would
 * not read.
 */
public final class SerpentParser {
    /** Deepest nesting of tuples, lists, dicts and sets accepted: Python's own parser stops there too. */
    public static final int MAX_DEPTH = 200;
    /** Longest int literal accepted: CPython's default {@code sys.get_int_max_str_digits()}. */
    public static final int MAX_INT_DIGITS = 4300;

    private static final String CLASS = "__class__";

    /** Open container kinds. */
    private static final byte PAREN = 0;      // '(' and one value: a group or the first item of a tuple
    private static final byte TUPLE = 1;
    private static final byte LIST = 2;
    private static final byte BRACE = 3;      // '{' and one value: the first set element or dict key
    private static final byte SET = 4;
    private static final byte DICT_KEY = 5;   // a dict waiting for its next key
    private static final byte DICT_VALUE = 6; // a dict waiting for the value of its pending key
    private static final int KIND_MASK = 7;
    private static final int CLASS_DICT = 8;  // flag: a dict that has a __class__ key

    /** Marks "the container is still open" in {@link #afterItem} and {@link #afterEntry}. */
    private static final Object OPEN = new Object();

    private final byte[] in;
    private final int end;
    private int pos;
    /** Elements of the tuples and lists being parsed, innermost last. */
    private Object[] stack = new Object[8];
    private int top;
    /** Per open container f: [2f] = kind | CLASS_DICT flag, [2f+1] = its first item's index in stack. */
    private int[] frameInts = new int[8];
    /** Per open container f: [2f] = its set or dict, [2f+1] = the dict key waiting for its value. */
    private Object[] frameObjects = new Object[8];
    private StringBuilder scratch;

    private SerpentParser(byte[] in) {
        this.in = in;
        this.end = in.length;
    }

    /** Parses a complete serpent payload (optional comment lines, one value, optional whitespace). */
    public static Object parse(byte[] data) {
        if (data == null) {
            throw new SerializeException("no serpent data");
        }
        SerpentParser p = new SerpentParser(data);
        try {
            p.skipSpace();
            if (p.pos >= p.end) {
                throw p.error("no value");
            }
            Object value = p.value();
            p.skipSpace();
            if (p.pos < p.end) {
                throw p.error("unexpected data after the value");
            }
            return value;
        } catch (SerializeException | SecurityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("invalid serpent data at byte " + p.pos + ": " + e, e);
        }
    }

    private SerializeException error(String what) {
        return new SerializeException("invalid serpent data at byte " + pos + ": " + what);
    }

    private int peek() {
        return pos < end ? in[pos] & 0xff : -1;
    }

    /** Skips blanks, newlines, comments and backslash line continuations. */
    private void skipSpace() {
        while (pos < end) {
            byte b = in[pos];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f') {
                pos++;
            } else if (b == '#') {
                skipComment();
            } else if (b == '\\' && pos + 1 < end && in[pos + 1] == '\n') {
                pos += 2;
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        while (pos < end && in[pos] != '\n') {
            if (in[pos] < 0) {
                utf8CodePoint();
            } else if (in[pos] == 0) {
                throw error("NUL byte");
            } else {
                pos++;
            }
        }
    }

    // ------------------------------------------------------------- containers
    // Nested values are read with an explicit stack of open containers, not by recursion: no input can
    // overflow the thread's stack, whatever its size.

    /** One complete value, however deeply nested, starting at {@code pos} (after blanks). */
    @SuppressWarnings("fallthrough")
    private Object value() {
        int frames = 0;
        while (true) {
            Object v;
            int c = peek();
            if (c == '(' || c == '[' || c == '{') {
                if (frames == MAX_DEPTH) {
                    throw error("nested deeper than " + MAX_DEPTH + " levels");
                }
                pos++;
                skipSpace();
                int close = c == '(' ? ')' : c == '[' ? ']' : '}';
                if (peek() == close) {
                    pos++;
                    v = c == '(' ? Tuple.of() : c == '[' ? new ArrayList<>(0) : new LinkedHashMap<>(4);
                } else {
                    if (2 * frames == frameInts.length) {
                        growFrames();
                    }
                    frameInts[2 * frames] = c == '(' ? PAREN : c == '[' ? LIST : BRACE;
                    frameInts[2 * frames + 1] = top;
                    frames++;
                    if (c == '{') {
                        checkHashable();
                    }
                    continue;
                }
            } else {
                v = scalar(c);
            }
            // v is complete: hand it to the open containers, closing those that end here
            while (true) {
                if (frames == 0) {
                    return v;
                }
                int f = frames - 1;
                skipSpace();
                int next = peek();
                int kind = frameInts[2 * f] & KIND_MASK;
                switch (kind) {
                    case PAREN:
                        if (next == ')') {
                            pos++;
                            frames--;
                            continue; // parentheses around one value only group it
                        }
                        kind = TUPLE;
                        push(v);
                        v = afterItem(f, ')', "tuple");
                        break;
                    case TUPLE:
                    case LIST:
                        push(v);
                        v = afterItem(f, kind == TUPLE ? ')' : ']', kind == TUPLE ? "tuple" : "list");
                        break;
                    case BRACE:
                        if (next == ':') {
                            pos++;
                            frameObjects[2 * f] = new LinkedHashMap<>();
                            frameObjects[2 * f + 1] = v;
                            kind = DICT_VALUE;
                            skipSpace();
                            v = null;
                            break;
                        }
                        frameObjects[2 * f] = new LinkedHashSet<>();
                        kind = SET;
                        // fall through: v is the first element of a set
                    case SET:
                        @SuppressWarnings("unchecked")
                        Set<Object> set = (Set<Object>) frameObjects[2 * f];
                        set.add(v);
                        v = afterEntry(f, "set");
                        break;
                    case DICT_KEY:
                        if (next != ':') {
                            throw error(next < 0 ? "unexpected end of data, expected ':' in dict" : "expected ':' in dict");
                        }
                        pos++;
                        skipSpace();
                        frameObjects[2 * f + 1] = v;
                        kind = DICT_VALUE;
                        v = null;
                        break;
                    default: // DICT_VALUE
                        @SuppressWarnings("unchecked")
                        Map<Object, Object> map = (Map<Object, Object>) frameObjects[2 * f];
                        Object key = frameObjects[2 * f + 1];
                        if (CLASS.equals(key)) {
                            frameInts[2 * f] |= CLASS_DICT;
                        }
                        map.put(key, v);
                        frameObjects[2 * f + 1] = null;
                        kind = DICT_KEY;
                        v = afterEntry(f, "dict");
                        break;
                }
                frameInts[2 * f] = (frameInts[2 * f] & ~KIND_MASK) | kind;
                if (v == OPEN) {
                    break; // the container stays open: read its next item
                }
                if (kind == DICT_VALUE) {
                    break; // read the value of the key just read
                }
                frames--; // the container at f closed and became v
            }
        }
    }


    /** After a tuple or list item: the closed container, or {@link #OPEN} when more items follow. */
    private Object afterItem(int f, char close, String what) {
        skipSpace();
        if (peek() != close) {
            expectComma(close, what);
            skipSpace();
            if (peek() != close) {
                return OPEN;
            }
        }
        pos++;
        int base = frameInts[2 * f + 1];
        Object result;
        if (close == ')') {
            result = Tuple.wrap(Arrays.copyOfRange(stack, base, top));
        } else {
            ArrayList<Object> list = new ArrayList<>(top - base);
            for (int i = base; i < top; i++) {
                list.add(stack[i]);
            }
            result = list;
        }
        Arrays.fill(stack, base, top, null);
        top = base;
        return result;
    }

    /** After a set element or dict value: the closed set or dict, or {@link #OPEN} when more follow. */
    private Object afterEntry(int f, String what) {
        skipSpace();
        if (peek() != '}') {
            expectComma('}', what);
            skipSpace();
            if (peek() != '}') {
                checkHashable();
                return OPEN;
            }
        }
        pos++;
        Object container = frameObjects[2 * f];
        frameObjects[2 * f] = null;
        if ((frameInts[2 * f] & CLASS_DICT) != 0) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) container;
            return fromClassDict(map);
        }
        return container;
    }

    /** Dict keys and set elements must be hashable for Python: no lists, dicts or sets. */
    private void checkHashable() {
        int c = peek();
        if (c == '[' || c == '{') {
            throw error("unhashable dict key or set element");
        }
    }

    private void growFrames() {
        frameInts = Arrays.copyOf(frameInts, frameInts.length * 2);
        frameObjects = Arrays.copyOf(frameObjects, frameObjects.length * 2);
    }

    private void push(Object o) {
        if (top == stack.length) {
            stack = Arrays.copyOf(stack, top << 1);
        }
        stack[top++] = o;
    }

    /** A value that is not a container: None, True, False, a number, a str or a bytes literal. */
    private Object scalar(int c) {
        switch (c) {
            case '\'':
            case '"':
                return string(c);
            case 'N':
                keyword("None");
                return null;
            case 'T':
                keyword("True");
                return Boolean.TRUE;
            case 'F':
                keyword("False");
                return Boolean.FALSE;
            case 'b':
            case 'B':
                if (pos + 1 < end && (in[pos + 1] == '\'' || in[pos + 1] == '"')) {
                    pos++;
                    return bytesLiteral(in[pos]);
                }
                throw error("unexpected character 'b'");
            case 'u':
            case 'U':
                if (pos + 1 < end && (in[pos + 1] == '\'' || in[pos + 1] == '"')) {
                    pos++;
                    return string(in[pos]);
                }
                throw error("unexpected character 'u'");
            case -1:
                throw error("unexpected end of data");
            default:
                if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
                    return number();
                }
                throw error(c < 0x80 ? "unexpected character '" + (char) c + "'" : "unexpected byte " + c);
        }
    }

    private void keyword(String word) {
        int n = word.length();
        if (pos + n > end) {
            throw error("expected " + word);
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw error("expected " + word);
            }
        }
        if (pos + n < end && isNameByte(in[pos + n])) {
            throw error("expected " + word);
        }
        pos += n;
    }

    private static boolean isNameByte(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b < 0;
    }

    private Object fromClassDict(Map<Object, Object> map) {
        Object cls = map.get(CLASS);
        if ("float".equals(cls) && map.size() == 2 && map.get("value") instanceof String) {
            switch (((String) map.get("value")).toLowerCase(java.util.Locale.ROOT)) {
                case "nan": return Double.NaN;
                case "inf": case "+inf": case "infinity": return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                default: return map;
            }
        }
        try {
            return ClassDicts.fromClassDict(map);
        } catch (SerializeException | SecurityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("invalid " + cls + " class dict: " + e.getMessage(), e);
        }
    }

    private void expectComma(char close, String what) {
        if (peek() != ',') {
            String expected = "',' or '" + close + "' in " + what;
            throw error(pos >= end ? "unexpected end of data, expected " + expected : "expected " + expected);
        }
        pos++;
    }

    // ---------------------------------------------------------------- numbers

    /**
     * An int, float or imaginary literal with an optional sign, and Python's {@code real+imagj} /
     * {@code real-imagj} complex form.
     */
    private Object number() {
        boolean negative = false;
        int c = peek();
        if (c == '-' || c == '+') {
            negative = c == '-';
            pos++;
            skipSpace();
        }
        Object n = unsignedNumber(negative);
        if (n instanceof ComplexNumber) {
            return n;
        }
        int mark = pos;
        skipSpace();
        c = peek();
        if (c == '+' || c == '-') {
            pos++;
            skipSpace();
            boolean minus = c == '-';
            int s = peek();
            if (s == '-' || s == '+') {
                // tolerated: the serpent library's writers put "+-0.0j" for a negative zero imaginary part
                minus ^= s == '-';
                pos++;
            }
            Object imaginary = unsignedNumber(minus);
            if (!(imaginary instanceof ComplexNumber)) {
                throw error("expected the imaginary part of a complex number");
            }
            return new ComplexNumber(((Number) n).doubleValue(), ((ComplexNumber) imaginary).imaginary());
        }
        pos = mark;
        return n;
    }

    private Object unsignedNumber(boolean negative) {
        int start = pos;
        int intDigits = 0;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
            intDigits++;
        }
        boolean isFloat = false;
        int fracDigits = 0;
        if (pos < end && in[pos] == '.') {
            isFloat = true;
            pos++;
            while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            throw error("expected a number");
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            isFloat = true;
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            int expDigits = 0;
            while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
                expDigits++;
            }
            if (expDigits == 0) {
                throw error("expected exponent digits");
            }
        }
        boolean imaginary = pos < end && (in[pos] == 'j' || in[pos] == 'J');
        int stop = pos;
        if (imaginary) {
            pos++;
        }
        if (pos < end && isNameByte(in[pos])) {
            throw error("invalid number");
        }
        if (!isFloat && !imaginary) {
            return integer(start, stop, negative);
        }
        String text = new String(in, start, stop - start, StandardCharsets.ISO_8859_1);
        double d = Double.parseDouble(text);
        if (negative) {
            d = -d;
        }
        if (imaginary) {
            return new ComplexNumber(negative ? -0.0 : 0.0, d);
        }
        return d;
    }

    private Object integer(int start, int stop, boolean negative) {
        int digits = stop - start;
        if (digits > 1 && in[start] == '0') {
            for (int i = start; i < stop; i++) {
                if (in[i] != '0') {
                    throw error("leading zeros in a decimal int");
                }
            }
        }
        if (digits <= 18) {
            long v = 0;
            for (int i = start; i < stop; i++) {
                v = v * 10 + (in[i] - '0');
            }
            if (negative) {
                v = -v;
            }
            if (v == (int) v) {
                return (int) v;
            }
            return v;
        }
        if (digits > MAX_INT_DIGITS) {
            throw error("int literal longer than " + MAX_INT_DIGITS + " digits");
        }
        BigInteger big = new BigInteger(new String(in, start, digits, StandardCharsets.ISO_8859_1));
        if (negative) {
            big = big.negate();
        }
        if (big.bitLength() < 64) {
            long v = big.longValue();
            if (v == (int) v) {
                return (int) v;
            }
            return v;
        }
        return big;
    }

    // ---------------------------------------------------------------- strings

    /** A str literal: fast path for plain ASCII without escapes, else escapes and strict UTF-8. */
    private String string(int quote) {
        int start = ++pos;
        int i = start;
        while (i < end) {
            byte b = in[i];
            if (b == quote) {
                pos = i + 1;
                return new String(in, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20 || b == 0x7f) {
                break;
            }
            i++;
        }
        StringBuilder sb = scratch();
        sb.append(new String(in, start, i - start, StandardCharsets.ISO_8859_1));
        pos = i;
        while (true) {
            if (pos >= end) {
                throw error("unterminated string");
            }
            byte b = in[pos];
            if (b == quote) {
                pos++;
                return sb.toString();
            }
            if (b == '\\') {
                escape(sb, false);
            } else if (b < 0) {
                sb.appendCodePoint(utf8CodePoint());
            } else if (b == '\n' || b == '\r') {
                throw error("end of line in string");
            } else if (b == 0) {
                throw error("NUL byte");
            } else {
                sb.append((char) b);
                pos++;
            }
        }
    }

    private byte[] bytesLiteral(int quote) {
        pos++;
        StringBuilder sb = scratch();
        while (true) {
            if (pos >= end) {
                throw error("unterminated bytes");
            }
            byte b = in[pos];
            if (b == quote) {
                pos++;
                break;
            }
            if (b == '\\') {
                escape(sb, true);
            } else if (b < 0) {
                throw error("bytes can only contain ASCII characters");
            } else if (b == '\n' || b == '\r') {
                throw error("end of line in bytes");
            } else if (b == 0) {
                throw error("NUL byte");
            } else {
                sb.append((char) b);
                pos++;
            }
        }
        byte[] bytes = new byte[sb.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) sb.charAt(i);
        }
        return bytes;
    }

    private StringBuilder scratch() {
        if (scratch == null) {
            scratch = new StringBuilder(64);
        }
        scratch.setLength(0);
        return scratch;
    }

    /** One backslash escape at {@code pos}, appended to {@code sb}; for bytes only the bytes escapes. */
    private void escape(StringBuilder sb, boolean bytes) {
        pos++;
        if (pos >= end) {
            throw error("unterminated escape");
        }
        byte e = in[pos++];
        switch (e) {
            case '\n': return;
            case '\\': sb.append('\\'); return;
            case '\'': sb.append('\''); return;
            case '"': sb.append('"'); return;
            case 'a': sb.append('\u0007'); return;
            case 'b': sb.append('\b'); return;
            case 'f': sb.append('\f'); return;
            case 'n': sb.append('\n'); return;
            case 'r': sb.append('\r'); return;
            case 't': sb.append('\t'); return;
            case 'v': sb.append('\u000b'); return;
            case 'x': sb.append((char) hex(2)); return;
            default:
                break;
        }
        if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int k = 0; k < 2 && pos < end && in[pos] >= '0' && in[pos] <= '7'; k++) {
                v = v * 8 + (in[pos++] - '0');
            }
            if (bytes && v > 0xff) {
                throw error("octal escape out of range for bytes");
            }
            sb.append((char) v);
            return;
        }
        if (!bytes) {
            if (e == 'u') {
                sb.append((char) hex(4));
                return;
            }
            if (e == 'U') {
                int cp = hex(8);
                if (cp > Character.MAX_CODE_POINT) {
                    throw error("\\U escape out of range");
                }
                sb.appendCodePoint(cp);
                return;
            }
            if (e == 'N') {
                sb.appendCodePoint(namedCharacter());
                return;
            }
        }
        // an unknown escape keeps its backslash, as in Python
        sb.append('\\');
        pos--;
    }

    private int hex(int digits) {
        if (pos + digits > end) {
            throw error("truncated hex escape");
        }
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(in[pos++], 16);
            if (d < 0) {
                throw error("invalid hex escape");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private int namedCharacter() {
        if (peek() != '{') {
            throw error("malformed \\N escape");
        }
        int close = pos + 1;
        while (close < end && close - pos < 100 && in[close] != '}') {
            close++;
        }
        if (close >= end || in[close] != '}') {
            throw error("malformed \\N escape");
        }
        String name = new String(in, pos + 1, close - pos - 1, StandardCharsets.ISO_8859_1);
        pos = close + 1;
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException unknown) {
            throw error("unknown Unicode character name " + name);
        }
    }

    /** Decodes one multi-byte UTF-8 sequence at {@code pos}, strictly (no overlong forms, no surrogates). */
    private int utf8CodePoint() {
        int b0 = in[pos] & 0xff;
        int need;
        int cp;
        int min;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            need = 1;
            cp = b0 & 0x1f;
            min = 0x80;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            need = 2;
            cp = b0 & 0x0f;
            min = 0x800;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            need = 3;
            cp = b0 & 0x07;
            min = 0x10000;
        } else {
            throw error("invalid UTF-8");
        }
        if (pos + need >= end) {
            throw error("truncated UTF-8");
        }
        for (int k = 1; k <= need; k++) {
            int b = in[pos + k] & 0xff;
            if ((b & 0xc0) != 0x80) {
                throw error("invalid UTF-8");
            }
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp < min || cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw error("invalid UTF-8");
        }
        pos += need + 1;
        return cp;
    }
}
