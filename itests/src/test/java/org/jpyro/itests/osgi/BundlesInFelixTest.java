package org.jpyro.itests.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Every jpyro bundle installs, resolves and starts in a real OSGi framework (Felix 7 with SCR), imports nothing
 * it should embed, and exports only its API packages; every serializer appears as a DS service, the json and
 * msgpack serializers wired to Jackson and msgpack-core as real bundles. Stopping a serializer bundle removes
 * the serializer from the framework's {@code SerializerRegistry.defaultRegistry()} (a daemon and proxy inside the
 * framework can no longer use it) and starting it again brings it back, without restarting anything else.
 */
@Timeout(120)
class BundlesInFelixTest {
    private static final String[] JPYRO_BUNDLES = {"api", "protocol", "serializer.serpent", "serializer.json",
        "serializer.marshal", "serializer.msgpack", "serializer.pickle", "transport", "daemon", "client", "naming", "tools"};
    /** Third-party bundles the serializers import: system property → Bundle-SymbolicName. */
    private static final Map<String, String> DEPENDENCY_BUNDLES = Map.of(
            "jackson.annotations.bundle", "com.fasterxml.jackson.core.jackson-annotations",
            "jackson.core.bundle", "com.fasterxml.jackson.core.jackson-core",
            "jackson.databind.bundle", "com.fasterxml.jackson.core.jackson-databind",
            "msgpack.core.bundle", "org.msgpack.msgpack-core");
    /** Serializer name → {Pyro4 id, Pyro5 id} (-1: not in that protocol version), as in Pyro. */
    private static final Map<String, int[]> SERIALIZER_IDS = Map.of(
            "serpent", new int[] {1, 1},
            "json", new int[] {2, 3},
            "marshal", new int[] {3, 2},
            "msgpack", new int[] {6, 4},
            "pickle", new int[] {4, -1});
    private static final String SERIALIZER = "org.jpyro.api.serializer.Serializer";
    private static final String[] SCR_BUNDLES = {"osgi.function.bundle", "osgi.promise.bundle", "osgi.component.bundle", "scr.bundle"};

    private static Framework framework;
    private static Path storage;
    private static final Map<String, Bundle> bundles = new HashMap<>();
    private static final Map<String, Bundle> dependencies = new HashMap<>();

    @BeforeAll
    static void startFramework() throws Exception {
        storage = Files.createTempDirectory("jpyro-felix");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // msgpack-core imports these without resolution:=optional; it uses them only where they exist
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "sun.misc,sun.nio.ch,android.os");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (String key : SCR_BUNDLES) {
            installed.add(ctx.installBundle(jar(key).toURI().toString()));
        }
        for (Map.Entry<String, String> e : DEPENDENCY_BUNDLES.entrySet()) {
            Bundle b = ctx.installBundle(jar(e.getKey()).toURI().toString());
            dependencies.put(e.getValue(), b);
            installed.add(b);
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
    void dependencyBundlesAreRealBundlesAndActive() {
        for (Map.Entry<String, Bundle> e : dependencies.entrySet()) {
            assertEquals(e.getKey(), e.getValue().getSymbolicName());
            assertEquals(Bundle.ACTIVE, e.getValue().getState(), e.getKey() + " is not ACTIVE");
        }
    }

    @Test
    void jsonAndMsgpackImportTheirLibrariesFromTheirBundles() {
        assertWiredTo("serializer.json", "com.fasterxml.jackson.core.jackson-core");
        assertWiredTo("serializer.msgpack", "org.msgpack.msgpack-core");
    }

    private static void assertWiredTo(String bundle, String provider) {
        BundleWiring wiring = bundles.get(bundle).adapt(BundleWiring.class);
        assertNotNull(wiring, bundle + " is not resolved");
        boolean wired = wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE).stream()
                .anyMatch(w -> provider.equals(w.getProvider().getBundle().getSymbolicName()));
        assertTrue(wired, bundle + " imports nothing from " + provider);
    }

    @Test
    void everySerializerIsADeclarativeServiceWithItsNameAndIds() throws Exception {
        for (Map.Entry<String, int[]> e : SERIALIZER_IDS.entrySet()) {
            String name = e.getKey();
            ServiceReference<?> ref = awaitService(name);
            assertNotNull(ref, name + " Serializer service registered by SCR");
            Object service = framework.getBundleContext().getService(ref);
            try {
                assertEquals(name, invoke(service, "name"));
                Class<?> versions = bundles.get("api").loadClass("org.jpyro.api.ProtocolVersion");
                Method id = service.getClass().getMethod("id", versions);
                assertEquals(e.getValue()[0], id.invoke(service, version("PYRO4")), name + " Pyro4 id");
                assertEquals(e.getValue()[1], id.invoke(service, version("PYRO5")), name + " Pyro5 id");
                assertEquals(e.getValue()[0], ref.getProperty("pyro.serializer.id.pyro4"), name + " pyro4 property");
                assertEquals(e.getValue()[1], ref.getProperty("pyro.serializer.id.pyro5"), name + " pyro5 property");
            } finally {
                framework.getBundleContext().ungetService(ref);
            }
            assertNotNull(awaitInRegistry(name, true), name + " not in the framework's default SerializerRegistry: its"
                    + " DS component must be immediate (@Component(immediate = true)) and add itself in @Activate; a"
                    + " delayed component is only activated while someone holds the service");
        }
    }

