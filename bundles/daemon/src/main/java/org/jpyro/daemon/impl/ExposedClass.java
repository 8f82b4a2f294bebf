package org.jpyro.daemon.impl;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.Callback;
import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;

/**
 * What of a Java class Pyro clients may use, worked out once per class (cached in a {@link ClassValue}):
 * <ul>
 * <li>Only {@link Expose @Expose} members. {@code @Expose} on a class exposes every public instance method and
 * bean property of that class; on the registered class itself also those it inherits. {@code @Expose} on a
 * method (or on a method it overrides or implements) exposes that method. {@link Object}'s methods, static,
 * bridge and synthetic methods are never exposed by a class-level annotation, nor are methods declared by JDK
 * classes.</li>
 * <li>Getters and setters ({@code getX()}, {@code isX()} returning boolean, {@code setX(v)}) become the
 * attribute {@code x} (Python properties, in {@code attrs}); every other method is a remote method, several
 * Java methods of one remote name being overloads.</li>
 * <li>Names come from {@code @Expose(name=...)} or the Java name. Private names (starting with {@code _}) are
 * refused, except {@code __dunder__} names that Pyro does not reserve.</li>
 * <li>{@code @Expose} on an instance field makes it an attribute too (read-only when final).</li>
 * <li>{@link Oneway @Oneway} on a method or on a method it overrides makes it oneway; {@link Callback @Callback}
 * likewise makes it a callback (its exceptions are also logged where it runs).</li>
 * </ul>
 */
public final class ExposedClass {
    private static final System.Logger LOG = System.getLogger(ExposedClass.class.getName());

    private static final ClassValue<ExposedClass> CACHE = new ClassValue<>() {
        @Override
        protected ExposedClass computeValue(Class<?> type) {
            return new ExposedClass(type);
        }
    };

    /** Dunder names Pyro never lets clients call (union of the Pyro4 and Pyro5 lists). */
    private static final Set<String> PRIVATE_DUNDERS = Set.of("__init__", "__init_subclass__", "__class__",
            "__module__", "__weakref__", "__call__", "__new__", "__del__", "__repr__", "__unicode__", "__str__",
            "__format__", "__nonzero__", "__bool__", "__coerce__", "__cmp__", "__eq__", "__ne__", "__hash__", "__ge__",
            "__gt__", "__le__", "__lt__", "__dir__", "__enter__", "__exit__", "__copy__", "__deepcopy__", "__sizeof__",
            "__getattr__", "__setattr__", "__hasattr__", "__getattribute__", "__delattr__", "__instancecheck__",
            "__subclasscheck__", "__getinitargs__", "__getnewargs__", "__getstate__", "__setstate__", "__reduce__",
            "__reduce_ex__", "__getstate_for_dict__", "__setstate_from_dict__", "__subclasshook__");

    private final String name;
    private final Map<String, RemoteMethod> methods;
    private final Map<String, RemoteAttribute> attributes;
    private final Set<String> publicNames;
    private final Metadata metadata;

    /** The exposure of a class (computed on first use, then cached). */
    public static ExposedClass of(Class<?> type) {
        return CACHE.get(type);
    }

    /** Whether Pyro treats a name as private: {@code _x}, or a reserved dunder such as {@code __init__}. */
    public static boolean isPrivate(String name) {
        if (PRIVATE_DUNDERS.contains(name)) {
            return true;
        }
        if (!name.startsWith("_")) {
            return false;
        }
        return !(name.length() > 4 && name.startsWith("__") && name.endsWith("__"));
    }

