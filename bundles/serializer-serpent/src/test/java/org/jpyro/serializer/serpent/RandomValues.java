package org.jpyro.serializer.serpent;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.Tuple;

/**
 * Random Python values in their canonical jpyro form (the Java type the serializer decodes them to), so that
 * a round trip must give back an equal value of the same type.
 */
final class RandomValues {
    private final Random random;
    /** Only values that survive Python's literal_eval unchanged (no signed zeros in complex numbers). */
    private final boolean pythonSafe;

    RandomValues(long seed, boolean pythonSafe) {
        this.random = new Random(seed);
        this.pythonSafe = pythonSafe;
    }

    Object value(int depth) {
        int kind = random.nextInt(depth <= 0 ? 9 : 14);
        switch (kind) {
            case 0: return null;
            case 1: return random.nextBoolean();
            case 2: return random.nextInt();
            case 3: return randomLong();
            case 4: return randomBig();
            case 5: return randomDouble();
            case 6: case 7: return randomString();
            case 8: return randomComplex();
            case 9: return Tuple.copyOf(items(depth));
            case 10: return items(depth);
            case 11: return randomSet();
            default: return randomDict(depth);
        }
    }

    private List<Object> items(int depth) {
        int n = random.nextInt(5);
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(value(depth - 1));
        }
        return items;
    }

    private Object key() {
        switch (random.nextInt(3)) {
            case 0: return random.nextInt(100);
            case 1: return randomString();
            default: return Tuple.of(random.nextInt(10), randomString());
        }
    }

    private Set<Object> randomSet() {
        Set<Object> set = new LinkedHashSet<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            set.add(key());
        }
        return set;
    }

    private Map<Object, Object> randomDict(int depth) {
        Map<Object, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            map.put(key(), value(depth - 1));
        }
        return map;
    }

    private long randomLong() {
        long v = random.nextLong();
        return v == (int) v ? v + (1L << 40) : v;
    }

    private BigInteger randomBig() {
        BigInteger b = new BigInteger(64 + random.nextInt(400), random).add(BigInteger.ONE.shiftLeft(63));
        return random.nextBoolean() ? b : b.negate().subtract(BigInteger.ONE);
    }

    private double randomDouble() {
        switch (random.nextInt(8)) {
            case 0: return Double.NaN;
            case 1: return random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2: return random.nextBoolean() ? 0.0 : -0.0;
            case 3: return random.nextInt(1000) / 8.0;
            case 4: return random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            default:
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (Double.isNaN(d) || Double.isInfinite(d));
                return d;
        }
    }

    private ComplexNumber randomComplex() {
        double re;
        double im;
        do {
            re = randomDouble();
            im = randomDouble();
        } while (Double.isNaN(re) || Double.isNaN(im) || (pythonSafe && (re == 0 || im == 0)));
        return new ComplexNumber(re, im);
    }

    private static final String SPECIAL = "'\"\\\t\n\r\u0000\u0001\u001f\u007f\u0085\u00a0\u00ad\u00e9\u00ff"
            + "\u20ac\u2028\u200b\u3000\u4e2d\ue000\ufeff\ufffd";

    String randomString() {
        int n = random.nextInt(12);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0: case 1: sb.append((char) (0x20 + random.nextInt(0x5f))); break;
                case 2: sb.append(SPECIAL.charAt(random.nextInt(SPECIAL.length()))); break;
                case 3: sb.appendCodePoint(0x10000 + random.nextInt(0x100000)); break;
                case 4: sb.append((char) (0xd800 + random.nextInt(0x800))); break; // often unpaired
                default: sb.append((char) random.nextInt(0x10000)); break;
            }
        }
        return sb.toString();
    }
}
