package org.jpyro.client.impl;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.SerializeException;

/**
 * What a daemon tells a proxy about a remote object: its exposed methods, which of them are oneway, and its
 * exposed attributes (properties).
 *
 * @param methods exposed method names
 * @param oneway  names of oneway methods
 * @param attrs   exposed attribute names
 */
public record Metadata(Set<String> methods, Set<String> oneway, Set<String> attrs) {

    /** Nothing known yet. */
    public static final Metadata NONE = new Metadata(Set.of(), Set.of(), Set.of());

    public Metadata {
        methods = Set.copyOf(methods);
        oneway = Set.copyOf(oneway);
        attrs = Set.copyOf(attrs);
    }

    /** Whether the object exposes nothing at all (or nothing is known yet). */
    public boolean isEmpty() {
        return methods.isEmpty() && attrs.isEmpty();
    }

    /**
     * Reads the metadata dict a daemon sends ({@code {"methods": .., "oneway": .., "attrs": ..}}, as sets in
     * Pyro5 and lists in Pyro4).
     *
     * @return {@code null} when there is no metadata at all ({@code None} or an empty dict)
     * @throws SerializeException when the value is not a metadata dict
     */
    public static Metadata fromPython(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new SerializeException("invalid metadata: expected a dict, got " + value);
        }
        if (map.isEmpty()) {
            return null;
        }
        return new Metadata(names(map.get("methods")), names(map.get("oneway")), names(map.get("attrs")));
    }

    private static Set<String> names(Object value) {
        Set<String> set = new LinkedHashSet<>();
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                set.add(String.valueOf(o));
            }
        } else if (value instanceof Object[] array) {
            for (Object o : array) {
                set.add(String.valueOf(o));
            }
        } else if (value != null) {
            throw new SerializeException("invalid metadata: expected a collection of names, got " + value);
        }
        return set;
    }
}
