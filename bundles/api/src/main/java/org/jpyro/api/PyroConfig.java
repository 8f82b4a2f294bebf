package org.jpyro.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable set of Pyro configuration values. Start from {@link #defaults(ProtocolVersion)} (Pyro's own
 * defaults for that generation) or {@link #fromEnvironment()} (defaults, then {@code PYRO_<ITEM>} environment
 * variables, then {@code PYRO_<ITEM>} or {@code pyro.<item>} system properties), and derive changed copies
 * with {@link #with(ConfigItem, Object)}.
 */
public final class PyroConfig {
    private static final String PREFIX = "PYRO_";

    private final Map<ConfigItem, Object> values;

    private PyroConfig(Map<ConfigItem, Object> values) {
        this.values = values;
    }

    /** Pyro's built-in defaults for the given generation. */
    public static PyroConfig defaults(ProtocolVersion version) {
        Map<ConfigItem, Object> v = new EnumMap<>(ConfigItem.class);
        for (ConfigItem item : ConfigItem.values()) {
            v.put(item, item.defaultValue(version));
        }
        v.put(ConfigItem.PROTOCOL_VERSION, version.number());
        return new PyroConfig(v);
    }

    /** Pyro5 defaults overridden by the process environment and system properties. */
    public static PyroConfig fromEnvironment() {
        return fromSources(System.getenv(), System.getProperties());
    }

    /**
     * Defaults for the protocol named by {@code PYRO_PROTOCOL_VERSION} (Pyro5 if absent), then every
     * {@code PYRO_<ITEM>} of {@code environment}, then every {@code PYRO_<ITEM>} or {@code pyro.<item>} of
     * {@code properties}. Names that are not config items are ignored; a bad value is an error naming it.
     */
    public static PyroConfig fromSources(Map<String, String> environment, Map<?, ?> properties) {
        Map<ConfigItem, String> overrides = new EnumMap<>(ConfigItem.class);
        collect(environment, overrides);
        collect(properties, overrides);
        ProtocolVersion version = ProtocolVersion.PYRO5;
        String pv = overrides.get(ConfigItem.PROTOCOL_VERSION);
        if (pv != null) {
            version = ProtocolVersion.parse(pv);
            overrides.put(ConfigItem.PROTOCOL_VERSION, Integer.toString(version.number()));
        }
        PyroConfig config = defaults(version);
        for (Map.Entry<ConfigItem, String> e : overrides.entrySet()) {
            config = config.withText(e.getKey(), e.getValue());
        }
        return config;
    }

    private static void collect(Map<?, ?> source, Map<ConfigItem, String> into) {
        if (source == null) {
            return;
        }
        for (Map.Entry<?, ?> e : source.entrySet()) {
            String key = String.valueOf(e.getKey());
            String name;
            if (key.startsWith(PREFIX)) {
                name = key.substring(PREFIX.length());
            } else if (key.startsWith("pyro.")) {
                name = key.substring(5).toUpperCase(Locale.ROOT);
            } else {
                continue;
            }
            try {
                into.put(ConfigItem.valueOf(name), String.valueOf(e.getValue()));
            } catch (IllegalArgumentException notAnItem) {
                // not a config item (e.g. PYRO_HMAC_KEY, read by the tools themselves)
            }
        }
    }

    /** A copy with one item changed; the value must fit the item's type ({@code null} only for strings). */
    public PyroConfig with(ConfigItem item, Object value) {
        Map<ConfigItem, Object> v = new EnumMap<>(values);
        v.put(item, check(item, value));
        if (item == ConfigItem.PROTOCOL_VERSION) {
            ProtocolVersion.of((Integer) v.get(item));
        }
        return new PyroConfig(v);
    }

    /** A copy with one item changed from text, converted as Pyro converts environment variables. */
    public PyroConfig withText(ConfigItem item, String text) {
        try {
            return with(item, item.type().parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid Pyro config value: " + PREFIX + item.name() + "=" + text, e);
        }
    }

    private static Object check(ConfigItem item, Object value) {
        switch (item.type()) {
            case BOOL:
                return (Boolean) require(item, value, Boolean.class);
            case INT:
                return ((Number) require(item, value, Number.class)).intValue();
            case FLOAT:
                return ((Number) require(item, value, Number.class)).doubleValue();
            case STRING:
                return value == null ? null : (String) require(item, value, String.class);
            case STRING_SET:
                Set<String> set = new java.util.LinkedHashSet<>();
                for (Object o : (Set<?>) require(item, value, Set.class)) {
                    set.add(String.valueOf(o));
                }
                return Collections.unmodifiableSet(set);
            case STRING_LIST:
                return ((List<?>) require(item, value, List.class)).stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.toUnmodifiableList());
            default:
                throw new AssertionError(item);
        }
    }

    private static Object require(ConfigItem item, Object value, Class<?> type) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("config item " + item + " needs a " + type.getSimpleName() + ", got " + value);
        }
        return value;
    }

    /** The raw value of an item. */
    public Object get(ConfigItem item) {
        return values.get(item);
    }

    public boolean getBoolean(ConfigItem item) {
        return (Boolean) values.get(item);
    }

    public int getInt(ConfigItem item) {
        return (Integer) values.get(item);
    }

    public double getDouble(ConfigItem item) {
        return (Double) values.get(item);
    }

    public String getString(ConfigItem item) {
        return (String) values.get(item);
    }

    @SuppressWarnings("unchecked")
    public Set<String> getStringSet(ConfigItem item) {
        return (Set<String>) values.get(item);
    }

    @SuppressWarnings("unchecked")
    public List<String> getStringList(ConfigItem item) {
        return (List<String>) values.get(item);
    }

    /** The protocol proxies made with this config speak. */
    public ProtocolVersion protocolVersion() {
        return ProtocolVersion.of(getInt(ConfigItem.PROTOCOL_VERSION));
    }

    /** COMMTIMEOUT in milliseconds, 0 for none. */
    public int commTimeoutMillis() {
        double t = getDouble(ConfigItem.COMMTIMEOUT);
        return t <= 0 ? 0 : (int) Math.max(1, Math.round(t * 1000));
    }

    /** MAX_MESSAGE_SIZE with 0 (unlimited) turned into {@link Integer#MAX_VALUE}. */
    public int maxMessageSize() {
        int m = getInt(ConfigItem.MAX_MESSAGE_SIZE);
        return m <= 0 ? Integer.MAX_VALUE : m;
    }

    /** All items and values, sorted by name. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k.name(), v));
        return m;
    }

    /** Pyro's {@code config.dump()} lines: {@code ITEM = value}, sorted. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        asMap().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyroConfig && ((PyroConfig) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "PyroConfig" + asMap();
    }
}
