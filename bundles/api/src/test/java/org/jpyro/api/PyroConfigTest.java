package org.jpyro.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PyroConfigTest {

    @Test
    void pyro5DefaultsAreUpstreams() {
        PyroConfig c = PyroConfig.defaults(ProtocolVersion.PYRO5);
        assertEquals("localhost", c.getString(ConfigItem.HOST));
        assertEquals(9090, c.getInt(ConfigItem.NS_PORT));
        assertEquals(9091, c.getInt(ConfigItem.NS_BCPORT));
        assertEquals(80, c.getInt(ConfigItem.THREADPOOL_SIZE));
        assertEquals(4, c.getInt(ConfigItem.THREADPOOL_SIZE_MIN));
        assertEquals(1024 * 1024 * 1024, c.getInt(ConfigItem.MAX_MESSAGE_SIZE));
        assertEquals(0, c.getInt(ConfigItem.PREFER_IP_VERSION));
        assertEquals(0.0, c.getDouble(ConfigItem.COMMTIMEOUT));
        assertEquals(2.0, c.getDouble(ConfigItem.POLLTIMEOUT));
        assertEquals(30.0, c.getDouble(ConfigItem.ITER_STREAM_LINGER));
        assertEquals("serpent", c.getString(ConfigItem.SERIALIZER));
        assertEquals(List.of("<broadcast>", "0.0.0.0"), c.getStringList(ConfigItem.BROADCAST_ADDRS));
        assertNull(c.getString(ConfigItem.NATHOST));
        assertEquals(ProtocolVersion.PYRO5, c.protocolVersion());
    }

    @Test
    void pyro4DefaultsDiffer() {
        PyroConfig c = PyroConfig.defaults(ProtocolVersion.PYRO4);
        assertEquals(40, c.getInt(ConfigItem.THREADPOOL_SIZE));
        assertEquals(0, c.getInt(ConfigItem.MAX_MESSAGE_SIZE));
        assertEquals(Integer.MAX_VALUE, c.maxMessageSize());
        assertEquals(4, c.getInt(ConfigItem.PREFER_IP_VERSION));
        assertEquals(Set.of("serpent", "marshal", "json"), c.getStringSet(ConfigItem.SERIALIZERS_ACCEPTED));
        assertEquals(ProtocolVersion.PYRO4, c.protocolVersion());
    }

    @Test
    void environmentOverridesDefaultsAndPropertiesOverrideEnvironment() {
        Properties props = new Properties();
        props.setProperty("pyro.commtimeout", "2.5");
        props.setProperty("PYRO_NS_PORT", "9999");
        props.setProperty("unrelated", "x");
        PyroConfig c = PyroConfig.fromSources(Map.of("PYRO_COMPRESSION", "yes", "PYRO_COMMTIMEOUT", "1",
                "PYRO_SERIALIZERS_ACCEPTED", "json, serpent", "PYRO_NS_PORT", "1234", "PYRO_HMAC_KEY", "ignored",
                "PATH", "/bin"), props);
        assertTrue(c.getBoolean(ConfigItem.COMPRESSION));
        assertEquals(2.5, c.getDouble(ConfigItem.COMMTIMEOUT));
        assertEquals(2500, c.commTimeoutMillis());
        assertEquals(9999, c.getInt(ConfigItem.NS_PORT));
        assertEquals(Set.of("json", "serpent"), c.getStringSet(ConfigItem.SERIALIZERS_ACCEPTED));
    }

    @Test
    void protocolVersionChoosesTheDefaults() {
        PyroConfig c = PyroConfig.fromSources(Map.of("PYRO_PROTOCOL_VERSION", "4"), Map.of());
        assertEquals(ProtocolVersion.PYRO4, c.protocolVersion());
        assertEquals(40, c.getInt(ConfigItem.THREADPOOL_SIZE));
        PyroConfig explicit = PyroConfig.fromSources(Map.of("PYRO_PROTOCOL_VERSION", "48", "PYRO_THREADPOOL_SIZE", "7"), Map.of());
        assertEquals(7, explicit.getInt(ConfigItem.THREADPOOL_SIZE));
    }

    @Test
    void badValuesNameTheItem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyroConfig.fromSources(Map.of("PYRO_COMPRESSION", "maybe"), Map.of()));
        assertTrue(e.getMessage().contains("PYRO_COMPRESSION"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PyroConfig.fromSources(Map.of("PYRO_NS_PORT", "x"), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.COMPRESSION, "true"));
        assertThrows(ProtocolException.class,
                () -> PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.PROTOCOL_VERSION, 3));
    }

    @Test
    void withIsACopy() {
        PyroConfig a = PyroConfig.defaults(ProtocolVersion.PYRO5);
        PyroConfig b = a.with(ConfigItem.COMPRESSION, true);
        assertFalse(a.getBoolean(ConfigItem.COMPRESSION));
        assertTrue(b.getBoolean(ConfigItem.COMPRESSION));
        assertEquals(a, PyroConfig.defaults(ProtocolVersion.PYRO5));
        assertTrue(b.dump().contains("COMPRESSION = true\n"));
    }

    @Test
    void everyItemHasATypedDefault() {
        for (ProtocolVersion v : ProtocolVersion.values()) {
            PyroConfig c = PyroConfig.defaults(v);
            for (ConfigItem item : ConfigItem.values()) {
                Object value = c.get(item);
                if (value != null) {
                    assertEquals(value, c.with(item, value).get(item), item.name());
                }
            }
        }
    }
}
