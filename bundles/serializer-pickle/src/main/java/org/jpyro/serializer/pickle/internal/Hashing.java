package org.jpyro.serializer.pickle.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;

/**
 * Python's hashability rule for dict keys and set members while unpickling: lists, dicts and (mutable) sets
 * cannot be keys, and a tuple key may only hold hashable items, nested at most {@link #MAX_KEY_DEPTH} deep.
 * Besides matching Python, this keeps Java's {@code hashCode()} from recursing into self-referencing or deeply
 * nested containers. Also small helpers shared by the reader.
 */
final class Hashing {
    static final int MAX_KEY_DEPTH = 32;

    private Hashing() {
    }

    /** The value itself if Python could hash it. */
    static Object requireHashable(Object key) {
        if (!hashable(key, 0)) {
            throw new SerializeException("unhashable type as dict key or set member: " + describe(key));
        }
        return key;
    }

    private static boolean hashable(Object o, int depth) {
        if (o == null || o instanceof String || o instanceof Integer || o instanceof Long || o instanceof Double
                || o instanceof Boolean || o instanceof BigInteger || o instanceof byte[] || o instanceof ComplexNumber
                || o instanceof BigDecimal || o instanceof UUID || o instanceof TemporalAccessor
                || o instanceof java.time.Duration || o instanceof PendingObject) {
            return true;
        }
        if (depth >= MAX_KEY_DEPTH) {
            return false;
        }
        if (o instanceof Tuple) {
            for (Object item : (Tuple) o) {
                if (!hashable(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return o instanceof FrozenSet;
    }

    /** A short type description for messages (never the value: it may be large or hostile). */
    static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /** Integer if it fits, else Long. */
    static Number smallest(long v) {
        return v == (int) v ? Integer.valueOf((int) v) : Long.valueOf(v);
    }

    /** Integer, Long or BigInteger, the smallest that holds the value. */
    static Number smallest(BigInteger v) {
        return v.bitLength() < 64 ? smallest(v.longValue()) : v;
    }
}
