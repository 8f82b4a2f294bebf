package org.jpyro.api;

/**
 * How a daemon creates the objects that serve a registered <em>class</em>; Python's
 * {@code @behavior(instance_mode=...)}. Registering an instance always serves that one object.
 */
public enum InstanceMode {
    /** One instance for every call of every connection, created lazily (once) on the first call. */
    SINGLE,
    /**
     * One instance per client connection (proxy), created on the connection's first call and released when the
     * connection ends ({@link AutoCloseable} instances are closed then). The default, as in Pyro.
     */
    SESSION,
    /** A new instance for every call, dropped afterwards (never closed by the daemon). */
    PERCALL
}
