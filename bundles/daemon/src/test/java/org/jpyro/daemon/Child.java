package org.jpyro.daemon;

import org.jpyro.api.Expose;

/** The vectors' {@code test.child}. */
public class Child {
    @Expose
    public String hello() {
        return "hello from child";
    }
}
