package org.jpyro.naming.impl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jpyro.naming.NameServerStorage;
import org.jpyro.naming.Registration;

/** The volatile in-memory store: an insertion-ordered map guarded by its own monitor. */
public final class MemoryStorage implements NameServerStorage {
    private final Map<String, Registration> entries = new LinkedHashMap<>();

    @Override
    public synchronized Registration get(String name) {
        return entries.get(name);
    }

    @Override
    public synchronized void put(String name, Registration registration) {
        entries.put(name, registration);
    }

    @Override
    public synchronized boolean remove(String name) {
        return entries.remove(name) != null;
    }

    @Override
    public synchronized void removeAll(Collection<String> names) {
        for (String n : names) {
            entries.remove(n);
        }
    }

    @Override
    public synchronized boolean contains(String name) {
        return entries.containsKey(name);
    }

    @Override
    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized Map<String, Registration> everything() {
        return new LinkedHashMap<>(entries);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
