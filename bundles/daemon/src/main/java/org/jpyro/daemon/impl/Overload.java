package org.jpyro.daemon.impl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.convert.ValueConverter;

/**
 * One Java method behind a remote method name, ready to call: a spread {@link MethodHandle} of type
 * {@code (Object target, Object[] args) -> Object}, the parameter names (from {@code -parameters}) for keyword
 * arguments and the generic parameter types for {@link ValueConverter}.
 * <p>
 * Binding follows Python: positional arguments fill the parameters in order, keyword arguments fill parameters
 * by name. A Java varargs parameter takes the surplus positional arguments (Python's {@code *args}); a last
 * parameter of a {@link Map} type named {@code kwargs} takes the keyword arguments no parameter is named after
 * (Python's {@code **kwargs}).
 */
public final class Overload {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final System.Logger CALLBACK_LOG = System.getLogger("org.jpyro.daemon.Callback");

    private final Method method;
    private final MethodHandle handle;
    private final String ownerName;
    private final String remoteName;
    private final String[] names;
    private final Type[] types;
    private final Class<?>[] rawTypes;
    private final Class<?>[] boxedTypes;
    /** Parameters filled by position or name (all but the varargs and kwargs collectors). */
    private final int fixed;
    private final int varargsIndex;
    private final int kwargsIndex;
    /** Marked {@link org.jpyro.api.Callback @Callback}: exceptions are also logged here. */
    private final boolean callback;

    Overload(Method method, String ownerName, String remoteName) throws IllegalAccessException {
        this(method, ownerName, remoteName, false);
    }

