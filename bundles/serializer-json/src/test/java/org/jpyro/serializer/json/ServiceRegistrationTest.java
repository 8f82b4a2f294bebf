package org.jpyro.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.junit.jupiter.api.Test;

/** json is found through META-INF/services, and as a DS component joins and leaves the default registry. */
class ServiceRegistrationTest {
    @Test
    void serviceLoaderAndDefaultRegistryFindJson() {
        boolean found = false;
        for (Serializer s : ServiceLoader.load(Serializer.class)) {
            found |= s instanceof JsonSerializer;
        }
        assertTrue(found);
        SerializerRegistry registry = SerializerRegistry.defaultRegistry();
        assertInstanceOf(JsonSerializer.class, registry.byName("json"));
        assertInstanceOf(JsonSerializer.class, registry.byId(ProtocolVersion.PYRO4, 2));
        assertInstanceOf(JsonSerializer.class, registry.byId(ProtocolVersion.PYRO5, 3));
        assertEquals("json", new JsonSerializer().name());
    }

    @Test
    void componentActivationAddsAndDeactivationRemoves() {
        SerializerRegistry registry = SerializerRegistry.defaultRegistry();
        Serializer before = registry.byName("json");
        JsonSerializer component = new JsonSerializer();
        try {
            component.activate();
            assertSame(component, registry.byName("json"));
            component.deactivate();
            assertNull(registry.byName("json"));
            // a stale instance going away leaves the current one alone
            JsonSerializer current = new JsonSerializer();
            current.activate();
            component.deactivate();
            assertSame(current, registry.byName("json"));
            current.deactivate();
        } finally {
            if (before != null) {
                registry.add(before);
            }
        }
    }

    /** The DS annotation (class retention: bnd reads it from the class file) names json and both ids. */
    @Test
    void componentAnnotationCarriesNameAndIds() throws IOException {
        try (InputStream in = JsonSerializer.class.getResourceAsStream("JsonSerializer.class")) {
            String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(classFile.contains("org/osgi/service/component/annotations/Component"));
            assertTrue(classFile.contains("pyro.serializer.name=json"));
            assertTrue(classFile.contains("immediate"));
            assertTrue(classFile.contains("pyro.serializer.id.pyro4:Integer=2"));
            assertTrue(classFile.contains("pyro.serializer.id.pyro5:Integer=3"));
            assertTrue(classFile.contains("org/osgi/service/component/annotations/Activate"));
            assertTrue(classFile.contains("org/osgi/service/component/annotations/Deactivate"));
        }
    }
}
