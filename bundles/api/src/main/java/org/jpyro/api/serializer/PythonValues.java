package org.jpyro.api.serializer;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SerializeException;

/**
 * The one place where Java values outside the Python value model (see {@link org.jpyro.api}) are turned into
 * values every serializer can write. Serializers first write what their format has a native form for, and hand
 * anything else to {@link #normalize}: the same Java object then reaches Python the same way whatever the
 * serializer.
 */
public final class PythonValues {
    private PythonValues() {
    }

    /**
     * A value of the Python value model standing for {@code value}:
     * <ul>
     * <li>Pyro URIs, proxies, exceptions, batch exception wrappers: their Pyro class dict ({@link ClassDicts});</li>
     * <li>objects a daemon of this JVM serves (see {@link AutoProxies}): the Pyro proxy class dict for them;</li>
     * <li>instances of a class with a converter registered by {@link ClassDicts#registerClassToDict}: the
     * converter's dict;</li>
     * <li>enums: their name; {@link UUID}, {@link BigDecimal}, {@link Character}: their string;</li>
     * <li>java.time values: their ISO-8601 text, as Python serializers send datetimes; {@link Duration}: its
     * seconds as a float, as serpent sends a timedelta;</li>
     * <li>{@link Optional}: its content or {@code null};</li>
     * <li>records: a class dict {@code {'__class__': 'java.class.Name', component: value...}};</li>
     * <li>JavaBeans (objects with public getters {@code getX()}/{@code isX()}): a class dict
     * {@code {'__class__': 'java.class.Name', property: value...}}, properties sorted by name.</li>
     * </ul>
     *
     * @throws SerializeException when the value has no Python form
     */
    public static Object normalize(Object value, ProtocolVersion version) {
        Map<String, Object> classDict = ClassDicts.toClassDict(value, version);
        if (classDict != null) {
            return classDict;
        }
        org.jpyro.api.ProxyState autoProxy = AutoProxies.proxyFor(value);
        if (autoProxy != null) {
            return ClassDicts.toClassDict(autoProxy, version);
        }
        classDict = ClassDicts.convertedClassDict(value);
        if (classDict != null) {
            return classDict;
        }
        if (value instanceof Enum) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof UUID || value instanceof BigDecimal || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof TemporalAccessor || value instanceof java.util.Date) {
            String iso = PythonTime.isoformat(value);
            return iso != null ? iso : value.toString();
        }
        if (value instanceof Duration) {
            // Python's timedelta.total_seconds(), as serpent and msgpack send a timedelta
            return PythonTime.totalSeconds((Duration) value);
        }
        if (value instanceof Optional) {
            return ((Optional<?>) value).orElse(null);
        }
        if (value instanceof Record) {
            return recordDict((Record) value);
        }
        classDict = JavaBeans.toClassDict(value);
        if (classDict != null) {
            return classDict;
        }
        throw new SerializeException("unsupported serialized class: " + value.getClass().getName());
    }

    /** Component names and accessors of each record class, found (and made accessible) once. */
    private static final ClassValue<Object[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                accessors[i] = components[i].getAccessor();
                try {
                    accessors[i].setAccessible(true);
                } catch (RuntimeException notOpen) {
                    // public records of exported packages need no help; others fail when read, below
                }
            }
            return new Object[] {names, accessors};
        }
    };

    private static Map<String, Object> recordDict(Record record) {
        Object[] shape = RECORD_ACCESSORS.get(record.getClass());
        String[] names = (String[]) shape[0];
        Method[] accessors = (Method[]) shape[1];
        Map<String, Object> d = new LinkedHashMap<>(Math.max(16, (int) ((names.length + 1) / 0.75f) + 1));
        d.put(ClassDicts.CLASS, record.getClass().getName());
        for (int i = 0; i < names.length; i++) {
            try {
                d.put(names[i], accessors[i].invoke(record));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new SerializeException("cannot read record component " + names[i] + " of "
                        + record.getClass().getName() + ": " + e, e);
            }
        }
        return d;
    }

    /**
     * The bytes of serpent's bytes dict {@code {'data': '<base64>', 'encoding': 'base64'}} (how serpent, and jpyro's
     * json, carry Python {@code bytes}), or the array itself for a {@code byte[]}.
     *
     * @throws SerializeException for anything else, or invalid base64
     */
    public static byte[] bytesOf(Object value) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof Map) {
            Map<?, ?> dict = (Map<?, ?>) value;
            Object data = dict.get("data");
            if ("base64".equals(dict.get("encoding")) && data instanceof String) {
                try {
                    return java.util.Base64.getDecoder().decode((String) data);
                } catch (IllegalArgumentException e) {
                    throw new SerializeException("invalid base64 in bytes dict: " + e.getMessage(), e);
                }
            }
        }
        throw new SerializeException("neither bytes nor a base64 bytes dict: "
                + (value == null ? "None" : value.getClass().getName()));
    }
}
