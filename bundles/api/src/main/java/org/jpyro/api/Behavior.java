package org.jpyro.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.Function;

/**
 * How a daemon serves a class registered as a class ({@code daemon.register(Foo.class)}); Python's
 * {@code @behavior(instance_mode=..., instance_creator=...)}. Without this annotation a registered class is
 * served in {@link InstanceMode#SESSION} mode with instances made by its no-argument constructor.
 * <pre>{@code
 * @Expose
 * @Behavior(instanceMode = InstanceMode.PERCALL, instanceCreator = Shop.Factory.class)
 * public class Shop { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Behavior {
    /** When instances are created and how long they live. */
    InstanceMode instanceMode() default InstanceMode.SESSION;

    /**
     * A class (with a public no-argument constructor) whose instance the daemon asks for each new object: it gets
     * the registered class and returns an instance of it. By default the class's own no-argument constructor is
     * used. A creator given to {@code Daemon.register} takes precedence over this one.
     */
    Class<? extends Function<Class<?>, Object>> instanceCreator() default NoArgConstructor.class;

    /** The default creator: the registered class's (possibly non-public) no-argument constructor. */
    final class NoArgConstructor implements Function<Class<?>, Object> {
        @Override
        public Object apply(Class<?> type) {
            return of(type).apply(type);
        }

        /**
         * The no-argument constructor of {@code type} as a creator, looked up once (daemons call this when a class
         * is registered, so a class without one is refused then, not at the first call).
         *
         * @throws DaemonException {@code type} has no no-argument constructor
         */
        public static Function<Class<?>, Object> of(Class<?> type) {
            java.lang.reflect.Constructor<?> c;
            try {
                c = type.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                throw new DaemonException("cannot create instances of " + type.getName()
                        + ": it has no no-argument constructor; give an instance creator");
            }
            try {
                c.setAccessible(true);
            } catch (RuntimeException notOpen) {
                // public constructors of exported classes need no help; others fail when called
            }
            java.lang.reflect.Constructor<?> constructor = c;
            return t -> {
                try {
                    return constructor.newInstance();
                } catch (java.lang.reflect.InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw new DaemonException("cannot create an instance of " + t.getName() + ": " + cause, cause);
                } catch (ReflectiveOperationException e) {
                    throw new DaemonException("cannot create an instance of " + t.getName() + ": " + e, e);
                }
            };
        }
    }
}
