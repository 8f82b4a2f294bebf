package org.jpyro.itests;

import org.jpyro.api.Expose;

/** The Java twin of {@code test.child} in the golden vectors. */
@Expose
public class VecChild {
    /** The object id of the recorded child. */
    public static final String OBJECT_ID = "test.child";

    /** A greeting. */
    public String hello() {
        return "hello from child";
    }
}
