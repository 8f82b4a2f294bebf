package org.jpyro.api.convert;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.Tuple;

/**
 * Converts Python values (as every serializer decodes them, see {@link org.jpyro.api}) to the declared Java
 * type of a parameter or return value. A value that already is an instance of the target type is returned as
 * it is (collections and maps only when their items fit the generic item types too); otherwise:
 * <table>
 * <caption>Conversions</caption>
 * <tr><th>Python value (Java)</th><th>Java targets</th></tr>
 * <tr><td>None ({@code null})</td><td>any reference type ({@code null}; {@link Optional#empty()} for Optional);
 *     never a primitive</td></tr>
 * <tr><td>int (Integer, Long, BigInteger; also Short, Byte)</td><td>{@code int long short byte} and boxes
 *     (range checked), {@code double float} and boxes, {@link BigInteger}, {@link BigDecimal}</td></tr>
 * <tr><td>float (Double; also Float)</td><td>{@code double float} and boxes (float range checked),
 *     {@link BigDecimal} (finite values)</td></tr>
 * <tr><td>bool (Boolean)</td><td>{@code boolean}, {@link Boolean}</td></tr>
 * <tr><td>str (String)</td><td>{@link String}, {@code char}/{@link Character} (one character), enums (by
 *     constant name, exact or else ignoring case), {@link UUID}, {@link BigDecimal} (Python's Decimal travels
 *     as text), {@link LocalDate}, {@link LocalTime}, {@link LocalDateTime}, {@link OffsetDateTime} (ISO text,
 *     as Python's datetime travels)</td></tr>
 * <tr><td>list, tuple, set (List, {@link Tuple}, Set), Java arrays</td><td>{@link List}, {@link Set},
 *     {@link Collection}, {@link Iterable}, queues and deques, sorted sets, concrete collection classes
 *     with a public no-argument constructor, arrays
 *     (also of primitives); items are converted to the generic item type</td></tr>
 * <tr><td>dict (Map)</td><td>{@link Map}, sorted maps, concrete map classes; keys and values converted to the
 *     generic types</td></tr>
 * <tr><td>dict or class dict (Map)</td><td>records: each component from the entry of its name (a missing entry
 *     counts as None), converted to the component's generic type; {@code __class__} and other entries are
 *     ignored</td></tr>
 * <tr><td>bytes ({@code byte[]}, or serpent's {@code {'data': <base64>, 'encoding': 'base64'}} dict), a
 *     sequence of ints 0..255</td><td>{@code byte[]}</td></tr>
 * <tr><td>anything</td><td>{@link Object} (as it is), {@code Optional<T>} (converted to T)</td></tr>
 * </table>
 * Everything else does not fit: {@link #convert} throws an {@link IllegalArgumentException} naming the value,
 * its Python type, the target type and the reason; {@link #canConvert} answers {@code false}.
 * Thread-safe and stateless.
 */
public final class ValueConverter {
    /** Returned internally (never to callers) when a value does not fit and no exception is wanted. */
    private static final Object NO_FIT = new Object();
    private static final int MAX_REPR = 60;

    private ValueConverter() {
    }

    /**
     * The value converted to the target type.
     *
     * @param pythonValue a value of the Python value model, or {@code null} (None)
     * @param target      a {@link Class}, {@link ParameterizedType}, {@link GenericArrayType},
     *                    {@link WildcardType} or {@link TypeVariable} (the last two stand for their bound)
     * @return the value itself when it fits as it is, else a converted copy
     * @throws IllegalArgumentException when the value does not fit the target type
     */
    public static Object convert(Object pythonValue, Type target) {
        if (target == null) {
            throw new IllegalArgumentException("no target type given");
        }
        return convert(pythonValue, target, true);
    }

    /** Whether {@link #convert} would succeed for this value and target type. */
    public static boolean canConvert(Object pythonValue, Type target) {
        return target != null && convert(pythonValue, target, false) != NO_FIT;
    }

    // ---------------------------------------------------------------- dispatch on the kind of Type

    private static Object convert(Object v, Type t, boolean strict) {
        if (t instanceof Class) {
            return toClass(v, (Class<?>) t, t, strict);
        }
        if (t instanceof ParameterizedType) {
            return toParameterized(v, (ParameterizedType) t, strict);
        }
        if (t instanceof GenericArrayType) {
            if (v == null) {
                return null;
            }
            if (fitsAsIs(v, t)) {
                return v;
            }
            Type component = ((GenericArrayType) t).getGenericComponentType();
            return toArray(v, component, erase(component), t, strict);
        }
        if (t instanceof WildcardType || t instanceof TypeVariable) {
            return convert(v, bound(t), strict);
        }
        return v; // some other Type implementation: nothing we know to check
    }

