package org.jpyro.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Serializer;
import org.jpyro.api.serializer.SerializerRegistry;
import org.junit.jupiter.api.Test;

/** META-INF/services for plain Java; the DS activate/deactivate hooks for OSGi. */
class ServiceRegistrationTest {
    @Test
    void serviceLoaderFindsMsgpack() {
        boolean found = false;
        for (Serializer s : ServiceLoader.load(Serializer.class)) {
            found |= s instanceof MsgpackSerializer;
        }
        assertTrue(found);
    }

    @Test
    void namesAndIdsPerProtocolVersion() {
        MsgpackSerializer s = new MsgpackSerializer();
        assertEquals("msgpack", s.name());
        assertEquals(6, s.id(ProtocolVersion.PYRO4));
        assertEquals(4, s.id(ProtocolVersion.PYRO5));
        SerializerRegistry registry = SerializerRegistry.defaultRegistry();
        assertInstanceOf(MsgpackSerializer.class, registry.byName("msgpack"));
        assertInstanceOf(MsgpackSerializer.class, registry.byId(ProtocolVersion.PYRO4, 6));
        assertInstanceOf(MsgpackSerializer.class, registry.byId(ProtocolVersion.PYRO5, 4));
    }

    @Test
    void componentActivationAddsAndDeactivationRemoves() {
        SerializerRegistry registry = SerializerRegistry.defaultRegistry();
        Serializer before = registry.byName("msgpack");
        MsgpackSerializer component = new MsgpackSerializer();
        try {
            component.activate();
            assertSame(component, registry.byName("msgpack"));
            component.deactivate();
            assertNull(registry.byName("msgpack"));
            // deactivating an instance that was replaced meanwhile leaves the replacement alone
            MsgpackSerializer other = new MsgpackSerializer();
            component.activate();
            registry.add(other);
            component.deactivate();
            assertSame(other, registry.byName("msgpack"));
        } finally {
            registry.add(before);
        }
    }
}
