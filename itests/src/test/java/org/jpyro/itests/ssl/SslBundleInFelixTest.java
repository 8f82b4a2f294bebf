package org.jpyro.itests.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The ssl bundle in a real OSGi framework (Felix with SCR) next to api and transport: it resolves with its
 * imports, its DS component registers the provider, and then {@code SSL=true} gets TLS from it inside the
 * framework (where the transport bundle's ServiceLoader cannot see the ssl bundle); stopping the bundle
 * withdraws it again.
 */
@Timeout(120)
class SslBundleInFelixTest {
    private static final String[] SCR_BUNDLES = {"osgi.function.bundle", "osgi.promise.bundle", "osgi.component.bundle",
        "scr.bundle"};
    private static final String PROVIDER = "org.jpyro.transport.SocketSecurityProvider";

    @TempDir
    Path storage;
    private Framework framework;

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static File jar(String key) {
        String path = System.getProperty(key);
        assertNotNull(path, "system property " + key + " (set by the itests pom)");
        File f = new File(path);
        assertTrue(f.isFile(), "bundle jar " + f);
        return f;
    }

    @Test
    void theDsComponentProvidesTlsInsideTheFramework() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String key : SCR_BUNDLES) {
            installed.add(ctx.installBundle(jar(key).toURI().toString()));
        }
        Map<String, Bundle> jpyro = new HashMap<>();
        for (String name : List.of("api", "protocol", "transport", "ssl")) {
            Bundle b = ctx.installBundle(jar("jpyro." + name).toURI().toString());
            jpyro.put(name, b);
            installed.add(b);
        }
        for (Bundle b : installed) {
            b.start();
        }
        Bundle ssl = jpyro.get("ssl");
        assertEquals(Bundle.ACTIVE, ssl.getState(), states(installed));
        assertEquals("org.jpyro.ssl", ssl.getSymbolicName());
        assertTrue(awaitProvider(ctx), "the DS component registered no " + PROVIDER + "; " + states(installed));

        Bundle api = jpyro.get("api");
        Bundle transport = jpyro.get("transport");
        Object sslConfig = sslOn(api);
        Object security = call(transport.loadClass("org.jpyro.transport.SocketSecurities"), "client", sslConfig);
        assertNotNull(security);
        assertEquals("org.jpyro.ssl.SslSecurity", security.getClass().getName());
        assertEquals(ssl, org.osgi.framework.FrameworkUtil.getBundle(security.getClass()));

        ssl.stop();
        assertEquals(null, ctx.getAllServiceReferences(PROVIDER, null));
        InvocationTargetException gone = org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class,
                () -> call(transport.loadClass("org.jpyro.transport.SocketSecurities"), "client", sslConfig));
        assertEquals("org.jpyro.api.SecurityException", gone.getCause().getClass().getName());
        assertTrue(gone.getCause().getMessage().contains("no SSL provider"), gone.getCause().getMessage());

        ssl.start();
        assertTrue(awaitProvider(ctx), "the DS component did not come back");
        assertEquals("org.jpyro.ssl.SslSecurity",
                call(transport.loadClass("org.jpyro.transport.SocketSecurities"), "client", sslConfig).getClass().getName());
    }

    private static String states(List<Bundle> bundles) {
        StringBuilder sb = new StringBuilder("bundles:");
        for (Bundle b : bundles) {
            sb.append(' ').append(b.getSymbolicName()).append('=').append(b.getState());
        }
        return sb.toString();
    }

    /**
     * SCR activates components on its own thread: waits (bounded) for the provider service. Looks at all
     * references: the test's own class path has the transport classes too, so the system bundle's class space
     * does not match the framework's.
     */
    private static boolean awaitProvider(BundleContext ctx) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ctx.getAllServiceReferences(PROVIDER, null) == null) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** {@code PyroConfig.defaults(PYRO5).with(SSL, true)}, made with the api bundle's classes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object sslOn(Bundle api) throws Exception {
        Class<? extends Enum> version = (Class<? extends Enum>) api.loadClass("org.jpyro.api.ProtocolVersion");
        Class<? extends Enum> item = (Class<? extends Enum>) api.loadClass("org.jpyro.api.ConfigItem");
        Class<?> pyroConfig = api.loadClass("org.jpyro.api.PyroConfig");
        Object defaults = pyroConfig.getMethod("defaults", version).invoke(null, Enum.valueOf(version, "PYRO5"));
        return pyroConfig.getMethod("with", item, Object.class).invoke(defaults, Enum.valueOf(item, "SSL"), Boolean.TRUE);
    }

    private static Object call(Class<?> type, String method, Object argument) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == 1) {
                return m.invoke(null, argument);
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + method);
    }
}
