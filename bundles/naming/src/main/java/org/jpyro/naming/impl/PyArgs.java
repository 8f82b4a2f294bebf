package org.jpyro.naming.impl;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jpyro.api.PyroRemoteException;

/** Binds positional and keyword arguments to named parameters with defaults, as a Python function would. */
public final class PyArgs {
    private PyArgs() {
    }

    /**
     * The parameter values in declaration order.
     *
     * @param defaults one per parameter; {@link #REQUIRED} for parameters without a default
     * @throws PyroRemoteException a {@code TypeError} worded like Python's
     */
    public static Object[] bind(String function, String[] names, Object[] defaults, List<Object> args,
            Map<String, Object> kwargs) {
        if (args.size() > names.length) {
            throw typeError(function + "() takes " + (names.length + 1) + " positional arguments but "
                    + (args.size() + 1) + " were given");
        }
        Object[] values = new Object[names.length];
        boolean[] set = new boolean[names.length];
        for (int i = 0; i < args.size(); i++) {
            values[i] = args.get(i);
            set[i] = true;
        }
        if (kwargs != null) {
            for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
                int index = indexOf(names, kw.getKey());
                if (index < 0) {
                    throw typeError(function + "() got an unexpected keyword argument '" + kw.getKey() + "'");
                }
                if (set[index]) {
                    throw typeError(function + "() got multiple values for argument '" + kw.getKey() + "'");
                }
                values[index] = kw.getValue();
                set[index] = true;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (!set[i]) {
                if (defaults[i] == REQUIRED) {
                    throw typeError(function + "() missing 1 required positional argument: '" + names[i] + "'");
                }
                values[i] = defaults[i];
            }
        }
        return values;
    }

    /** Marks a parameter without default. */
    public static final Object REQUIRED = new Object();

    /** Python truthiness. */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof Object[] a) {
            return a.length > 0;
        }
        if (v instanceof byte[] b) {
            return b.length > 0;
        }
        return true;
    }

    /** A Python {@code TypeError}. */
    public static PyroRemoteException typeError(String message) {
        return new PyroRemoteException("builtins.TypeError", List.of(message), null);
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
