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

    /**
     * Python's TypeError text for a call no overload takes, followed by the Java overloads: when no overload's
     * parameter list takes the arguments, Python's own wording ("takes from 2 to 3 positional arguments but 4
     * were given", "missing 1 required positional argument: 'x'"...; positional counts include {@code self} as
     * in Python); otherwise "got incompatible argument types (float, str)".
     */
    private String noFit(List<Object> args, Map<String, Object> kwargs) {
        StringBuilder sb = new StringBuilder(ownerName).append('.').append(name).append("() ");
        String problem = arityProblem(args, kwargs);
        if (problem != null) {
            sb.append(problem);
        } else {
            sb.append("got incompatible argument types (");
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
            sb.append(')');
        }
        sb.append("; Java overloads: ");
        for (int i = 0; i < overloads.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(overloads.get(i).signature());
        }
        return sb.toString();
    }

    /**
     * Why no overload's parameter list takes the arguments, or {@code null} when some does (then the types are
     * the problem): too many positional arguments for all of them as one Python message with the range of
     * positional counts, else the problem of the first overload (fewest parameters first) that takes at least as
     * many positional arguments as given.
     */
    private String arityProblem(List<Object> args, Map<String, Object> kwargs) {
        StringBuilder problem = new StringBuilder();
        String first = null;
        int min = Integer.MAX_VALUE;
        int max = -1;
        boolean allTooMany = true;
        for (Overload o : overloads) {
            if (o.arrange(args, kwargs, problem) != null) {
                return null;
            }
            boolean tooMany = !o.takesVarargs() && args.size() > o.fixedArity();
            allTooMany &= tooMany;
            min = Math.min(min, o.fixedArity());
            max = Math.max(max, o.fixedArity());
            if (!tooMany && first == null) {
                first = problem.toString();
            }
        }
        return allTooMany ? Overload.tooMany(min, max, args.size()) : first;
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
