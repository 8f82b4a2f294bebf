package org.jpyro.daemon.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A remote method name and the Java overloads behind it. With one overload the call binds and converts
 * directly; with several, the ones whose parameter lists take the arguments are kept, then those whose
 * parameters the values convert to, and among them the one with the most arguments that already have the
 * parameter's type wins; on a tie the more specific parameter types win (as in Java), then the order:
 * fewer parameters first, then by signature.
 */
public final class RemoteMethod {
    private final String name;
    private final String ownerName;
    private final List<Overload> overloads;
    private final boolean oneway;

    RemoteMethod(String name, String ownerName, List<Overload> overloads, boolean oneway) {
        List<Overload> sorted = new ArrayList<>(overloads);
        sorted.sort(Comparator.comparingInt(Overload::arity).thenComparing(Overload::signature));
        this.name = name;
        this.ownerName = ownerName;
        this.overloads = List.copyOf(sorted);
        this.oneway = oneway;
    }

    /** The remote name. */
    public String name() {
        return name;
    }

    /** Whether the method is marked {@code @Oneway}. */
    public boolean isOneway() {
        return oneway;
    }

    /** The overloads, in the order they are tried. */
    public List<Overload> overloads() {
        return overloads;
    }

    /**
     * Calls the best fitting overload.
     *
     * @param kwargs keyword arguments, or {@code null} for none
     * @throws org.jpyro.api.PyroRemoteException a {@code TypeError} when no overload fits
     * @throws Throwable                         whatever the Java method throws, unwrapped
     */
    public Object invoke(Object target, List<Object> args, Map<String, Object> kwargs) throws Throwable {
        if (overloads.size() == 1) {
            return overloads.get(0).call(target, args, kwargs);
        }
        Overload best = null;
        Object[] bestSlots = null;
        int bestScore = -1;
        for (Overload o : overloads) {
            Object[] slots = o.arrange(args, kwargs, null);
            if (slots == null || !o.convertible(slots)) {
                continue;
            }
            int score = o.exactness(slots);
            if (score > bestScore || (score == bestScore && o.moreSpecificThan(best))) {
                best = o;
                bestSlots = slots;
                bestScore = score;
            }
        }
        if (best == null) {
            throw PythonErrors.typeError(noFit(args, kwargs));
        }
        return best.invoke(target, best.convert(bestSlots));
    }

    private String noFit(List<Object> args, Map<String, Object> kwargs) {
        StringBuilder sb = new StringBuilder(ownerName).append('.').append(name)
                .append("(): no overload fits the arguments (");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pythonType(args.get(i)));
        }
        if (kwargs != null) {
            for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
                if (sb.charAt(sb.length() - 1) != '(') {
                    sb.append(", ");
                }
                sb.append(kw.getKey()).append('=').append(pythonType(kw.getValue()));
            }
        }
        sb.append("); candidates: ");
        for (int i = 0; i < overloads.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(overloads.get(i).signature());
        }
        return sb.toString();
    }

    private static String pythonType(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof org.jpyro.api.Tuple) {
            return "tuple";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof java.util.Set) {
            return "set";
        }
        if (v instanceof Map) {
            return "dict";
        }
        return v.getClass().getSimpleName();
    }
}
