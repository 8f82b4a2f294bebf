package org.jpyro.naming;

import java.util.Collection;
import java.util.Map;

/**
 * Where a {@link NameServer} keeps its registrations. Implementations must be safe for concurrent use; the name
 * server additionally serialises all modifications. Iteration results are snapshots in registration order where
 * the store has one. {@link NameServers#memoryStorage()} is the volatile default.
 */
public interface NameServerStorage extends AutoCloseable {
    /** The entry of a name, or {@code null}. */
    Registration get(String name);

    /** Adds or replaces an entry. */
    void put(String name, Registration registration);

    /** Removes a name; whether it was there. */
    boolean remove(String name);

    /** Removes these names (unknown ones are ignored). */
    void removeAll(Collection<String> names);

    /** Whether the name is registered. */
    boolean contains(String name);

    /** The number of entries. */
    int size();

    /** A snapshot of every entry. */
    Map<String, Registration> everything();

    /** Releases the store's resources; the memory store has none. */
    @Override
    void close();
}
