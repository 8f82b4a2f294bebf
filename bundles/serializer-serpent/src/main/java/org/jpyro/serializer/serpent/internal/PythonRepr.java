package org.jpyro.serializer.serpent.internal;

/**
 * Python's {@code repr()} of {@code str} and {@code float} values, which is how serpent writes them: what
 * Python reads back is exactly the Java value, and common values come out byte for byte as CPython writes them.
 */
public final class PythonRepr {
    /** For ASCII characters in a str in single quotes: 0 = written as is, 1 = needs a backslash escape. */
    private static final byte[] ESCAPE_IN_SINGLE_QUOTES = new byte[128];
    /** The same for a str in double quotes (which Python only uses when the text has no double quote). */
    private static final byte[] ESCAPE_IN_DOUBLE_QUOTES = new byte[128];

    static {
        for (byte[] table : new byte[][] {ESCAPE_IN_SINGLE_QUOTES, ESCAPE_IN_DOUBLE_QUOTES}) {
            for (int c = 0; c < 0x20; c++) {
                table[c] = 1;
            }
            table['\\'] = 1;
            table[0x7f] = 1;
        }
        ESCAPE_IN_SINGLE_QUOTES['\''] = 1;
        ESCAPE_IN_DOUBLE_QUOTES['"'] = 1;
    }

    private PythonRepr() {
    }

    /**
     * Writes {@code repr(s)}: single quotes unless the text contains {@code '} and no {@code "}; backslash
     * escapes for the quote, backslash, {@code \t \n \r}, other control characters and every character
     * Python does not consider printable ({@code \xhh}, {@code \\uhhhh}, {@code \Uhhhhhhhh}); everything else
     * as UTF-8. Unpaired surrogates are escaped, so Python reads back the same (invalid) string.
     */
    public static void writeString(String s, SerpentOutput out) {
        char quote = '\'';
        if (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) {
            quote = '"';
        }
        out.pythonString(s, quote);
    }

    /** Which ASCII characters need an escape in a str quoted with this quote character. */
    static byte[] asciiEscapes(char quote) {
        return quote == '"' ? ESCAPE_IN_DOUBLE_QUOTES : ESCAPE_IN_SINGLE_QUOTES;
    }

    /**
     * Writes the character (or surrogate pair) at {@code i} that is not plain ASCII: escaped, or as UTF-8 when
     * printable. Returns the index of its last char.
     */
    static int writeSpecial(String s, int i, char quote, SerpentOutput out) {
        char c = s.charAt(i);
        if (c < 0x80) {
            switch (c) {
                case '\t': out.raw('\\'); out.raw('t'); break;
                case '\n': out.raw('\\'); out.raw('n'); break;
                case '\r': out.raw('\\'); out.raw('r'); break;
                case '\\': case '\'': case '"': out.raw('\\'); out.raw(c); break;
                default: out.escape('x', c, 2); break;
            }
            return i;
        }
        int cp = c;
        int last = i;
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            cp = Character.toCodePoint(c, s.charAt(i + 1));
            last = i + 1;
        }
        if (isPrintable(cp)) {
            out.codePoint(cp);
        } else if (cp <= 0xff) {
            out.escape('x', cp, 2);
        } else if (cp <= 0xffff) {
            out.escape('u', cp, 4);
        } else {
            out.escape('U', cp, 8);
        }
        return last;
    }

    /**
     * Python's {@code str.isprintable()} for one non-ASCII code point: false for the Unicode categories
     * Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs. (Java's Unicode tables may be a version behind Python's: a
     * character new to Python's version is then escaped, which Python still reads back identically.)
     */
    static boolean isPrintable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /**
     * Python's {@code repr(float)} for a finite double: the shortest digits that read back as the same
     * double (as far as {@link Double#toString} gives them: always exact, shortest from Java 19 on), in
     * fixed notation when the decimal exponent is in [-4, 16), else as {@code d.ddde+XX}.
     */
    public static String floatRepr(double d) {
        if (d == 0.0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        String s = Double.toString(d);
        int len = s.length();
        boolean negative = s.charAt(0) == '-';
        int e = s.indexOf('E');
        int mantissaEnd = e < 0 ? len : e;
        int exponent = e < 0 ? 0 : Integer.parseInt(s, e + 1, len, 10);
        // collect the significant digits and the position of the decimal point (value = 0.DIGITS * 10^point)
        char[] digits = new char[mantissaEnd];
        int n = 0;
        int point = 0;
        boolean seenDot = false;
        for (int i = negative ? 1 : 0; i < mantissaEnd; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                seenDot = true;
                continue;
            }
            if (n == 0 && c == '0') {
                if (seenDot) {
                    point--;
                }
                continue;
            }
            digits[n++] = c;
            if (!seenDot) {
                point++;
            }
        }
        while (n > 1 && digits[n - 1] == '0') {
            n--;
        }
        point += exponent;
        StringBuilder sb = new StringBuilder(n + 8);
        if (negative) {
            sb.append('-');
        }
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                sb.append("0.");
                for (int i = point; i < 0; i++) {
                    sb.append('0');
                }
                sb.append(digits, 0, n);
            } else if (point >= n) {
                sb.append(digits, 0, n);
                for (int i = n; i < point; i++) {
                    sb.append('0');
                }
                sb.append(".0");
            } else {
                sb.append(digits, 0, point).append('.').append(digits, point, n - point);
            }
        } else {
            sb.append(digits[0]);
            if (n > 1) {
                sb.append('.').append(digits, 1, n - 1);
            }
            int x = point - 1;
            sb.append(x < 0 ? "e-" : "e+");
            int ax = Math.abs(x);
            if (ax < 10) {
                sb.append('0');
            }
            sb.append(ax);
        }
        return sb.toString();
    }
}