    private static Object toParameterized(Object v, ParameterizedType p, boolean strict) {
        Class<?> raw = (Class<?>) p.getRawType();
        if (v == null) {
            return raw == Optional.class ? Optional.empty() : null;
        }
        if (raw == Optional.class) {
            Object inner = convert(v, typeArg(p, 0, 1), strict);
            return inner == NO_FIT ? NO_FIT : Optional.ofNullable(inner);
        }
        if (fitsAsIs(v, p)) {
            return v;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return toMap(v, raw, typeArg(p, 0, 2), typeArg(p, 1, 2), p, strict);
        }
        if (Iterable.class.isAssignableFrom(raw)) {
            return toCollection(v, raw, typeArg(p, 0, 1), p, strict);
        }
        return toClass(v, raw, p, strict);
    }

    private static Object toClass(Object v, Class<?> c, Type target, boolean strict) {
        if (v == null) {
            if (c.isPrimitive()) {
                return fail(strict, v, target, "None does not fit a primitive type");
            }
            return c == Optional.class ? Optional.empty() : null;
        }
        if (c == Object.class || box(c).isInstance(v)) {
            return v;
        }
        if (c == Optional.class) {
            return Optional.of(v);
        }
        if (isIntegral(v)) {
            return fromInteger((Number) v, box(c), target, strict);
        }
        if (v instanceof Double || v instanceof Float) {
            return fromFloat(((Number) v).doubleValue(), v, box(c), target, strict);
        }
        if (v instanceof String) {
            return fromString((String) v, box(c), target, strict);
        }
        if (c.isRecord() && v instanceof Map) {
            return toRecord((Map<?, ?>) v, c, target, strict);
        }
        if (c == byte[].class) {
            return toBytes(v, target, strict);
        }
        if (c.isArray()) {
            return toArray(v, c.getComponentType(), c.getComponentType(), target, strict);
        }
        if (Map.class.isAssignableFrom(c)) {
            return toMap(v, c, Object.class, Object.class, target, strict);
        }
        if (Iterable.class.isAssignableFrom(c)) {
            return toCollection(v, c, Object.class, target, strict);
        }
        return fail(strict, v, target, null);
    }

    // ---------------------------------------------------------------- scalars

