package org.jpyro.serializer.marshal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.ClassDicts;

/** Python's {@code repr()} of a decoded value, to compare with the vectors' {@code value_repr}. */
final class PyRepr {
    private PyRepr() {
    }

    static String repr(Object v, ProtocolVersion version) {
        StringBuilder sb = new StringBuilder();
        append(sb, v, version);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object v, ProtocolVersion version) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "True" : "False");
        } else if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Double) {
            sb.append(floatRepr((Double) v));
        } else if (v instanceof ComplexNumber) {
            ComplexNumber c = (ComplexNumber) v;
            String im = complexPart(c.imaginary());
            if (c.real() == 0 && 1 / c.real() > 0) {
                sb.append(im).append('j');
            } else {
                sb.append('(').append(complexPart(c.real()));
                sb.append(im.startsWith("-") ? "" : "+").append(im).append("j)");
            }
        } else if (v instanceof String) {
            sb.append(strRepr((String) v));
        } else if (v instanceof byte[]) {
            sb.append(bytesRepr((byte[]) v));
        } else if (v instanceof Tuple) {
            List<?> t = (List<?>) v;
            sb.append('(');
            items(sb, t, version);
            sb.append(t.size() == 1 ? ",)" : ")");
        } else if (v instanceof List) {
            sb.append('[');
            items(sb, (List<?>) v, version);
            sb.append(']');
        } else if (v instanceof Set) {
            if (((Set<?>) v).isEmpty()) {
                sb.append("set()");
            } else {
                sb.append('{');
                items(sb, (Collection<?>) v, version);
                sb.append('}');
            }
        } else if (v instanceof Map) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                append(sb, e.getKey(), version);
                sb.append(": ");
                append(sb, e.getValue(), version);
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else {
            Map<String, Object> dict = ClassDicts.toClassDict(v, version);
            if (dict == null) {
                throw new IllegalArgumentException("no repr for " + v.getClass());
            }
            if (v instanceof PyroURI || dict.containsKey("state")) {
                append(sb, dict, version);
            } else {
                sb.append("<exception ").append(dict.get(ClassDicts.CLASS)).append(">");
            }
        }
    }

    private static void items(StringBuilder sb, Collection<?> items, ProtocolVersion version) {
        Iterator<?> it = items.iterator();
        while (it.hasNext()) {
            append(sb, it.next(), version);
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
    }

    private static String complexPart(double d) {
        String s = floatRepr(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Python's float repr: shortest digits, fixed notation for exponents -4..15, else d.ddde+XX. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String sign = (d < 0 || (d == 0 && 1 / d < 0)) ? "-" : "";
        if (d == 0) {
            return sign + "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int point = digits.length() - bd.scale();
        int exp = point - 1;
        StringBuilder sb = new StringBuilder(sign);
        if (exp < -4 || exp >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            sb.append(a < 10 ? "0" : "").append(a);
        } else if (point <= 0) {
            sb.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            sb.append(digits).append("0".repeat(point - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return sb.toString();
    }

    static String strRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        s.codePoints().forEach(c -> {
            if (c == quote || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append(quote).toString();
    }

    static String bytesRepr(byte[] b) {
        boolean single = false;
        boolean dbl = false;
        for (byte x : b) {
            single |= x == '\'';
            dbl |= x == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(quote);
        for (byte x : b) {
            int c = x & 0xFF;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }
}
