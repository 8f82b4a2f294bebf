package org.jpyro.ssl;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.transport.SocketSecurities;
import org.jpyro.transport.SocketSecurity;
import org.jpyro.transport.SocketSecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * What {@code SSL=true} uses: {@link SslSecurity#server(PyroConfig)} for daemons and
 * {@link SslSecurity#client(PyroConfig)} for proxies. Like Pyro, which makes its SSL contexts once per process,
 * it keeps the security made for each distinct set of SSL_* settings, so that proxies do not reload certificate
 * files on every connect (a changed file takes effect for new settings or a new provider). Failures are not kept.
 *
 * <p>Found through {@link java.util.ServiceLoader} in plain Java; in an OSGi framework a DS component (immediate)
 * that registers itself in {@link SocketSecurities} while active. Thread-safe.
 */
@Component(service = SocketSecurityProvider.class, immediate = true)
public class SslSocketSecurityProvider implements SocketSecurityProvider {
    private static final int MAX_KEPT = 64;
    private static final ConfigItem[] SERVER_ITEMS = {ConfigItem.SSL_SERVERCERT, ConfigItem.SSL_SERVERKEY,
            ConfigItem.SSL_SERVERKEYPASSWD, ConfigItem.SSL_REQUIRECLIENTCERT, ConfigItem.SSL_CACERTS};
    private static final ConfigItem[] CLIENT_ITEMS = {ConfigItem.SSL_CLIENTCERT, ConfigItem.SSL_CLIENTKEY,
            ConfigItem.SSL_CLIENTKEYPASSWD, ConfigItem.SSL_CACERTS};

    private final Map<Settings, SslSecurity> made = new ConcurrentHashMap<>();

    /** A provider (ServiceLoader and DS need the public no-argument constructor). */
    public SslSocketSecurityProvider() {
    }

    /** OSGi: makes this provider the one daemons and proxies of this framework use for SSL. */
    @Activate
    void activate() {
        SocketSecurities.register(this);
    }

    /** OSGi: withdraws it again. */
    @Deactivate
    void deactivate() {
        SocketSecurities.unregister(this);
        made.clear();
    }

    @Override
    public SocketSecurity server(PyroConfig config) {
        return kept(new Settings(true, values(config, SERVER_ITEMS)), () -> SslSecurity.server(config));
    }

    @Override
    public SocketSecurity client(PyroConfig config) {
        return kept(new Settings(false, values(config, CLIENT_ITEMS)), () -> SslSecurity.client(config));
    }

    private SslSecurity kept(Settings settings, Supplier<SslSecurity> maker) {
        SslSecurity s = made.get(settings);
        if (s == null) {
            s = maker.get();
            if (made.size() >= MAX_KEPT) {
                made.clear();
            }
            made.putIfAbsent(settings, s);
        }
        return s;
    }

    private static List<Object> values(PyroConfig config, ConfigItem[] items) {
        Object[] v = new Object[items.length];
        for (int i = 0; i < items.length; i++) {
            v[i] = config.get(items[i]);
        }
        return Arrays.asList(v);
    }

    private record Settings(boolean server, List<Object> values) {
    }
}