    private ExposedClass(Class<?> type) {
        String simple = type.getSimpleName();
        this.name = simple.isEmpty() ? type.getName() : simple;
        Map<String, List<Overload>> overloads = new LinkedHashMap<>();
        Set<String> oneway = new HashSet<>();
        Map<String, Method[]> properties = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        List<Class<?>> hierarchy = hierarchy(type);
        boolean wholeClass = type.isAnnotationPresent(Expose.class);
        for (Method m : type.getMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isStatic(mod) || m.isBridge() || m.isSynthetic()) {
                continue;
            }
            known.add(m.getName());
            Expose explicit = explicitExpose(m, hierarchy);
            if (explicit == null && !exposedByClass(m, type, wholeClass, hierarchy)) {
                continue;
            }
            String given = explicit == null ? "" : explicit.name();
            String property = propertyName(m);
            if (property != null) {
                String attr = given.isEmpty() ? property : given;
                if (refusePrivate(attr, m)) {
                    continue;
                }
                Method[] pair = properties.computeIfAbsent(attr, k -> new Method[2]);
                pair[m.getParameterCount() == 0 ? 0 : 1] = m;
                known.add(attr);
                continue;
            }
            String remote = given.isEmpty() ? m.getName() : given;
            if (refusePrivate(remote, m)) {
                continue;
            }
            try {
                overloads.computeIfAbsent(remote, k -> new ArrayList<>())
                        .add(new Overload(m, name, remote, annotated(m, hierarchy, Callback.class)));
                known.add(remote);
                if (annotated(m, hierarchy, Oneway.class)) {
                    oneway.add(remote);
                }
            } catch (IllegalAccessException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot expose " + m + ": " + e);
            }
        }
        Map<String, RemoteMethod> methodTable = new HashMap<>();
        overloads.forEach((remote, list) -> methodTable.put(remote,
                new RemoteMethod(remote, name, list, oneway.contains(remote))));
        Map<String, RemoteAttribute> attributeTable = new HashMap<>();
        for (Class<?> c : hierarchy) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                Expose e = f.getAnnotation(Expose.class);
                if (e == null || Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                String attr = e.name().isEmpty() ? f.getName() : e.name();
                if (isPrivate(attr) || attributeTable.containsKey(attr) || properties.containsKey(attr)) {
                    continue;
                }
                try {
                    attributeTable.put(attr, new RemoteAttribute(attr, name, f));
                    known.add(attr);
                } catch (IllegalAccessException | RuntimeException ex) {
                    LOG.log(Level.WARNING, "cannot expose field " + f + ": " + ex);
                }
            }
        }
        properties.forEach((attr, pair) -> {
            try {
                attributeTable.put(attr, new RemoteAttribute(attr, name, pair[0], pair[1]));
            } catch (IllegalAccessException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot expose property " + attr + " of " + type.getName() + ": " + e);
            }
        });
        this.methods = Map.copyOf(methodTable);
        this.attributes = Map.copyOf(attributeTable);
        this.publicNames = Set.copyOf(known);
        Set<String> onewayNames = new LinkedHashSet<>(oneway);
        onewayNames.retainAll(methodTable.keySet());
        this.metadata = new Metadata(methodTable.keySet(), onewayNames, attributeTable.keySet());
    }

    /** The class name used in Python-style messages (the simple name). */
    public String name() {
        return name;
    }

    /** The remote method of that name, or {@code null}. */
    public RemoteMethod method(String remoteName) {
        return methods.get(remoteName);
    }

    /** The remote attribute of that name, or {@code null}. */
    public RemoteAttribute attribute(String remoteName) {
        return attributes.get(remoteName);
    }

    /** The metadata clients get: exposed methods, oneway methods, attributes. */
    public Metadata metadata() {
        return metadata;
    }

    /**
     * The remote method of that name.
     *
     * @throws org.jpyro.api.PyroRemoteException an {@code AttributeError} worded as Pyro words it
     */
    public RemoteMethod requireMethod(String remoteName) {
        RemoteMethod m = methods.get(remoteName);
        if (m != null) {
            return m;
        }
        if (isPrivate(remoteName)) {
            throw PythonErrors.attributeError("attempt to access private attribute '" + remoteName + "'");
        }
        if (publicNames.contains(remoteName)) {
            throw PythonErrors.attributeError("attempt to access unexposed attribute '" + remoteName + "'");
        }
        throw PythonErrors.attributeError("'" + name + "' object has no attribute '" + remoteName + "'");
    }

    /**
     * The remote attribute of that name.
     *
     * @throws org.jpyro.api.PyroRemoteException an {@code AttributeError} worded as Pyro words it
     */
    public RemoteAttribute requireAttribute(String remoteName) {
        RemoteAttribute a = attributes.get(remoteName);
        if (a != null) {
            return a;
        }
        if (publicNames.contains(remoteName)) {
            throw PythonErrors.attributeError("attempt to access unexposed or unknown remote attribute '"
                    + remoteName + "'");
        }
        throw PythonErrors.attributeError("type object '" + name + "' has no attribute '" + remoteName + "'");
    }

    // ------------------------------------------------------------------ rules

    private static Expose explicitExpose(Method m, List<Class<?>> hierarchy) {
        Expose direct = m.getAnnotation(Expose.class);
        if (direct != null) {
            return direct;
        }
        for (Class<?> t : hierarchy) {
            Method declared = declared(t, m);
            if (declared != null) {
                Expose e = declared.getAnnotation(Expose.class);
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    private static boolean exposedByClass(Method m, Class<?> type, boolean wholeClass, List<Class<?>> hierarchy) {
        if (isObjectMethod(m) || isJdkType(m.getDeclaringClass())) {
            return false;
        }
        if (wholeClass) {
            return true;
        }
        for (Class<?> t : hierarchy) {
            if (t.isAnnotationPresent(Expose.class) && !isJdkType(t) && declared(t, m) != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether the method, or a method of the hierarchy it overrides, carries the annotation. */
    private static boolean annotated(Method m, List<Class<?>> hierarchy, Class<? extends java.lang.annotation.Annotation> a) {
        if (m.isAnnotationPresent(a)) {
            return true;
        }
        for (Class<?> t : hierarchy) {
            Method declared = declared(t, m);
            if (declared != null && declared.isAnnotationPresent(a)) {
                return true;
            }
        }
        return false;
    }

    /** The bean property a getter or setter stands for, or {@code null} for an ordinary method. */
    static String propertyName(Method m) {
        String n = m.getName();
        int params = m.getParameterCount();
        Class<?> ret = m.getReturnType();
        if (params == 0 && n.length() > 3 && n.startsWith("get") && ret != void.class) {
            return decapitalize(n.substring(3));
        }
        if (params == 0 && n.length() > 2 && n.startsWith("is") && (ret == boolean.class || ret == Boolean.class)) {
            return decapitalize(n.substring(2));
        }
        if (params == 1 && n.length() > 3 && n.startsWith("set")) {
            return decapitalize(n.substring(3));
        }
        return null;
    }

    /** The JavaBeans rule: {@code Value} → {@code value}, but {@code URL} stays {@code URL}. */
    static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1)) && Character.isUpperCase(s.charAt(0))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean refusePrivate(String remote, Method m) {
        if (isPrivate(remote)) {
            LOG.log(Level.WARNING, "not exposing " + m + ": private name '" + remote + "'");
            return true;
        }
        return false;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean isJdkType(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.");
    }

    private static Method declared(Class<?> t, Method m) {
        try {
            return t.getDeclaredMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    /** The class, its superclasses and all interfaces, most specific first. */
    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c == null || c == Object.class || !seen.add(c)) {
                continue;
            }
            out.add(c);
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return out;
    }
}
