package org.jpyro.serializer.json.internal;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Python's {@code repr(float)}, which is what {@code json.dumps} writes for a finite float: the shortest digits
 * that read back as the same double, in fixed notation when the decimal point falls within 16 places of the
 * digits ({@code 1000000000000000.0}, {@code 0.0001}), else in scientific notation with a signed exponent of at
 * least two digits ({@code 1e+16}, {@code 1.5e-10}). Non-finite values are written as Python's json writes them.
 */
public final class PythonFloat {
    private PythonFloat() {
    }

    /** The JSON text Python writes for this float: {@code NaN}, {@code Infinity}, {@code -Infinity} or its repr. */
    public static String json(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return repr(d);
    }

    /** {@code repr(d)} for a finite double. */
    public static String repr(double d) {
        if (d == 0.0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        // Jackson's Schubfach writer gives the shortest round-tripping digits (Java 17's Double.toString may not)
        String s = NumberOutput.toString(d, true);
        int end = s.indexOf('E');
        int exponent = 0;
        if (end < 0) {
            end = s.length();
        } else {
            exponent = Integer.parseInt(s, end + 1, s.length(), 10);
        }
        boolean negative = s.charAt(0) == '-';
        // significant digits without leading/trailing zeros; value = 0.DIGITS x 10^point
        char[] digits = new char[end];
        int count = 0;
        int point = 0;
        boolean afterDot = false;
        for (int i = negative ? 1 : 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                afterDot = true;
            } else if (count == 0 && c == '0') {
                if (afterDot) {
                    point--;
                }
            } else {
                digits[count++] = c;
                if (!afterDot) {
                    point++;
                }
            }
        }
        while (count > 1 && digits[count - 1] == '0') {
            count--;
        }
        point += exponent;
        if (count == 2 && Math.abs(d) < Double.MIN_NORMAL) {
            // Java's shortest digits have at least two; among tiny subnormals one digit can be enough (5e-324)
            int shorter = oneDigit(d, digits, point);
            if (shorter != 0) {
                count = 1;
                point = shorter;
            }
        }
        StringBuilder out = new StringBuilder(count + 8);
        if (negative) {
            out.append('-');
        }
        if (point > -4 && point <= 16) {
            fixed(digits, count, point, out);
        } else {
            scientific(digits, count, point - 1, out);
        }
        return out.toString();
    }

    /**
     * Whether one digit reads back as {@code d}: then that digit is left in {@code digits[0]} and the (possibly
     * moved) decimal point returned; else 0 (a subnormal's point is never 0).
     */
    private static int oneDigit(double d, char[] digits, int point) {
        double magnitude = Math.abs(d);
        int first = digits[0] - '0';
        int best = 0;
        BigDecimal bestError = null;
        for (int candidate = first; candidate <= first + 1; candidate++) {
            int digit = candidate == 10 ? 1 : candidate;
            int p = candidate == 10 ? point + 1 : point;
            BigDecimal value = BigDecimal.valueOf(digit).scaleByPowerOfTen(p - 1);
            if (digit != 0 && value.doubleValue() == magnitude) {
                BigDecimal error = value.subtract(new BigDecimal(magnitude)).abs();
                if (bestError == null || error.compareTo(bestError) < 0) {
                    bestError = error;
                    best = p;
                    digits[0] = (char) ('0' + digit);
                }
            }
        }
        return best;
    }

    private static void fixed(char[] digits, int count, int point, StringBuilder out) {
        if (point <= 0) {
            out.append("0.");
            for (int i = point; i < 0; i++) {
                out.append('0');
            }
            out.append(digits, 0, count);
        } else if (point >= count) {
            out.append(digits, 0, count);
            for (int i = count; i < point; i++) {
                out.append('0');
            }
            out.append(".0");
        } else {
            out.append(digits, 0, point).append('.').append(digits, point, count - point);
        }
    }

    private static void scientific(char[] digits, int count, int exponent, StringBuilder out) {
        out.append(digits[0]);
        if (count > 1) {
            out.append('.').append(digits, 1, count - 1);
        }
        out.append(exponent < 0 ? "e-" : "e+");
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        out.append(magnitude);
    }
}
