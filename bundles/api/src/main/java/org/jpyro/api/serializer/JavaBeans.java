package org.jpyro.api.serializer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jpyro.api.SerializeException;

/**
 * JavaBeans as Python class dicts: {@code {'__class__': 'java.class.Name', property: value...}} with one entry
 * per public getter ({@code getX()}, or {@code isX()} returning boolean), properties sorted by name so the
 * bytes are the same in every run. JDK classes ({@code java.*}, {@code javax.*}, {@code jdk.*}, {@code sun.*},
 * {@code com.sun.*}) are never treated as beans. The getters of each class are found once and cached.
 */
final class JavaBeans {
    /** The readable properties of one class, sorted by name; empty when the class is no bean. */
    private static final class Properties {
        final String[] names;
        final Method[] getters;

        Properties(String[] names, Method[] getters) {
            this.names = names;
            this.getters = getters;
        }
    }

    private static final ClassValue<Properties> PROPERTIES = new ClassValue<>() {
        @Override
        protected Properties computeValue(Class<?> type) {
            return introspect(type);
        }
    };

    private JavaBeans() {
    }

    /** The bean's class dict, or {@code null} when its class has no readable public property. */
    static Map<String, Object> toClassDict(Object bean) {
        Class<?> type = bean.getClass();
        Properties p = PROPERTIES.get(type);
        if (p.names.length == 0) {
            return null;
        }
        Map<String, Object> d = new LinkedHashMap<>(Math.max(16, (int) ((p.names.length + 1) / 0.75f) + 1));
        d.put(ClassDicts.CLASS, type.getName());
        for (int i = 0; i < p.names.length; i++) {
            try {
                d.put(p.names[i], p.getters[i].invoke(bean));
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new SerializeException("getter of property " + p.names[i] + " of " + type.getName()
                        + " failed: " + cause, cause);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new SerializeException("cannot read property " + p.names[i] + " of " + type.getName()
                        + ": " + e, e);
            }
        }
        return d;
    }

    private static Properties introspect(Class<?> type) {
        if (isJdkClass(type.getName())) {
            return new Properties(new String[0], new Method[0]);
        }
        TreeMap<String, Method> sorted = new TreeMap<>();
        for (Method m : type.getMethods()) {
            String name = propertyName(m);
            if (name == null || sorted.containsKey(name)) {
                continue;
            }
            Method accessible = accessible(m);
            if (accessible != null) {
                sorted.put(name, accessible);
            }
        }
        return new Properties(sorted.keySet().toArray(new String[0]), sorted.values().toArray(new Method[0]));
    }

    /** JDK classes (Class, Thread, streams...) are no beans: their getters lead everywhere. */
    private static boolean isJdkClass(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    /** The JavaBeans property a public instance method reads, or {@code null} if it is no getter. */
    private static String propertyName(Method m) {
        if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class
                || m.isBridge() || m.isSynthetic()) {
            return null;
        }
        Class<?> r = m.getReturnType();
        String n = m.getName();
        String rest;
        if (n.startsWith("get") && n.length() > 3 && r != void.class) {
            rest = n.substring(3);
        } else if (n.startsWith("is") && n.length() > 2 && r == boolean.class) {
            rest = n.substring(2);
        } else {
            return null;
        }
        return decapitalize(rest);
    }

    /** {@code java.beans.Introspector.decapitalize}: "FooBar" → "fooBar", "URL" stays "URL". */
    private static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1)) && Character.isUpperCase(s.charAt(0))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The method in a form that can be invoked: public methods of non-public classes are looked up on a public
     * supertype declaring them, else made accessible; {@code null} when neither works.
     */
    private static Method accessible(Method m) {
        if (Modifier.isPublic(m.getDeclaringClass().getModifiers()) && m.getDeclaringClass().getModule()
                .isExported(m.getDeclaringClass().getPackageName())) {
            return m;
        }
        try {
            m.setAccessible(true);
            return m;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