    Overload(Method method, String ownerName, String remoteName, boolean callback) throws IllegalAccessException {
        this.method = method;
        this.callback = callback;
        this.ownerName = ownerName;
        this.remoteName = remoteName;
        this.handle = spreadHandle(method);
        Parameter[] params = method.getParameters();
        int n = params.length;
        names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = params[i].isNamePresent() ? params[i].getName() : null;
        }
        types = method.getGenericParameterTypes();
        rawTypes = method.getParameterTypes();
        boxedTypes = new Class<?>[n];
        for (int i = 0; i < n; i++) {
            boxedTypes[i] = box(rawTypes[i]);
        }
        int last = n - 1;
        if (n > 0 && method.isVarArgs()) {
            varargsIndex = last;
            kwargsIndex = -1;
        } else if (n > 0 && "kwargs".equals(names[last]) && Map.class.isAssignableFrom(rawTypes[last])) {
            varargsIndex = -1;
            kwargsIndex = last;
        } else {
            varargsIndex = -1;
            kwargsIndex = -1;
        }
        fixed = n - (varargsIndex >= 0 || kwargsIndex >= 0 ? 1 : 0);
    }

    /** A handle {@code (Object, Object[]) -> Object} for the method; void methods return {@code null}. */
    static MethodHandle spreadHandle(Method m) throws IllegalAccessException {
        try {
            m.setAccessible(true);
        } catch (RuntimeException notOpen) {
            // a class in a named module that is not open to us: unreflect checks access itself
        }
        return spread(LOOKUP.unreflect(m).asFixedArity(), m.getParameterCount());
    }

    /** Adapts a handle {@code (Target, P1..Pn) -> R} to {@code (Object, Object[]) -> Object}. */
    static MethodHandle spread(MethodHandle h, int parameters) {
        return h.asType(h.type().generic()).asSpreader(Object[].class, parameters);
    }

    /** Handles {@code (Object, Object[]) -> Object} reading and (unless final) writing a field. */
    static MethodHandle[] fieldHandles(java.lang.reflect.Field f) throws IllegalAccessException {
        try {
            f.setAccessible(true);
        } catch (RuntimeException notOpen) {
            // unreflect checks access itself
        }
        MethodHandle getter = spread(LOOKUP.unreflectGetter(f), 0);
        MethodHandle setter = java.lang.reflect.Modifier.isFinal(f.getModifiers()) ? null
                : spread(LOOKUP.unreflectSetter(f), 1);
        return new MethodHandle[] {getter, setter};
    }

    /** The Java method. */
    public Method method() {
        return method;
    }

    /** Number of parameters. */
    int arity() {
        return types.length;
    }

    /** Parameters filled by position or keyword (Python counts {@code self} too: add 1 for its messages). */
    int fixedArity() {
        return fixed;
    }

    /** Whether surplus positional arguments go to a varargs parameter. */
    boolean takesVarargs() {
        return varargsIndex >= 0;
    }

    /**
     * Puts the call's arguments into parameter slots without converting them: the varargs slot holds a
     * {@link List}, the kwargs slot a {@link Map}.
     *
     * @param problem receives the reason when the arguments do not fit (may be {@code null})
     * @return the slots, or {@code null} when the arguments do not fit the parameter list
     */
    Object[] arrange(List<Object> args, Map<String, Object> kwargs, StringBuilder problem) {
        Object[] slots = new Object[types.length];
        int positional = args.size();
        if (positional > fixed && varargsIndex < 0) {
            return fail(problem, tooMany(fixed, fixed, positional));
        }
        int filledByPosition = Math.min(positional, fixed);
        for (int i = 0; i < filledByPosition; i++) {
            slots[i] = args.get(i);
        }
        if (varargsIndex >= 0) {
            slots[varargsIndex] = positional > fixed ? new ArrayList<>(args.subList(fixed, positional)) : List.of();
        }
        boolean[] named = null;
        Map<String, Object> extra = null;
        if (kwargs != null && !kwargs.isEmpty()) {
            named = new boolean[types.length];
            for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
                int index = indexOf(kw.getKey());
                if (index >= 0) {
                    if (index < filledByPosition || named[index]) {
                        return fail(problem, "got multiple values for argument '" + kw.getKey() + "'");
                    }
                    slots[index] = kw.getValue();
                    named[index] = true;
                } else if (kwargsIndex >= 0) {
                    if (extra == null) {
                        extra = new LinkedHashMap<>();
                    }
                    extra.put(kw.getKey(), kw.getValue());
                } else {
                    return fail(problem, "got an unexpected keyword argument '" + kw.getKey() + "'");
                }
            }
        }
        if (kwargsIndex >= 0) {
            slots[kwargsIndex] = extra == null ? new LinkedHashMap<>() : extra;
        }
        if (filledByPosition < fixed) {
            List<String> missing = new ArrayList<>();
            for (int i = filledByPosition; i < fixed; i++) {
                if (named == null || !named[i]) {
                    missing.add(names[i] == null ? "arg" + i : names[i]);
                }
            }
            if (!missing.isEmpty()) {
                return fail(problem, "missing " + missing.size() + " required positional argument"
                        + (missing.size() == 1 ? "" : "s") + ": " + quotedList(missing));
            }
        }
        return slots;
    }

    private int indexOf(String name) {
        for (int i = 0; i < fixed; i++) {
            if (name.equals(names[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Whether every slot converts to its parameter type. */
    boolean convertible(Object[] slots) {
        for (int i = 0; i < slots.length; i++) {
            if (!ValueConverter.canConvert(slots[i], types[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * How well the slots fit, to choose between overloads that all take them: per argument 3 when it already
     * is of the parameter's type, 2 for an int to another integral type or a float to float/double, 1 for any
     * other conversion (an int to a floating point type, a sequence to an array...), 0 for None.
     */
    int exactness(Object[] slots) {
        int score = 0;
        for (int i = 0; i < slots.length; i++) {
            score += fit(slots[i], boxedTypes[i]);
        }
        return score;
    }

    private static int fit(Object v, Class<?> type) {
        if (v == null) {
            return 0;
        }
        if (type.isInstance(v)) {
            return 3;
        }
        boolean integral = v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger
                || v instanceof Short || v instanceof Byte;
        if (integral && (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class)) {
            return 2;
        }
        if ((v instanceof Double || v instanceof Float) && (type == Double.class || type == Float.class)) {
            return 2;
        }
        return 1;
    }

    /** Whether every parameter type of this overload is a subtype of the other's (and they differ). */
    boolean moreSpecificThan(Overload other) {
        if (other == null || other.boxedTypes.length != boxedTypes.length) {
            return false;
        }
        boolean differs = false;
        for (int i = 0; i < boxedTypes.length; i++) {
            if (!other.boxedTypes[i].isAssignableFrom(boxedTypes[i])) {
                return false;
            }
            differs |= other.boxedTypes[i] != boxedTypes[i];
        }
        return differs;
    }

    /**
     * Converts the slots in place to the parameter types.
     *
     * @throws PyroRemoteException a {@code TypeError} naming the parameter that does not fit
     */
    Object[] convert(Object[] slots) {
        for (int i = 0; i < slots.length; i++) {
            try {
                slots[i] = ValueConverter.convert(slots[i], types[i]);
            } catch (IllegalArgumentException e) {
                String name = names[i] == null ? "arg" + i : names[i];
                throw PythonErrors.typeError(qualifiedName() + "() argument '" + name + "': " + e.getMessage());
            }
        }
        return slots;
    }

    /**
     * Python's "takes N positional arguments but M were given" for a method taking {@code min..max} positional
     * arguments besides {@code self}; like Python, the numbers count {@code self}.
     */
    static String tooMany(int min, int max, int given) {
        String takes = min == max ? String.valueOf(min + 1) : "from " + (min + 1) + " to " + (max + 1);
        return "takes " + takes + " positional argument" + (min == 0 && max == 0 ? "" : "s") + " but " + (given + 1)
                + " were given";
    }

    /**
     * Calls the method; exceptions of the method propagate unwrapped. A {@link org.jpyro.api.Callback @Callback}
     * method's exception is also logged (WARNING, logger {@code org.jpyro.daemon.Callback}), as Pyro raises it
     * on the callback side too.
     */
    Object invoke(Object target, Object[] args) throws Throwable {
        if (!callback) {
            return (Object) handle.invokeExact(target, args);
        }
        try {
            return (Object) handle.invokeExact(target, args);
        } catch (Throwable t) {
            CALLBACK_LOG.log(System.Logger.Level.WARNING, "exception in callback " + qualifiedName() + "()", t);
            throw t;
        }
    }

    /** Binds, converts and calls: the path for a method without overloads. */
    Object call(Object target, List<Object> args, Map<String, Object> kwargs) throws Throwable {
        Object[] slots = arrange(args, kwargs, null);
        if (slots == null) {
            StringBuilder problem = new StringBuilder();
            arrange(args, kwargs, problem);
            throw PythonErrors.typeError(qualifiedName() + "() " + problem); // exactly Python's text
        }
        return invoke(target, convert(slots));
    }

    /** {@code Owner.name}, as Python names a method in its messages. */
    String qualifiedName() {
        return ownerName + "." + remoteName;
    }

    /** A readable signature, e.g. {@code add(int a, int b)}. */
    String signature() {
        StringBuilder sb = new StringBuilder(remoteName).append('(');
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String type = types[i].getTypeName().replace("java.lang.", "").replace("java.util.", "");
            if (i == varargsIndex) {
                type = type.substring(0, type.length() - 2) + "...";
            }
            sb.append(type);
            if (names[i] != null) {
                sb.append(' ').append(names[i]);
            }
        }
        return sb.append(')').toString();
    }

    private static Object[] fail(StringBuilder problem, String reason) {
        if (problem != null) {
            problem.setLength(0);
            problem.append(reason);
        }
        return null;
    }

    private static String quotedList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(i == names.size() - 1 ? (names.size() > 2 ? ", and " : " and ") : ", ");
            }
            sb.append('\'').append(names.get(i)).append('\'');
        }
        return sb.toString();
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }
}
