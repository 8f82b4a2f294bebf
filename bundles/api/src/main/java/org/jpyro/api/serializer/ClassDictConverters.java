package org.jpyro.api.serializer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The user's class&lt;-&gt;dict converters behind {@link ClassDicts#registerClassToDict} and
 * {@link ClassDicts#registerDictToClass}. Registration is rare and lookups are per value, so each change
 * publishes a new immutable table with its own lookup cache: a lookup never sees a half-made change and never
 * caches an answer of an older table.
 */
final class ClassDictConverters {
    /** One generation of class-to-dict converters, in registration order, with its per-class lookup cache. */
    private static final class ClassTable {
        final Map<Class<?>, Function<Object, Map<String, Object>>> converters;
        final ConcurrentHashMap<Class<?>, Optional<Function<Object, Map<String, Object>>>> lookups =
                new ConcurrentHashMap<>();

        ClassTable(Map<Class<?>, Function<Object, Map<String, Object>>> converters) {
            this.converters = converters;
        }

        Function<Object, Map<String, Object>> find(Class<?> type) {
            if (converters.isEmpty()) {
                return null;
            }
            return lookups.computeIfAbsent(type, this::search).orElse(null);
        }

        /** The exact class's converter, else the first registered supertype's (Pyro's isinstance order). */
        private Optional<Function<Object, Map<String, Object>>> search(Class<?> type) {
            Function<Object, Map<String, Object>> exact = converters.get(type);
            if (exact != null) {
                return Optional.of(exact);
            }
            for (Map.Entry<Class<?>, Function<Object, Map<String, Object>>> e : converters.entrySet()) {
                if (e.getKey().isAssignableFrom(type)) {
                    return Optional.of(e.getValue());
                }
            }
            return Optional.empty();
        }
    }

    private static final Object LOCK = new Object();
    private static volatile ClassTable classTable = new ClassTable(Map.of());
    private static final ConcurrentHashMap<String, Function<Map<String, Object>, Object>> DICT_TO_CLASS =
            new ConcurrentHashMap<>();

    private ClassDictConverters() {
    }

    @SuppressWarnings("unchecked")
    static <T> void registerClassToDict(Class<T> type, Function<? super T, Map<String, Object>> converter) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(converter, "converter");
        synchronized (LOCK) {
            Map<Class<?>, Function<Object, Map<String, Object>>> next = new LinkedHashMap<>(classTable.converters);
            next.remove(type); // a re-registration moves to the end, as in a fresh Python dict insert after del
            next.put(type, (Function<Object, Map<String, Object>>) converter);
            classTable = new ClassTable(next);
        }
    }

    static boolean unregisterClassToDict(Class<?> type) {
        synchronized (LOCK) {
            if (!classTable.converters.containsKey(type)) {
                return false;
            }
            Map<Class<?>, Function<Object, Map<String, Object>>> next = new LinkedHashMap<>(classTable.converters);
            next.remove(type);
            classTable = new ClassTable(next);
            return true;
        }
    }

    static List<Class<?>> registeredClasses() {
        return List.copyOf(new ArrayList<>(classTable.converters.keySet()));
    }

    /** The converter for a value's class, or {@code null}. */
    static Function<Object, Map<String, Object>> classToDict(Class<?> type) {
        return classTable.find(type);
    }

    static void registerDictToClass(String pythonClassName, Function<Map<String, Object>, Object> converter) {
        Objects.requireNonNull(pythonClassName, "pythonClassName");
        Objects.requireNonNull(converter, "converter");
        DICT_TO_CLASS.put(pythonClassName, converter);
    }

    static boolean unregisterDictToClass(String pythonClassName) {
        return pythonClassName != null && DICT_TO_CLASS.remove(pythonClassName) != null;
    }

    /** The converter for a Python class name, or {@code null}. */
    static Function<Map<String, Object>, Object> dictToClass(String pythonClassName) {
        return DICT_TO_CLASS.isEmpty() ? null : DICT_TO_CLASS.get(pythonClassName);
    }
}
