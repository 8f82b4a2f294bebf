package org.jpyro.benchmarks;

import org.jpyro.api.Expose;

/** The remote object the benchmarks call: nothing but an echo, so the numbers measure jpyro itself. */
@Expose
public class EchoTarget {
    /** The object id the benchmarks register it under. */
    public static final String OBJECT_ID = "bench.echo";

    /** The argument sent by every benchmark call. */
    public static final String MESSAGE = "hello";

    /** Returns its argument. */
    public Object echo(Object message) {
        return message;
    }
}