    private static Object fromInteger(Number n, Class<?> c, Type target, boolean strict) {
        if (c == Integer.class || c == Long.class || c == Short.class || c == Byte.class) {
            long min;
            long max;
            if (c == Integer.class) {
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
            } else if (c == Short.class) {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            } else if (c == Byte.class) {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            } else {
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
            if (n instanceof BigInteger && ((BigInteger) n).bitLength() > 63) {
                return fail(strict, n, target, "out of range");
            }
            long x = n.longValue();
            if (x < min || x > max) {
                return fail(strict, n, target, "out of range");
            }
            if (c == Integer.class) {
                return (int) x;
            }
            if (c == Long.class) {
                return x;
            }
            return c == Short.class ? (Object) (short) x : (Object) (byte) x;
        }
        if (c == Double.class) {
            double d = n.doubleValue();
            return Double.isInfinite(d) ? fail(strict, n, target, "out of range") : (Object) d;
        }
        if (c == Float.class) {
            float f = n.floatValue();
            return Float.isInfinite(f) ? fail(strict, n, target, "out of range") : (Object) f;
        }
        if (c == BigInteger.class) {
            return n instanceof BigInteger ? n : BigInteger.valueOf(n.longValue());
        }
        if (c == BigDecimal.class) {
            return n instanceof BigInteger ? new BigDecimal((BigInteger) n) : BigDecimal.valueOf(n.longValue());
        }
        return fail(strict, n, target, null);
    }

    private static Object fromFloat(double d, Object v, Class<?> c, Type target, boolean strict) {
        if (c == Double.class) {
            return d;
        }
        if (c == Float.class) {
            if (!Double.isNaN(d) && !Double.isInfinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                return fail(strict, v, target, "out of range");
            }
            return (float) d;
        }
        if (c == BigDecimal.class) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return fail(strict, v, target, "not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        return fail(strict, v, target, null);
    }

    private static Object fromString(String s, Class<?> c, Type target, boolean strict) {
        if (c == Character.class) {
            return s.length() == 1 ? (Object) s.charAt(0) : fail(strict, s, target, "not a single character");
        }
        if (c.isEnum()) {
            return toEnum(s, c, target, strict);
        }
        try {
            if (c == UUID.class) {
                return UUID.fromString(s);
            }
            if (c == BigDecimal.class) {
                return new BigDecimal(s);
            }
            if (c == LocalDateTime.class) {
                return LocalDateTime.parse(s);
            }
            if (c == LocalDate.class) {
                return LocalDate.parse(s);
            }
            if (c == LocalTime.class) {
                return LocalTime.parse(s);
            }
            if (c == OffsetDateTime.class) {
                return OffsetDateTime.parse(s);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return fail(strict, s, target, "not a valid " + c.getSimpleName());
        }
        return fail(strict, s, target, null);
    }

    private static Object toEnum(String s, Class<?> c, Type target, boolean strict) {
        Object[] constants = c.getEnumConstants();
        for (Object e : constants) {
            if (((Enum<?>) e).name().equals(s)) {
                return e;
            }
        }
        for (Object e : constants) {
            if (((Enum<?>) e).name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        return fail(strict, s, target, "no such constant");
    }

    private static Object toBytes(Object v, Type target, boolean strict) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            Object data = m.get("data");
            if ("base64".equals(m.get("encoding")) && data instanceof String) {
                try {
                    return Base64.getDecoder().decode((String) data);
                } catch (IllegalArgumentException e) {
                    return fail(strict, v, target, "invalid base64 data");
                }
            }
            return fail(strict, v, target, "not a serpent bytes dict");
        }
        if (!isSequence(v)) {
            return fail(strict, v, target, null);
        }
        byte[] out = new byte[length(v)];
        int i = 0;
        for (Iterator<?> it = items(v); it.hasNext(); i++) {
            Object item = it.next();
            if (!isIntegral(item) || (item instanceof BigInteger && ((BigInteger) item).bitLength() > 31)) {
                return fail(strict, v, target, "item " + i + " is not a byte value");
            }
            long x = ((Number) item).longValue();
            if (x < Byte.MIN_VALUE || x > 255) {
                return fail(strict, v, target, "item " + i + " is out of byte range");
            }
            out[i] = (byte) x;
        }
        return out;
    }

    // ---------------------------------------------------------------- records

    /** A record class's components and canonical constructor, found once per class. */
    private static final class RecordShape {
        final String[] names;
        final Type[] types;
        final Constructor<?> constructor;

        RecordShape(Class<?> c) {
            RecordComponent[] components = c.getRecordComponents();
            names = new String[components.length];
            types = new Type[components.length];
            Class<?>[] raw = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getGenericType();
                raw[i] = components[i].getType();
            }
            Constructor<?> k;
            try {
                k = c.getDeclaredConstructor(raw);
                try {
                    k.setAccessible(true);
                } catch (RuntimeException notOpen) {
                    // a public record of an exported package needs no help
                }
            } catch (NoSuchMethodException e) {
                k = null;
            }
            constructor = k;
        }
    }

    private static final ClassValue<RecordShape> RECORDS = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    /**
     * A record from a dict (a plain dict or a class dict): each component from the entry of its name, converted
     * to the component's type; a missing entry counts as None. {@code __class__} and entries naming no
     * component are ignored.
     */
    private static Object toRecord(Map<?, ?> map, Class<?> c, Type target, boolean strict) {
        RecordShape shape = RECORDS.get(c);
        if (shape.constructor == null) {
            return fail(strict, map, target, "no canonical constructor");
        }
        Object[] args = new Object[shape.names.length];
        for (int i = 0; i < args.length; i++) {
            String name = shape.names[i];
            Object arg = convertPart(map.get(name), shape.types[i], "component", name, map, target, strict);
            if (arg == NO_FIT) {
                return NO_FIT;
            }
            args[i] = arg;
        }
        try {
            return shape.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return fail(strict, map, target, "constructor refused the values: " + cause);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return fail(strict, map, target, "cannot construct: " + e);
        }
    }

    // ---------------------------------------------------------------- containers

    private static Object toArray(Object v, Type componentType, Class<?> componentClass, Type target, boolean strict) {
        if (!isSequence(v)) {
            return fail(strict, v, target, null);
        }
        Object array = Array.newInstance(componentClass, length(v));
        int i = 0;
        for (Iterator<?> it = items(v); it.hasNext(); i++) {
            Object item = convertItem(it.next(), componentType, i, v, target, strict);
            if (item == NO_FIT) {
                return NO_FIT;
            }
            Array.set(array, i, item);
        }
        return array;
    }

    private static Object toCollection(Object v, Class<?> raw, Type itemType, Type target, boolean strict) {
        if (!isSequence(v)) {
            return fail(strict, v, target, null);
        }
        Collection<Object> out = newCollection(raw, length(v));
        if (out == null) {
            return fail(strict, v, target, "cannot create a " + raw.getName());
        }
        int i = 0;
        for (Iterator<?> it = items(v); it.hasNext(); i++) {
            Object item = convertItem(it.next(), itemType, i, v, target, strict);
            if (item == NO_FIT) {
                return NO_FIT;
            }
            try {
                out.add(item);
            } catch (NullPointerException | ClassCastException e) {
                return fail(strict, v, target, "item " + i + " does not fit a " + out.getClass().getSimpleName());
            }
        }
        return out;
    }

    private static Object toMap(Object v, Class<?> raw, Type keyType, Type valueType, Type target, boolean strict) {
        if (!(v instanceof Map)) {
            return fail(strict, v, target, null);
        }
        Map<Object, Object> out = newMap(raw, ((Map<?, ?>) v).size());
        if (out == null) {
            return fail(strict, v, target, "cannot create a " + raw.getName());
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            Object key = convertPart(e.getKey(), keyType, "key", e.getKey(), v, target, strict);
            if (key == NO_FIT) {
                return NO_FIT;
            }
            Object value = convertPart(e.getValue(), valueType, "value", e.getKey(), v, target, strict);
            if (value == NO_FIT) {
                return NO_FIT;
            }
            try {
                out.put(key, value);
            } catch (NullPointerException | ClassCastException ex) {
                return fail(strict, v, target, "key " + repr(e.getKey()) + " does not fit a " + out.getClass().getSimpleName());
            }
        }
        return out;
    }

    private static Object convertItem(Object item, Type itemType, int index, Object container, Type target, boolean strict) {
        if (!strict) {
            return convert(item, itemType, false);
        }
        try {
            return convert(item, itemType, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe(container, target) + ": item " + index + ": " + e.getMessage(), e);
        }
    }

    private static Object convertPart(Object part, Type type, String what, Object key, Object map, Type target, boolean strict) {
        if (!strict) {
            return convert(part, type, false);
        }
        try {
            return convert(part, type, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe(map, target) + ": " + what + " of " + repr(key) + ": "
                    + e.getMessage(), e);
        }
    }

    private static Collection<Object> newCollection(Class<?> raw, int size) {
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            if (raw.isAssignableFrom(ArrayList.class)) {
                return new ArrayList<>(size);
            }
            if (raw.isAssignableFrom(LinkedHashSet.class)) {
                return new LinkedHashSet<>(Math.max(16, (int) (size / 0.75f) + 1));
            }
            if (raw.isAssignableFrom(TreeSet.class)) {
                return new TreeSet<>();
            }
            if (raw.isAssignableFrom(ArrayDeque.class)) {
                return new ArrayDeque<>(Math.max(size, 1));
            }
            return null;
        }
        return instantiate(raw);
    }

    private static Map<Object, Object> newMap(Class<?> raw, int size) {
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            if (raw.isAssignableFrom(LinkedHashMap.class)) {
                return new LinkedHashMap<>(Math.max(16, (int) (size / 0.75f) + 1));
            }
            if (raw.isAssignableFrom(TreeMap.class)) {
                return new TreeMap<>();
            }
            return null;
        }
        return instantiate(raw);
    }

