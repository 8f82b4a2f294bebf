package org.jpyro.naming.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.jpyro.api.NamingException;
import org.jpyro.naming.NameServerStorage;
import org.jpyro.naming.Registration;

/**
 * The embedded persistent store of one name server: one file written by H2's MVStore (a crash-safe, copy-on-write
 * store: a torn write leaves the previous chunk valid). Every modification is committed and forced to disk
 * ({@code fsync}) before the method returns, so an acknowledged registration survives {@code kill -9} and power
 * loss. Reads come from MVStore's in-memory pages and never touch the disk twice. Entries iterate in name order.
 * The file is locked: one name server per file.
 * <p>
 * Every commit writes a new chunk, and without H2's background housekeeping (off here: commits are ours) old chunks
 * are not reclaimed: measured, the file grew by ~15 KB per registration without bound. So the store compacts the
 * file ({@code MVStore.compactFile}) every {@value #COMPACT_EVERY} changes and when it opens; it then stays at a
 * few hundred KB under sustained writes.
 */
public final class EmbeddedStorage implements NameServerStorage {
    private static final String MAP = "pyro_names";
    /** Changes between two compactions. */
    public static final int COMPACT_EVERY = 1000;
    private static final int COMPACT_MILLIS = 500;

    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> names;
    private int changesSinceCompaction;

    private EmbeddedStorage(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.names = store.openMap(MAP);
    }

    /** Opens (or creates) the store file, creating missing parent directories. */
    public static EmbeddedStorage open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + absolute + ": " + e.getMessage(), e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(absolute.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            throw new NamingException("cannot open the name server store " + absolute + ": " + e.getMessage(), e);
        }
        EmbeddedStorage storage = new EmbeddedStorage(absolute, store);
        synchronized (storage) {
            storage.compact();
        }
        return storage;
    }

    @Override
    public Registration get(String name) {
        String v = names.get(name);
        return v == null ? null : StoredEntry.decodeEntry(v);
    }

    @Override
    public synchronized void put(String name, Registration registration) {
        names.put(name, StoredEntry.encodeEntry(registration));
        durable();
    }

    @Override
    public synchronized boolean putIfAbsent(String name, Registration registration) {
        if (names.putIfAbsent(name, StoredEntry.encodeEntry(registration)) != null) {
            return false;
        }
        durable();
        return true;
    }

    @Override
    public synchronized boolean remove(String name) {
        if (names.remove(name) == null) {
            return false;
        }
        durable();
        return true;
    }

    @Override
    public synchronized void removeAll(Collection<String> toRemove) {
        boolean changed = false;
        for (String n : toRemove) {
            changed |= names.remove(n) != null;
        }
        if (changed) {
            durable();
        }
    }

    @Override
    public boolean contains(String name) {
        return names.containsKey(name);
    }

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public Map<String, Registration> everything() {
        Map<String, Registration> all = new LinkedHashMap<>();
        names.forEach((k, v) -> all.put(k, StoredEntry.decodeEntry(v)));
        return all;
    }

    @Override
    public String description() {
        return "embedded:" + file;
    }

    /** The store file. */
    public Path file() {
        return file;
    }

    /** Moves live pages out of mostly dead chunks and frees those (caller holds the monitor). */
    private void compact() {
        changesSinceCompaction = 0;
        try {
            store.compactFile(COMPACT_MILLIS);
            store.sync();
        } catch (MVStoreException | IllegalStateException e) {
            // the data is committed already; a failed compaction only leaves the file larger
            System.getLogger(EmbeddedStorage.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot compact the name server store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    /** Writes the pending changes as a new chunk and forces the file to disk; compacts now and then. */
    private void durable() {
        try {
            store.commit();
            store.sync();
            if (++changesSinceCompaction >= COMPACT_EVERY) {
                compact();
            }
        } catch (MVStoreException | IllegalStateException e) {
            try {
                store.rollback();
            } catch (RuntimeException ignored) {
                // the store is broken; the original error says why
            }
            throw new NamingException("cannot write the name server store " + file + ": " + e.getMessage(), e);
        }
    }
}
