package org.jpyro.serializer.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random Python values in the form the json serializer decodes them to (lists as ArrayList, dicts with str keys
 * in insertion order, ints in the smallest type), so that a round trip must give back an equal value of the
 * same type.
 */
final class RandomValues {
    private final Random random;

    RandomValues(long seed) {
        this.random = new Random(seed);
    }

    Object value(int depth) {
        switch (random.nextInt(depth <= 0 ? 8 : 11)) {
            case 0: return null;
            case 1: return random.nextBoolean();
            case 2: return random.nextInt();
            case 3: return randomLong();
            case 4: return randomBig();
            case 5: return randomDouble();
            case 6: case 7: return randomString();
            case 8: case 9: return items(depth);
            default: return randomDict(depth);
        }
    }

    List<Object> items(int depth) {
        int n = random.nextInt(5);
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(value(depth - 1));
        }
        return items;
    }

    Map<String, Object> randomDict(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String key = randomString();
            if (!key.equals("__class__")) {
                map.put(key, value(depth - 1));
            }
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

    private static final String SPECIAL = "'\"\\/\b\f\t\n\r\u0000\u0001\u001b\u001f\u007f\u0085\u00a0\u00e9\u00ff"
            + "\u20ac\u2028\u200b\u4e2d\ue000\ufeff\ufffd";

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
