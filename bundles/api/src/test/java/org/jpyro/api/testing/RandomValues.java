package org.jpyro.api.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.Tuple;

/**
 * Random Python values (fixed seed) in their canonical jpyro form, the Java type a serializer decodes them to,
 * so a round trip must give back an equal value of the same type. Without features the values are what json
 * carries: None, bool, int (Integer, Long or BigInteger, whichever is smallest), float (NaN, infinities and
 * signed zeros included), str (control characters, astral and unpaired surrogate code units included), list,
 * and dict with str keys. {@link Feature}s add what a serializer can carry beyond that; a serializer that
 * carries every Python type jpyro knows uses {@code EnumSet.allOf(Feature.class)}.
 */
public final class RandomValues {
    /** What the values may contain beyond json's types. */
    public enum Feature {
        /** Tuples, non-empty sets, complex numbers (no NaN parts), and int, str and tuple dict keys. */
        PYTHON_TYPES,
        /** Complex numbers with a zero part (Python's {@code literal_eval} loses the sign of a zero part). */
        ZERO_COMPLEX_PARTS,
        /** Empty sets (serpent has no literal for them). */
        EMPTY_SETS,
        /** {@code byte[]} values. */
        BYTES,
        /** Float dict keys and set items. */
        FLOAT_KEYS,
        /** Now and then a value made earlier, again, so writers with references emit them. */
        SHARED_VALUES,
        /** Now and then a list of 256+ items or a str of 250+ chars (past one-byte length encodings). */
        LONG_SEQUENCES
    }

    private static final String SPECIAL = "'\"\\/\b\f\t\n\r\u0000\u0001\u001b\u001f\u007f\u0085\u00a0\u00ad\u00e9"
            + "\u00ff\u20ac\u2028\u200b\u3000\u4e2d\ue000\ufeff\ufffd";
    private static final String IDENTIFIER = "abcXYZ_019";

    private final Random random;
    private final Set<Feature> features;
    private final List<Object> made = new ArrayList<>();

    /** Values of json's types only. */
    public RandomValues(long seed) {
        this(seed, EnumSet.noneOf(Feature.class));
    }

    public RandomValues(long seed, Set<Feature> features) {
        this.random = new Random(seed);
        this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
    }

    private boolean has(Feature feature) {
        return features.contains(feature);
    }

    /** A random value nested at most {@code depth} levels deep. */
    public Object value(int depth) {
        if (has(Feature.SHARED_VALUES)) {
            if (!made.isEmpty() && random.nextInt(10) == 0) {
                return made.get(random.nextInt(made.size()));
            }
            Object v = fresh(depth);
            if (random.nextInt(8) == 0) {
                made.add(v);
            }
            return v;
        }
        return fresh(depth);
    }

    private Object fresh(int depth) {
        boolean python = has(Feature.PYTHON_TYPES);
        while (true) {
            switch (random.nextInt(depth <= 0 ? 10 : 15)) {
                case 0: return null;
                case 1: return random.nextBoolean();
                case 2: return random.nextBoolean() ? random.nextInt(600) - 300 : random.nextInt();
                case 3: return randomLong();
                case 4: return randomBig();
                case 5: return randomDouble();
                case 6: case 7: return string();
                case 8:
                    if (python) {
                        return randomComplex();
                    }
                    break;
                case 9:
                    if (has(Feature.BYTES)) {
                        return randomBytes();
                    }
                    break;
                case 10: return python ? Tuple.copyOf(list(depth)) : list(depth);
                case 11: return list(depth);
                case 12:
                    if (python) {
                        return randomSet();
                    }
                    break;
                default: return python ? randomDict(depth) : strDict(depth);
            }
        }
    }

    /** A list of random values nested at most {@code depth} levels deep (counting the list). */
    public List<Object> list(int depth) {
        int n = has(Feature.LONG_SEQUENCES) && random.nextInt(40) == 0 ? 256 + random.nextInt(10) : random.nextInt(5);
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(value(depth - 1));
        }
        return items;
    }

    /** A dict with str keys (never {@code __class__}) and random values, like keyword arguments. */
    public Map<String, Object> strDict(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String key = string();
            if (!key.equals("__class__")) {
                map.put(key, value(depth - 1));
            }
        }
        return map;
    }

    private Map<Object, Object> randomDict(int depth) {
        Map<Object, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            Object key = key();
            if (!"__class__".equals(key)) {
                map.put(key, value(depth - 1));
            }
        }
        return map;
    }

    private Object key() {
        switch (random.nextInt(has(Feature.FLOAT_KEYS) ? 4 : 3)) {
            case 0: return random.nextInt(1000) - 500;
            case 1: return string();
            case 2: return Tuple.of(random.nextInt(10), string());
            default: return randomDouble();
        }
    }

    private Set<Object> randomSet() {
        Set<Object> set = new LinkedHashSet<>();
        int n = has(Feature.EMPTY_SETS) ? random.nextInt(5) : 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            set.add(key());
        }
        return set;
    }

    /** An int that does not fit an Integer. */
    private long randomLong() {
        long v = random.nextLong();
        return v == (int) v ? v + (1L << 40) : v;
    }

    /** An int that does not fit a Long, from just past it to a few hundred bits. */
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
        boolean zeroParts = has(Feature.ZERO_COMPLEX_PARTS);
        double re;
        double im;
        do {
            re = randomDouble();
            im = randomDouble();
        } while (Double.isNaN(re) || Double.isNaN(im) || (!zeroParts && (re == 0 || im == 0)));
        return new ComplexNumber(re, im);
    }

    private byte[] randomBytes() {
        byte[] b = new byte[has(Feature.LONG_SEQUENCES) && random.nextInt(30) == 0 ? 300 : random.nextInt(12)];
        random.nextBytes(b);
        return b;
    }

    /** A random str: identifier characters only, ASCII only, or anything (see the class comment). */
    public String string() {
        int n = has(Feature.LONG_SEQUENCES) && random.nextInt(30) == 0 ? 250 + random.nextInt(20) : random.nextInt(12);
        StringBuilder sb = new StringBuilder(n);
        int alphabet = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (alphabet) {
                case 0: sb.append(IDENTIFIER.charAt(random.nextInt(IDENTIFIER.length()))); break;
                case 1: sb.append((char) random.nextInt(128)); break;
                default: appendAnyChar(sb); break;
            }
        }
        return sb.toString();
    }

    private void appendAnyChar(StringBuilder sb) {
        switch (random.nextInt(6)) {
            case 0: case 1: sb.append((char) (0x20 + random.nextInt(0x5f))); break;
            case 2: sb.append(SPECIAL.charAt(random.nextInt(SPECIAL.length()))); break;
            case 3: sb.appendCodePoint(0x10000 + random.nextInt(0x100000)); break;
            case 4: sb.append((char) (0xd800 + random.nextInt(0x800))); break; // often unpaired
            default: sb.append((char) random.nextInt(0x10000)); break;
        }
    }
}
