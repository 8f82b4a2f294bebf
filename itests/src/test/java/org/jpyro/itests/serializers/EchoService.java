package org.jpyro.itests.serializers;

import java.util.Map;

/**
 * What the Python client of every serializer interop test calls on the jpyro daemon: echo, the Java class an
 * argument was decoded to, an exception, and the values only Java makes ({@link #javaValues()}, per serializer).
 * The subclasses are the {@code @Expose}d classes (which exposes these inherited methods too).
 */
public abstract class EchoService {
    public Object echo(Object x) {
        return x;
    }

    /** The Java class the argument was decoded to ({@code [B} for bytes, {@code null} for None). */
    public String typeOf(Object x) {
        return x == null ? "null" : x.getClass().getName();
    }

    public Object fail(String message) {
        throw new IllegalArgumentException(message);
    }

    /** Java values the Python client checks it receives as the serializer promises. */
    public abstract Map<String, Object> javaValues();
}