    @SuppressWarnings("unchecked")
    private static <T> T instantiate(Class<?> raw) {
        try {
            return (T) raw.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- "already fits" check (no allocation)

    /** Whether the value can be returned unchanged for the target (items checked against generic types). */
    private static boolean fitsAsIs(Object v, Type t) {
        if (v == null) {
            return !(t instanceof Class && ((Class<?>) t).isPrimitive());
        }
        if (t instanceof Class) {
            return t == Object.class || box((Class<?>) t).isInstance(v);
        }
        if (t instanceof WildcardType || t instanceof TypeVariable) {
            return fitsAsIs(v, bound(t));
        }
        if (t instanceof GenericArrayType) {
            Type component = ((GenericArrayType) t).getGenericComponentType();
            if (!erase(t).isInstance(v)) {
                return false;
            }
            for (Object item : (Object[]) v) {
                if (!fitsAsIs(item, component)) {
                    return false;
                }
            }
            return true;
        }
        if (!(t instanceof ParameterizedType)) {
            return true;
        }
        ParameterizedType p = (ParameterizedType) t;
        Class<?> raw = (Class<?>) p.getRawType();
        if (raw == Optional.class || !raw.isInstance(v)) {
            return false;
        }
        if (v instanceof Map && Map.class.isAssignableFrom(raw)) {
            Type kt = typeArg(p, 0, 2);
            Type vt = typeArg(p, 1, 2);
            if (isAnything(kt) && isAnything(vt)) {
                return true;
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!fitsAsIs(e.getKey(), kt) || !fitsAsIs(e.getValue(), vt)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof Collection && Iterable.class.isAssignableFrom(raw)) {
            Type it = typeArg(p, 0, 1);
            if (isAnything(it)) {
                return true;
            }
            for (Object item : (Collection<?>) v) {
                if (!fitsAsIs(item, it)) {
                    return false;
                }
            }
            return true;
        }
        return !(v instanceof Iterable || v instanceof Map);
    }

    private static boolean isAnything(Type t) {
        return t == Object.class || (t instanceof WildcardType && bound(t) == Object.class)
                || (t instanceof TypeVariable && bound(t) == Object.class);
    }

    // ---------------------------------------------------------------- helpers

    private static Type typeArg(ParameterizedType p, int index, int expected) {
        Type[] args = p.getActualTypeArguments();
        return args.length == expected ? args[index] : Object.class;
    }

    private static Type bound(Type t) {
        if (t instanceof WildcardType) {
            return ((WildcardType) t).getUpperBounds()[0];
        }
        Type[] bounds = ((TypeVariable<?>) t).getBounds();
        return bounds.length == 0 ? Object.class : bounds[0];
    }

    private static Class<?> erase(Type t) {
        if (t instanceof Class) {
            return (Class<?>) t;
        }
        if (t instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) t).getRawType();
        }
        if (t instanceof GenericArrayType) {
            return Array.newInstance(erase(((GenericArrayType) t).getGenericComponentType()), 0).getClass();
        }
        if (t instanceof WildcardType || t instanceof TypeVariable) {
            return erase(bound(t));
        }
        return Object.class;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        if (c == char.class) {
            return Character.class;
        }
        return Void.class;
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short
                || v instanceof Byte;
    }

    /** Python sequences: collections and Java arrays (a {@code byte[]} counts as a sequence of ints 0..255). */
    private static boolean isSequence(Object v) {
        return v instanceof Collection || (v != null && v.getClass().isArray());
    }

    private static int length(Object seq) {
        return seq instanceof Collection ? ((Collection<?>) seq).size() : Array.getLength(seq);
    }

    private static Iterator<?> items(Object seq) {
        if (seq instanceof Collection) {
            return ((Collection<?>) seq).iterator();
        }
        if (seq instanceof Object[]) {
            return List.of((Object[]) seq).iterator();
        }
        int n = Array.getLength(seq);
        boolean unsignedBytes = seq instanceof byte[];
        return new Iterator<Object>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Object next() {
                Object item = Array.get(seq, i++);
                return unsignedBytes ? (Object) (((Byte) item) & 0xFF) : item;
            }
        };
    }