    @Test
    void stoppingTheMsgpackBundleWithdrawsMsgpackAndStartingItBringsItBack() throws Exception {
        Bundle msgpack = bundles.get("serializer.msgpack");
        Object daemon = bundles.get("daemon").loadClass("org.jpyro.daemon.Daemon")
                .getConstructor(String.class, int.class).newInstance("127.0.0.1", 0);
        try {
            invoke(daemon, "start");
            String uri = invoke(daemon, "uri").toString();
            assertNotNull(awaitInRegistry("msgpack", true), "msgpack not in the registry of an ACTIVE bundle (not immediate?)");
            assertEquals(true, daemonInfo(uri, "msgpack").startsWith("Pyro.Daemon bound on 127.0.0.1:"));

            msgpack.stop();
            assertNull(awaitInRegistry("msgpack", false), "msgpack still in the registry after its bundle stopped");
            assertNull(awaitService("msgpack", 0));
            Exception refused = assertThrows(Exception.class, () -> daemonInfo(uri, "msgpack"));
            assertTrue(String.valueOf(rootCause(refused).getMessage()).contains("msgpack"), String.valueOf(rootCause(refused)));
            // the others are untouched
            assertTrue(daemonInfo(uri, "serpent").startsWith("Pyro.Daemon bound on"));

            msgpack.start();
            assertNotNull(awaitInRegistry("msgpack", true), "msgpack not back in the registry after its bundle started");
            assertTrue(daemonInfo(uri, "msgpack").startsWith("Pyro.Daemon bound on"));
        } finally {
            if (msgpack.getState() != Bundle.ACTIVE) {
                msgpack.start();
            }
            invoke(daemon, "close");
        }
    }

    /** {@code info()} of the daemon at that URI, through a proxy of the client bundle using that serializer. */
    private static String daemonInfo(String daemonUri, String serializer) throws Exception {
        Object proxy = bundles.get("client").loadClass("org.jpyro.client.Proxy").getConstructor(String.class)
                .newInstance(daemonUri);
        try {
            invoke(proxy, "serializer", serializer);
            Method protocol = proxy.getClass().getMethod("protocol",
                    bundles.get("api").loadClass("org.jpyro.api.ProtocolVersion"));
            protocol.invoke(proxy, version("PYRO5"));
            Method call = proxy.getClass().getMethod("call", String.class, Object[].class);
            return (String) call.invoke(proxy, "info", new Object[0]);
        } finally {
            invoke(proxy, "close");
        }
    }

    private static Object version(String name) throws Exception {
        Class<?> versions = bundles.get("api").loadClass("org.jpyro.api.ProtocolVersion");
        for (Object v : versions.getEnumConstants()) {
            if (((Enum<?>) v).name().equals(name)) {
                return v;
            }
        }
        throw new AssertionError(name);
    }

    /** The framework's own {@code SerializerRegistry.defaultRegistry().byName(name)}, polled until present/absent. */
    private static Object awaitInRegistry(String name, boolean present) throws Exception {
        Object registry = bundles.get("api").loadClass("org.jpyro.api.serializer.SerializerRegistry")
                .getMethod("defaultRegistry").invoke(null);
        Object found = invoke(registry, "byName", name);
        for (int i = 0; i < 100 && (found != null) != present; i++) {
            Thread.sleep(50);
            found = invoke(registry, "byName", name);
        }
        return found;
    }

    private static ServiceReference<?> awaitService(String name) throws Exception {
        return awaitService(name, 100);
    }

    private static ServiceReference<?> awaitService(String name, int polls) throws Exception {
        BundleContext ctx = framework.getBundleContext();
        // "All": the system bundle sees the test classpath's copy of the api, not the bundle's, so the
        // class-space filter of getServiceReferences would hide the service
        ServiceReference<?>[] refs = ctx.getAllServiceReferences(SERIALIZER, "(pyro.serializer.name=" + name + ")");
        for (int i = 0; i < polls && refs == null; i++) {
            Thread.sleep(50);
            refs = ctx.getAllServiceReferences(SERIALIZER, "(pyro.serializer.name=" + name + ")");
        }
        return refs == null ? null : refs[0];
    }

    private static Object invoke(Object target, String method, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                }
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + method);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
