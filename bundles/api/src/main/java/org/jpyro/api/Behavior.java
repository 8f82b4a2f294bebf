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
            try {
                java.lang.reflect.Constructor<?> c = type.getDeclaredConstructor();
                try {
                    c.setAccessible(true);
                } catch (RuntimeException notOpen) {
                    // public constructors of exported classes need no help
                }
                return c.newInstance();
            } catch (java.lang.reflect.InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new DaemonException("cannot create an instance of " + type.getName() + ": " + cause, cause);
            } catch (ReflectiveOperationException e) {
                throw new DaemonException("cannot create an instance of " + type.getName()
                        + " (no usable no-argument constructor; give an instance creator): " + e, e);
            }
        }
    }
}
