package org.jpyro.serializer.marshal;

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
 * Random Python values in their canonical jpyro form (the Java type the reader gives back), so a round trip
 * must give an equal value of the same type. Some values are reused, so the writer emits back-references.
 */
final class RandomValues {
    private final Random random;
    private final List<Object> shared = new ArrayList<>();

    RandomValues(long seed) {
        this.random = new Random(seed);
    }

    Object value(int depth) {
        if (!shared.isEmpty() && random.nextInt(10) == 0) {
            return shared.get(random.nextInt(shared.size()));
        }
        Object v = fresh(depth);
        if (random.nextInt(8) == 0) {
            shared.add(v);
        }
        return v;
    }

    private Object fresh(int depth) {
        int kind = random.nextInt(depth <= 0 ? 10 : 15);
        switch (kind) {
            case 0: return null;
            case 1: return random.nextBoolean();
            case 2: return random.nextInt(600) - 300;
            case 3: return random.nextInt();
            case 4: return randomLong();
            case 5: return randomBig();
            case 6: return randomDouble();
            case 7: case 8: return randomString();
            case 9: return random.nextBoolean() ? randomBytes() : new ComplexNumber(randomDouble(), randomDouble());
            case 10: return Tuple.copyOf(items(depth));
            case 11: return items(depth);
            case 12: return randomSet();
            default: return randomDict(depth);
        }
    }

    private List<Object> items(int depth) {
        int n = random.nextInt(40) == 0 ? 256 + random.nextInt(10) : random.nextInt(5);
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(value(depth - 1));
        }
        return items;
    }

    private Object key() {
        switch (random.nextInt(4)) {
            case 0: return random.nextInt(1000) - 500;
            case 1: return randomString();
            case 2: return randomDouble();
            default: return Tuple.of(random.nextInt(10), randomString());
        }
    }

    private Set<Object> randomSet() {
        Set<Object> set = new LinkedHashSet<>();
        int n = random.nextInt(5);
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

    private Object randomLong() {
        long v;
        do {
            v = random.nextLong();
        } while (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE);
        return v;
    }

    private BigInteger randomBig() {
        BigInteger v = new BigInteger(64 + random.nextInt(400), random).setBit(64);
        return random.nextBoolean() ? v.negate() : v;
    }

    private double randomDouble() {
        switch (random.nextInt(8)) {
            case 0: return Double.NaN;
            case 1: return random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2: return -0.0;
            case 3: return Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            default: return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        }
    }

    private byte[] randomBytes() {
        byte[] b = new byte[random.nextInt(300) < 10 ? 300 : random.nextInt(12)];
        random.nextBytes(b);
        return b;
    }

    String randomString() {
        int n = random.nextInt(30) == 0 ? 250 + random.nextInt(20) : random.nextInt(12);
        StringBuilder sb = new StringBuilder(n);
        int kind = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case 0: sb.append("abcXYZ_019".charAt(random.nextInt(10))); break;
                case 1: sb.append((char) random.nextInt(128)); break;
                case 2: sb.append((char) (0x80 + random.nextInt(0x3000))); break;
                case 3: sb.appendCodePoint(0x10000 + random.nextInt(0xFFFFF)); break;
                default: sb.append(random.nextInt(20) == 0 ? '\udc00' : (char) ('a' + random.nextInt(26))); break;
            }
        }
        return sb.toString();
    }
}