    private static Object fail(boolean strict, Object v, Type target, String reason) {
        if (!strict) {
            return NO_FIT;
        }
        throw new IllegalArgumentException(describe(v, target) + (reason == null ? "" : ": " + reason));
    }

    private static String describe(Object v, Type target) {
        return "cannot convert " + repr(v) + " (" + pythonTypeName(v) + ") to " + typeName(target);
    }

    private static String typeName(Type t) {
        return t.getTypeName().replace("java.lang.", "").replace("java.util.", "");
    }

    /** The Python type name of a value of the value model, for messages. */
    static String pythonTypeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (isIntegral(v)) {
            return "int";
        }
        if (v instanceof Double || v instanceof Float) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof Tuple || v instanceof Object[]) {
            return "tuple";
        }
        if (v instanceof List || v instanceof Deque) {
            return "list";
        }
        if (v instanceof Set) {
            return "set";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof ComplexNumber) {
            return "complex";
        }
        return v.getClass().getName();
    }

    private static String repr(Object v) {
        String s;
        if (v instanceof String) {
            s = "'" + v + "'";
        } else if (v instanceof byte[]) {
            s = "b<" + ((byte[]) v).length + " bytes>";
        } else if (v instanceof Object[]) {
            s = java.util.Arrays.toString((Object[]) v);
        } else {
            s = String.valueOf(v);
        }
        return s.length() > MAX_REPR ? s.substring(0, MAX_REPR - 3) + "..." : s;
    }
}
