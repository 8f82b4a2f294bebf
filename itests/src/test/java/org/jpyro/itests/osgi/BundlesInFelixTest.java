package org.jpyro.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Every jpyro bundle installs, resolves and starts in a real OSGi framework (Felix 7 with SCR), imports nothing
 * it should embed, and exports only its API packages; the serpent serializer appears as a DS service.
 */
@Timeout(120)
class BundlesInFelixTest {
    private static final String[] JPYRO_BUNDLES = {"api", "protocol", "serializer.serpent", "transport", "daemon",
        "client", "tools"};
    private static final String[] SCR_BUNDLES = {"osgi.function.bundle", "osgi.promise.bundle", "osgi.component.bundle", "scr.bundle"};

    private static Framework framework;
    private static Path storage;
    private static final Map<String, Bundle> bundles = new HashMap<>();

    @BeforeAll
    static void startFramework() throws Exception {
        storage = Files.createTempDirectory("jpyro-felix");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String key : SCR_BUNDLES) {
            installed.add(ctx.installBundle(jar(key).toURI().toString()));
        }
        for (String name : JPYRO_BUNDLES) {
            Bundle b = ctx.installBundle(jar("jpyro." + name).toURI().toString());
            bundles.put(name, b);
            installed.add(b);
        }
        for (Bundle b : installed) {
            b.start();
        }
    }

    private static File jar(String key) {
        String path = System.getProperty(key);
        assertNotNull(path, "system property " + key + " (set by the itests pom)");
        File f = new File(path);
        assertTrue(f.isFile(), "bundle jar " + f);
        return f;
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
        if (storage != null) {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void everyBundleIsActive() {
        for (Map.Entry<String, Bundle> e : bundles.entrySet()) {
            assertEquals(Bundle.ACTIVE, e.getValue().getState(), e.getKey() + " is not ACTIVE");
            assertEquals("org.jpyro." + e.getKey(), e.getValue().getSymbolicName());
        }
    }

    @Test
    void implementationPackagesAreNotExported() {
        for (Map.Entry<String, Bundle> e : bundles.entrySet()) {
            String exports = e.getValue().getHeaders().get(Constants.EXPORT_PACKAGE);
            if (exports != null) {
                assertFalse(exports.contains(".impl") || exports.contains(".internal"), e.getKey() + " exports " + exports);
                assertFalse(exports.contains("net.razorvine"), e.getKey() + " exports " + exports);
            }
        }
    }

    @Test
    void serpentIsEmbeddedNotImported() {
        Bundle serpent = bundles.get("serializer.serpent");
        String imports = serpent.getHeaders().get(Constants.IMPORT_PACKAGE);
        assertFalse(imports != null && imports.contains("net.razorvine"), imports);
        assertNotNull(serpent.adapt(BundleWiring.class).getClassLoader().getResource("net/razorvine/serpent/Parser.class"));
    }

    @Test
    void serpentSerializerIsADeclarativeService() throws Exception {
        BundleContext ctx = framework.getBundleContext();
        ServiceReference<?>[] refs = null;
        for (int i = 0; i < 100 && refs == null; i++) {
            // "All": the system bundle sees the test classpath's copy of the api, not the bundle's, so the
            // class-space filter of getServiceReferences would hide the service
            refs = ctx.getAllServiceReferences("org.jpyro.api.serializer.Serializer", "(pyro.serializer.name=serpent)");
            if (refs == null) {
                Thread.sleep(50);
            }
        }
        assertNotNull(refs, "serpent Serializer service registered by SCR");
        Object service = ctx.getService(refs[0]);
        assertEquals("serpent", service.getClass().getMethod("name").invoke(service));
    }
}
