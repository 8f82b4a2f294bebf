package org.jpyro.naming;

import java.util.Set;

/**
 * One name server entry: the URI text (as Pyro stores it) and its metadata tags (never {@code null}; empty when
 * the entry has none). The set is immutable.
 */
public record Registration(String uri, Set<Object> metadata) {
    /** Copies the metadata into an immutable set. */
    public Registration {
        if (uri == null) {
            throw new IllegalArgumentException("uri is null");
        }
        metadata = metadata == null ? Set.of() : Set.copyOf(metadata);
    }
}
