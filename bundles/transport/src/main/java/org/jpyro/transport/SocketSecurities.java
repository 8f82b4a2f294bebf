package org.jpyro.transport;

import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.SecurityException;

/**
 * Where daemons and proxies get their {@link SocketSecurity} when the configuration says {@code SSL=true}: the
 * first registered {@link SocketSecurityProvider}, else the first one {@link ServiceLoader} finds.
 */
public final class SocketSecurities {
    private static final CopyOnWriteArrayList<SocketSecurityProvider> PROVIDERS = new CopyOnWriteArrayList<>();

    private SocketSecurities() {
    }

    /** Makes a provider available (an OSGi component calls this on activation). */
    public static void register(SocketSecurityProvider provider) {
        PROVIDERS.addIfAbsent(provider);
    }

    /** Withdraws a provider registered with {@link #register}. */
    public static void unregister(SocketSecurityProvider provider) {
        PROVIDERS.remove(provider);
    }

    /**
     * Server socket security for {@code config}: {@code null} when SSL is off.
     *
     * @throws SecurityException SSL is on but no provider is installed
     */
    public static SocketSecurity server(PyroConfig config) {
        return config.getBoolean(ConfigItem.SSL) ? provider().server(config) : null;
    }

    /**
     * Client connection security for {@code config}: {@code null} when SSL is off.
     *
     * @throws SecurityException SSL is on but no provider is installed
     */
    public static SocketSecurity client(PyroConfig config) {
        return config.getBoolean(ConfigItem.SSL) ? provider().client(config) : null;
    }

    private static SocketSecurityProvider provider() {
        Iterator<SocketSecurityProvider> registered = PROVIDERS.iterator(); // a snapshot: safe against unregister
        if (registered.hasNext()) {
            return registered.next();
        }
        if (Loaded.PROVIDER != null) {
            return Loaded.PROVIDER;
        }
        throw new SecurityException("SSL is configured but no SSL provider is installed (add the org.jpyro.ssl bundle)");
    }

    /** The provider {@link ServiceLoader} finds, looked up once (every TLS connect asks). */
    private static final class Loaded {
        static final SocketSecurityProvider PROVIDER = ServiceLoader.load(SocketSecurityProvider.class,
                SocketSecurities.class.getClassLoader()).findFirst().orElse(null);
    }
}
