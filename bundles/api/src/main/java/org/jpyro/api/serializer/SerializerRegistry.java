package org.jpyro.api.serializer;

import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jpyro.api.ProtocolVersion;

/**
 * The serializers a daemon or proxy can use, consulted per message so that adding or removing one takes
 * effect for the next message. {@link #defaultRegistry()} holds the ones {@link ServiceLoader} finds; in an
 * OSGi framework the serializer services are added and removed as they come and go.
 */
public final class SerializerRegistry {
    private static volatile SerializerRegistry defaultRegistry;

    private static final System.Logger LOG = System.getLogger(SerializerRegistry.class.getName());
    /** Bounds the provider loop, whatever a broken class path does. */
    private static final int MAX_PROVIDERS = 1000;

    private final List<Serializer> serializers = new CopyOnWriteArrayList<>();

    /** An empty registry. */
    public SerializerRegistry() {
    }

    /** The process-wide registry, filled once through {@link ServiceLoader}. */
    public static SerializerRegistry defaultRegistry() {
        SerializerRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (SerializerRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    r = new SerializerRegistry();
                    r.loadServices(SerializerRegistry.class.getClassLoader());
                    ClassLoader context = Thread.currentThread().getContextClassLoader();
                    if (context != null && context != SerializerRegistry.class.getClassLoader()) {
                        r.loadServices(context);
                    }
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    /**
     * Adds every {@link Serializer} the class loader's {@code META-INF/services} names. Providers that cannot
     * be loaded are skipped (logged): in an OSGi framework the context class loader may see serializers built
     * against another copy of this API, which are no {@link Serializer} here.
     */
    public SerializerRegistry loadServices(ClassLoader loader) {
        Iterator<Serializer> it = ServiceLoader.load(Serializer.class, loader).iterator();
        for (int i = 0; i < MAX_PROVIDERS; i++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.DEBUG, "skipping a serializer provider: {0}", e.getMessage());
            }
        }
        return this;
    }

    /** Adds a serializer, replacing one of the same name. */
    public SerializerRegistry add(Serializer serializer) {
        serializers.removeIf(s -> s.name().equals(serializer.name()));
        serializers.add(serializer);
        return this;
    }

    /** Removes this very serializer instance, if present (not another one registered under its name). */
    public boolean remove(Serializer serializer) {
        return serializers.removeIf(s -> s == serializer);
    }

    /** Removes the serializer of that name, if present. */
    public boolean remove(String name) {
        return serializers.removeIf(s -> s.name().equals(name));
    }

    /** The serializer of that name, or {@code null}. */
    public Serializer byName(String name) {
        for (Serializer s : serializers) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The serializer with that wire id in that protocol version, or {@code null}. */
    public Serializer byId(ProtocolVersion version, int id) {
        for (Serializer s : serializers) {
            if (s.id(version) == id) {
                return s;
            }
        }
        return null;
    }

    /** A snapshot of the serializers present. */
    public List<Serializer> all() {
        return List.copyOf(serializers);
    }
}
