package org.jpyro.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a member callable by Pyro clients; Python's {@code @expose}. Only exposed members are ever callable.
 * On a class it exposes every public method and bean property the class declares or inherits (never
 * {@link Object}'s methods). On a method it exposes that method; on a getter or setter
 * ({@code getX}/{@code isX}/{@code setX}) it exposes the remote attribute {@code x}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface Expose {
    /** The remote name; empty means the Java name (or the property name for getters and setters). */
    String name() default "";
}
