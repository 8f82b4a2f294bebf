package org.jpyro.serializer.pickle.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.ClassDicts;

/**
 * The pass after unpickling: walks the value once (shared sub-values once, through an identity map), turns
 * {@link PendingObject}s into Pyro's Java objects through {@link ClassDicts#fromClassDict} (the same mapping
 * every serializer uses), and refuses what is not a value: leftover class objects or stack marks, recursive
 * structures, and nesting deeper than the limit.
 */
final class Resolver {
    private static final Object IN_PROGRESS = new Object();

    private final int maxDepth;
    private final Map<Object, Object> done = new IdentityHashMap<>();

    Resolver(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    Object resolve(Object value) {
        return resolve(value, 0);
    }

    private Object resolve(Object v, int depth) {
        if (v == null || v instanceof String || v instanceof Integer || v instanceof Boolean || v instanceof Double
                || v instanceof Long || v instanceof BigInteger || v instanceof byte[] || v instanceof ComplexNumber
                || v instanceof BigDecimal || v instanceof UUID || v instanceof LocalDateTime
                || v instanceof LocalDate || v instanceof LocalTime || v instanceof OffsetDateTime
                || v instanceof OffsetTime || v instanceof Duration || v instanceof java.time.ZoneOffset) {
            return v;
        }
        if (depth >= maxDepth) {
            throw new SerializeException("pickle nested deeper than " + maxDepth + " levels");
        }
        Object known = done.get(v);
        if (known == IN_PROGRESS) {
            throw new SerializeException("recursive data structures are not supported");
        }
        if (known != null) {
            return known;
        }
        done.put(v, IN_PROGRESS);
        Object result;
        if (v instanceof Tuple) {
            result = tuple((Tuple) v, depth);
        } else if (v instanceof ArrayList) {
            result = list((ArrayList<?>) v, depth);
        } else if (v instanceof LinkedHashMap) {
            result = map((LinkedHashMap<?, ?>) v, depth);
        } else if (v instanceof LinkedHashSet) {
            result = set((LinkedHashSet<?>) v, depth);
        } else if (v instanceof PendingObject) {
            result = complete((PendingObject) v, depth);
        } else if (v instanceof PyGlobal) {
            throw new SerializeException("a class object (" + ((PyGlobal) v).qualifiedName()
                    + ") is not a value jpyro can receive");
        } else {
            throw new SerializeException("malformed pickle: unexpected " + Hashing.describe(v) + " in the value");
        }
        done.put(v, result);
        return result;
    }

    private Object tuple(Tuple t, int depth) {
        Object[] items = null;
        for (int i = 0; i < t.size(); i++) {
            Object item = t.get(i);
            Object r = resolve(item, depth + 1);
            if (r != item && items == null) {
                items = t.toArray();
            }
            if (items != null) {
                items[i] = r;
            }
        }
        return items == null ? t : Tuple.wrap(items);
    }

    @SuppressWarnings("unchecked")
    private Object list(ArrayList<?> list, int depth) {
        ArrayList<Object> l = (ArrayList<Object>) list;
        for (int i = 0; i < l.size(); i++) {
            Object item = l.get(i);
            Object r = resolve(item, depth + 1);
            if (r != item) {
                l.set(i, r);
            }
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private Object map(LinkedHashMap<?, ?> map, int depth) {
        boolean keysChanged = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object k = e.getKey();
            if (resolve(k, depth + 1) != k) {
                keysChanged = true;
            }
            Object value = e.getValue();
            Object r = resolve(value, depth + 1);
            if (r != value) {
                ((Map.Entry<Object, Object>) e).setValue(r);
            }
        }
        Object result = map;
        if (keysChanged) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(done.getOrDefault(e.getKey(), e.getKey()), e.getValue());
            }
            result = copy;
        }
        if (((Map<?, ?>) result).get(ClassDicts.CLASS) instanceof String) {
            // the convention of every jpyro serializer (a Python peer sends real objects in a pickle, though)
            return ClassDicts.fromClassDict((Map<?, ?>) result);
        }
        return result;
    }

    private Object set(LinkedHashSet<?> set, int depth) {
        boolean changed = false;
        for (Object item : set) {
            if (resolve(item, depth + 1) != item) {
                changed = true;
            }
        }
        if (!changed) {
            return set;
        }
        Set<Object> copy = new LinkedHashSet<>();
        for (Object item : set) {
            copy.add(done.getOrDefault(item, item));
        }
        return copy;
    }

    private Object complete(PendingObject p, int depth) {
        List<Object> args = p.args == null ? List.of() : p.args;
        List<Object> resolvedArgs = new ArrayList<>(args.size());
        for (Object a : args) {
            resolvedArgs.add(resolve(a, depth + 1));
        }
        Object state = resolve(p.state, depth + 1);
        return PyroObjects.complete(p.type, resolvedArgs, state);
    }
}
