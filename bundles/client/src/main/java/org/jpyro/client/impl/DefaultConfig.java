package org.jpyro.client.impl;

import org.jpyro.api.PyroConfig;

/**
 * The config of proxies made without one: Pyro defaults, then {@code PYRO_*} environment variables and system
 * properties, read on first use. A bad value fails every request for the default config with the reason, so
 * it can be fixed without a restart of the class.
 */
public final class DefaultConfig {
    private static volatile PyroConfig config;

    private DefaultConfig() {
    }

    /** The process-wide default config. */
    public static PyroConfig get() {
        PyroConfig c = config;
        if (c == null) {
            c = PyroConfig.fromEnvironment();
            config = c;
        }
        return c;
    }
}
