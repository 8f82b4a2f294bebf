package org.jpyro.daemon.impl;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jpyro.api.convert.ValueConverter;

/**
 * An exposed bean property, Python's exposed {@code @property}: read through its getter
 * ({@code __getattr__}), written through its setter ({@code __setattr__}); either may be absent.
 */
public final class RemoteAttribute {
    private static final Object[] NO_ARGS = new Object[0];

    private final String name;
    private final String ownerName;
    private final MethodHandle getter;
    private final MethodHandle setter;
    private final Type setterType;

    RemoteAttribute(String name, String ownerName, Method getter, Method setter) throws IllegalAccessException {
        this(name, ownerName, getter == null ? null : Overload.spreadHandle(getter),
                setter == null ? null : Overload.spreadHandle(setter),
                setter == null ? null : setter.getGenericParameterTypes()[0]);
    }

    /** An attribute backed by a field: read always, written unless the field is final. */
    RemoteAttribute(String name, String ownerName, java.lang.reflect.Field field) throws IllegalAccessException {
        this(name, ownerName, Overload.fieldHandles(field), field.getGenericType());
    }

    private RemoteAttribute(String name, String ownerName, MethodHandle[] handles, Type type) {
        this(name, ownerName, handles[0], handles[1], handles[1] == null ? null : type);
    }

    private RemoteAttribute(String name, String ownerName, MethodHandle getter, MethodHandle setter, Type setterType) {
        this.name = name;
        this.ownerName = ownerName;
        this.getter = getter;
        this.setter = setter;
        this.setterType = setterType;
    }

    public String name() {
        return name;
    }

    public boolean readable() {
        return getter != null;
    }

    public boolean writable() {
        return setter != null;
    }

    /** The property value. */
    Object get(Object target) throws Throwable {
        if (getter == null) {
            throw PythonErrors.attributeError("attempt to access unexposed or unknown remote attribute '" + name + "'");
        }
        return (Object) getter.invokeExact(target, NO_ARGS);
    }

    /** Sets the property, converting the value to the setter's parameter type. */
    void set(Object target, Object value) throws Throwable {
        if (setter == null) {
            throw PythonErrors.attributeError("attempt to access unexposed or unknown remote attribute '" + name + "'");
        }
        Object converted;
        try {
            converted = ValueConverter.convert(value, setterType);
        } catch (IllegalArgumentException e) {
            throw PythonErrors.typeError(ownerName + "." + name + ": " + e.getMessage());
        }
        Object ignored = (Object) setter.invokeExact(target, new Object[] {converted});
    }
}
