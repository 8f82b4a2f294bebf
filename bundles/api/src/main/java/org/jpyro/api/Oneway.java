package org.jpyro.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an exposed method as oneway; Python's {@code @oneway}. Clients learn it from the metadata and do not
 * wait for a result; the daemon runs it without blocking the connection and never sends a result.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Oneway {
}
