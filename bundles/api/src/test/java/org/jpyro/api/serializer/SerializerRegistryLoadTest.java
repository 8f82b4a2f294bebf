package org.jpyro.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jpyro.api.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerializerRegistryLoadTest {
    /** A provider that loads fine. */
    public static final class Fake implements Serializer {
        public Fake() {
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int id(ProtocolVersion version) {
            return 99;
        }

        @Override
        public byte[] serializeData(Object data, ProtocolVersion version) {
            return new byte[0];
        }

        @Override
        public Object deserializeData(byte[] data, ProtocolVersion version) {
            return null;
        }

        @Override
        public byte[] serializeCall(Call call, ProtocolVersion version) {
            return new byte[0];
        }

        @Override
        public Call deserializeCall(byte[] data, ProtocolVersion version) {
            return null;
        }
    }

    @Test
    void providersThatAreNoSerializerHereAreSkipped(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Serializer.class.getName()),
                "java.lang.String\ncom.example.Missing\n" + Fake.class.getName() + "\n", StandardCharsets.UTF_8);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            SerializerRegistry r = new SerializerRegistry().loadServices(loader);
            assertInstanceOf(Fake.class, r.byName("fake"));
            assertEquals(1, r.all().size());
            assertEquals("fake", r.byId(ProtocolVersion.PYRO5, 99).name());
            assertNull(r.byName("java.lang.String"));
        }
    }
}
