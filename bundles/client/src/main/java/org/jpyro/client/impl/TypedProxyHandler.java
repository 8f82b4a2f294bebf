package org.jpyro.client.impl;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.HasProxyState;
import org.jpyro.api.Tuple;

/**
 * The invocation handler of typed proxies ({@link Proxy java.lang.reflect.Proxy} instances for a Java
 * interface): each interface method runs through its {@link MethodPlan}, computed once per interface.
 * {@code toString}, {@code equals} and {@code hashCode} are answered locally; two typed proxies are equal when
 * they share the same underlying proxy.
 */
public final class TypedProxyHandler implements InvocationHandler {

    private static final ClassValue<Map<Method, MethodPlan>> PLANS = new ClassValue<>() {
        @Override
        protected Map<Method, MethodPlan> computeValue(Class<?> iface) {
            Map<Method, MethodPlan> plans = new HashMap<>();
            for (Class<?> c : new Class<?>[] {iface, HasProxyState.class, AutoCloseable.class}) {
                for (Method m : c.getMethods()) {
                    if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                        plans.putIfAbsent(m, MethodPlan.of(m));
                    }
                }
            }
            return Map.copyOf(plans);
        }
    };

    private final ProxyCore core;
    private final AutoCloseable owner;
    private final Class<?> iface;
    private final Map<Method, MethodPlan> plans;

    private TypedProxyHandler(ProxyCore core, AutoCloseable owner, Class<?> iface) {
        this.core = core;
        this.owner = owner;
        this.iface = iface;
        this.plans = PLANS.get(iface);
    }

    /**
     * A typed proxy for an interface, backed by {@code core}; {@code owner} is the untyped proxy object that
     * {@link #owner()} hands back and that {@code close()} closes.
     */
    public static <T> T create(ProxyCore core, AutoCloseable owner, Class<T> iface) {
        if (iface == null || !iface.isInterface()) {
            throw new IllegalArgumentException("typed proxies need an interface, got " + iface);
        }
        ClassLoader loader = iface.getClassLoader();
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        interfaces.add(iface);
        if (sees(loader, HasProxyState.class)) {
            interfaces.add(HasProxyState.class);
        }
        interfaces.add(AutoCloseable.class);
        Object proxy = Proxy.newProxyInstance(loader, interfaces.toArray(new Class<?>[0]),
                new TypedProxyHandler(core, owner, iface));
        return iface.cast(proxy);
    }

    /** The handler behind a typed proxy, or {@code null} if the object is not one. */
    public static TypedProxyHandler of(Object typedProxy) {
        if (typedProxy != null && Proxy.isProxyClass(typedProxy.getClass())
                && Proxy.getInvocationHandler(typedProxy) instanceof TypedProxyHandler h) {
            return h;
        }
        return null;
    }

    /** The untyped proxy object behind this typed proxy. */
    public AutoCloseable owner() {
        return owner;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
        }
        MethodPlan plan = plans.get(method);
        if (plan == null) {
            plan = MethodPlan.of(method);
        }
        switch (plan.kind) {
            case DEFAULT:
                return InvocationHandler.invokeDefault(proxy, method, args);
            case CLOSE:
                owner.close();
                return null;
            case PROXY_STATE:
                return core.state();
            default:
                if (plan.async) {
                    MethodPlan p = plan;
                    return core.async(() -> remote(p, args));
                }
                return remote(plan, args);
        }
    }

    /** A remote call, attribute access or oneway call as the plan says, its result shaped to the return type. */
    private Object remote(MethodPlan plan, Object[] args) {
        switch (plan.kind) {
            case ONEWAY:
                core.call(plan.remoteName, arguments(args, plan), Map.of(), true);
                return null;
            case GETTER:
                core.ensureReady();
                if (core.metadata().attrs().contains(plan.property)) {
                    return Results.adapt(core.getAttr(plan.property), plan);
                }
                return Results.adapt(core.call(plan.remoteName, Tuple.of(), Map.of(), false), plan);
            case SETTER:
                core.ensureReady();
                if (core.metadata().attrs().contains(plan.property)) {
                    core.setAttr(plan.property, args[0]);
                    return Results.adapt(null, plan);
                }
                return Results.adapt(core.call(plan.remoteName, arguments(args, plan), Map.of(), false), plan);
            case CALL:
            default:
                return Results.adapt(core.call(plan.remoteName, arguments(args, plan), Map.of(), false), plan);
        }
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals": {
                TypedProxyHandler other = of(args[0]);
                return other != null && other.core == core;
            }
            case "hashCode":
                return System.identityHashCode(core);
            case "toString":
                return "<typed proxy " + iface.getName() + " for " + core + ">";
            default:
                throw new UnsupportedOperationException(method.toString());
        }
    }

    /** The positional arguments; a varargs array is spread into separate arguments. */
    private static List<Object> arguments(Object[] args, MethodPlan plan) {
        if (args == null || args.length == 0) {
            return Tuple.of();
        }
        if (plan.varargs) {
            Object last = args[args.length - 1];
            int spread = last == null ? 0 : Array.getLength(last);
            Object[] all = new Object[args.length - 1 + spread];
            System.arraycopy(args, 0, all, 0, args.length - 1);
            for (int i = 0; i < spread; i++) {
                all[args.length - 1 + i] = Array.get(last, i);
            }
            return Tuple.wrap(all);
        }
        return Tuple.wrap(args);
    }

    private static boolean sees(ClassLoader loader, Class<?> type) {
        try {
            return Class.forName(type.getName(), false, loader) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
