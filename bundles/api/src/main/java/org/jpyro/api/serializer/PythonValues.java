package org.jpyro.api.serializer;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
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
     * <li>enums: their name; {@link UUID}, {@link BigDecimal}, {@link Character}: their string;</li>
     * <li>java.time values: their ISO-8601 text, as Python serializers send datetimes;</li>
     * <li>{@link Optional}: its content or {@code null};</li>
     * <li>records: a class dict {@code {'__class__': 'java.class.Name', component: value...}}.</li>
     * </ul>
     *
     * @throws SerializeException when the value has no Python form
     */
    public static Object normalize(Object value, ProtocolVersion version) {
        Map<String, Object> classDict = ClassDicts.toClassDict(value, version);
        if (classDict != null) {
            return classDict;
        }
        if (value instanceof Enum) {
            return ((Enum<?>) value).name();
        }
        if (value instanceof UUID || value instanceof BigDecimal || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Optional) {
            return ((Optional<?>) value).orElse(null);
        }
        if (value instanceof Record) {
            return recordDict((Record) value);
        }
        throw new SerializeException("unsupported serialized class: " + value.getClass().getName());
    }

    private static Map<String, Object> recordDict(Record record) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(ClassDicts.CLASS, record.getClass().getName());
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                d.put(c.getName(), c.getAccessor().invoke(record));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new SerializeException("cannot read record component " + c.getName() + " of "
                        + record.getClass().getName() + ": " + e, e);
            }
        }
        return d;
    }
}
