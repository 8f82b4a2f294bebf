package org.jpyro.serializer.serpent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.junit.jupiter.api.Test;

/** Without OSGi, the serializer is found through META-INF/services. */
class ServiceLoaderTest {
    @Test
    void serviceLoaderFindsSerpent() {
        boolean found = false;
        for (Serializer s : ServiceLoader.load(Serializer.class)) {
            found |= s instanceof SerpentSerializer;
        }
        assertTrue(found);
    }

    @Test
    void theDefaultRegistryKnowsSerpentByNameAndId() {
        SerializerRegistry registry = SerializerRegistry.defaultRegistry();
        assertInstanceOf(SerpentSerializer.class, registry.byName("serpent"));
        assertInstanceOf(SerpentSerializer.class, registry.byId(ProtocolVersion.PYRO4, 1));
        assertInstanceOf(SerpentSerializer.class, registry.byId(ProtocolVersion.PYRO5, 1));
        assertEquals("serpent", new SerpentSerializer().name());
    }
}
