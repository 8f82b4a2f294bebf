package org.jpyro.daemon.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Pyro client learns about a remote object: its exposed method names, the oneway ones among them and the
 * exposed attribute (property) names. Immutable; names sorted.
 */
public record Metadata(Set<String> methods, Set<String> oneway, Set<String> attrs) {

    public Metadata {
        methods = sorted(methods);
        oneway = sorted(oneway);
        attrs = sorted(attrs);
    }

    private static Set<String> sorted(Set<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(new TreeSet<>(names)));
    }

    /**
     * Pyro's metadata dict {@code {"methods": ..., "oneway": ..., "attrs": ...}} with Python sets, or with lists
     * ({@code as_lists}, as Pyro4 sends it in CONNECTOK).
     */
    public Map<String, Object> asDict(boolean asLists) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("methods", asLists ? new ArrayList<>(methods) : methods);
        d.put("oneway", asLists ? new ArrayList<>(oneway) : oneway);
        d.put("attrs", asLists ? new ArrayList<>(attrs) : attrs);
        return d;
    }
}
