package org.jpyro.serializer.marshal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.api.serializer.Serializer;
import org.junit.jupiter.api.Test;

/** Found through META-INF/services; the OSGi component adds itself to the default registry and withdraws again. */
class ServiceTest {
    @Test
    void serviceLoaderFindsMarshal() {
        boolean found = false;
        for (Serializer s : ServiceLoader.load(Serializer.class)) {
            found |= s instanceof MarshalSerializer;
        }
        assertTrue(found);
    }

    @Test
    void namesAndIds() {
        MarshalSerializer m = new MarshalSerializer();
        assertEquals("marshal", m.name());
        assertEquals(3, m.id(ProtocolVersion.PYRO4));
        assertEquals(2, m.id(ProtocolVersion.PYRO5));
        SerializerRegistry registry = SerializerRegistry.defaultRegistry();
        assertInstanceOf(MarshalSerializer.class, registry.byId(ProtocolVersion.PYRO4, 3));
        assertInstanceOf(MarshalSerializer.class, registry.byId(ProtocolVersion.PYRO5, 2));
    }

    @Test
    void componentLifecycle() {
        SerializerRegistry registry = SerializerRegistry.defaultRegistry();
        Serializer before = registry.byName("marshal");
        MarshalSerializer component = new MarshalSerializer();
        try {
            component.activate();
            assertSame(component, registry.byName("marshal"));
            component.deactivate();
            assertEquals(null, registry.byName("marshal"));
            new MarshalSerializer().deactivate();
        } finally {
            if (before != null) {
                registry.add(before);
            }
        }
        assertNotSame(component, registry.byName("marshal"));
    }
}
