package org.jpyro.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an exposed method as a callback; Python's {@code @callback}. Typically used on the methods of an object a
 * client registers in its own daemon and passes to a server, which then calls it back. When such a method throws,
 * the exception is sent to the remote caller as usual <em>and</em> also reported on the callback's side: the
 * daemon logs it at WARNING level with its stack trace (logger {@code org.jpyro.daemon.Callback}), so the
 * client sees that its callback failed even when the server ignores the error. Must be combined with
 * {@link Expose}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Callback {
}
