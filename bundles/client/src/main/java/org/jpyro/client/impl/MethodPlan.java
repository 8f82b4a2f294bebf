package org.jpyro.client.impl;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.jpyro.api.Expose;
import org.jpyro.api.HasProxyState;
import org.jpyro.api.Oneway;
import org.jpyro.client.RemoteIterator;

/**
 * How one interface method of a typed proxy is carried out, worked out once per method: which remote name it
 * calls, whether it is oneway or a property accessor candidate, and how the result is shaped into the
 * declared return type.
 */
final class MethodPlan {

    /** What the method does. */
    enum Kind {
        /** A remote call of {@link #remoteName}. */
        CALL,
        /** A oneway remote call ({@code void} + {@link Oneway}). */
        ONEWAY,
        /** {@code getX()}/{@code isX()}: {@code __getattr__} when the property is exposed, else a call. */
        GETTER,
        /** {@code setX(v)}: {@code __setattr__} when the property is exposed, else a call. */
        SETTER,
        /** A default method, run locally. */
        DEFAULT,
        /** {@link AutoCloseable#close()}: closes the proxy. */
        CLOSE,
        /** {@link HasProxyState#proxyState()}. */
        PROXY_STATE
    }

    /** How the remote result becomes the return value. */
    enum Shape {
        VOID, RAW, VALUE, ITERATOR, STREAM, ITERABLE
    }

    final Kind kind;
    final String remoteName;
    final String property;
    final Shape shape;
    final Type returnType;
    final Class<?> returnClass;
    final Type elementType;
    final boolean varargs;
    /**
     * Whether the method returns a {@link CompletableFuture} (or {@link CompletionStage}, {@link Future}): it
     * is called on the proxy's asynchronous caller, and {@link #returnType}/{@link #returnClass}/{@link #shape}
     * then describe the future's value type {@code T}.
     */
    final boolean async;

    private MethodPlan(Kind kind, String remoteName, String property, Method m) {
        this.kind = kind;
        this.remoteName = remoteName;
        this.property = property;
        Class<?> declared = m.getReturnType();
        this.async = declared == CompletableFuture.class || declared == CompletionStage.class
                || declared == Future.class;
        this.returnType = async ? elementTypeOf(m.getGenericReturnType()) : m.getGenericReturnType();
        this.returnClass = async ? rawClass(returnType) : declared;
        this.varargs = m.isVarArgs();
        this.shape = shapeOf(returnClass);
        this.elementType = shape == Shape.ITERATOR || shape == Shape.STREAM || shape == Shape.ITERABLE
                ? elementTypeOf(returnType) : Object.class;
    }

    static MethodPlan of(Method m) {
        if (m.isDefault()) {
            return new MethodPlan(Kind.DEFAULT, null, null, m);
        }
        if (m.getName().equals("close") && m.getParameterCount() == 0
                && AutoCloseable.class.isAssignableFrom(m.getDeclaringClass())) {
            return new MethodPlan(Kind.CLOSE, null, null, m);
        }
        if (m.getDeclaringClass() == HasProxyState.class) {
            return new MethodPlan(Kind.PROXY_STATE, null, null, m);
        }
        Expose expose = m.getAnnotation(Expose.class);
        String exposedName = expose != null && !expose.name().isEmpty() ? expose.name() : null;
        String remote = exposedName != null ? exposedName : m.getName();
        String property = propertyName(m);
        if (property != null) {
            Kind kind = m.getParameterCount() == 0 ? Kind.GETTER : Kind.SETTER;
            return new MethodPlan(kind, remote, exposedName != null ? exposedName : property, m);
        }
        boolean oneway = m.getReturnType() == void.class && m.isAnnotationPresent(Oneway.class);
        return new MethodPlan(oneway ? Kind.ONEWAY : Kind.CALL, remote, null, m);
    }

    /** The bean property of a getter ({@code getX}, {@code isX} for booleans) or setter ({@code setX}), else null. */
    static String propertyName(Method m) {
        String name = m.getName();
        int params = m.getParameterCount();
        Class<?> ret = m.getReturnType();
        if (params == 0 && ret != void.class && name.length() > 3 && name.startsWith("get")) {
            return decapitalize(name.substring(3));
        }
        if (params == 0 && (ret == boolean.class || ret == Boolean.class) && name.length() > 2 && name.startsWith("is")) {
            return decapitalize(name.substring(2));
        }
        if (params == 1 && name.length() > 3 && name.startsWith("set") && !m.isVarArgs()) {
            return decapitalize(name.substring(3));
        }
        return null;
    }

    /** JavaBeans rule: {@code Value} → {@code value}, {@code URL} stays {@code URL}. */
    static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Shape shapeOf(Class<?> c) {
        if (c == void.class || c == Void.class) {
            return Shape.VOID;
        }
        if (c == Object.class || c == RemoteIterator.class) {
            return Shape.RAW;
        }
        if (c == Iterator.class) {
            return Shape.ITERATOR;
        }
        if (c == Stream.class) {
            return Shape.STREAM;
        }
        if (c == Iterable.class) {
            return Shape.ITERABLE;
        }
        return Shape.VALUE;
    }

    private static Type elementTypeOf(Type t) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            Type arg = p.getActualTypeArguments()[0];
            if (arg instanceof WildcardType w) {
                Type[] upper = w.getUpperBounds();
                return upper.length == 1 ? upper[0] : Object.class;
            }
            if (arg instanceof TypeVariable<?>) {
                return Object.class;
            }
            return arg;
        }
        return Object.class;
    }
}
