package org.jpyro.naming;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Where a {@link NameServer} keeps its registrations. Implementations must be safe for concurrent use; the name
 * server additionally serialises all modifications. Iteration results are snapshots in registration order where
 * the store has one. {@link NameServers#memoryStorage()} is the volatile default; {@link NameServers#storage(String)}
 * makes the embedded and the JDBC store.
 * <p>
 * Persistent stores return from a modifying method only once the change is durable. Stores shared by several
 * name servers implement {@link #putIfAbsent} and {@link #updateMetadata} atomically in the shared store.
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

    /**
     * Adds the entry unless the name is registered; whether it was added. The default checks, then puts (atomic
     * within one name server, which serialises modifications).
     */
    default boolean putIfAbsent(String name, Registration registration) {
        if (contains(name)) {
            return false;
        }
        put(name, registration);
        return true;
    }

    /** Replaces the metadata of a registered name; the new entry, or {@code null} when the name is unknown. */
    default Registration updateMetadata(String name, Set<Object> metadata) {
        Registration old = get(name);
        if (old == null) {
            return null;
        }
        Registration updated = new Registration(old.uri(), metadata);
        put(name, updated);
        return updated;
    }

    /** What and where the store is, for log lines and the {@code ns} banner (no passwords). */
    default String description() {
        return getClass().getSimpleName();
    }

    /** Releases the store's resources; the memory store has none. */
    @Override
    void close();
}
