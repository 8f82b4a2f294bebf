package org.jpyro.daemon.impl;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jpyro.api.DaemonException;

/**
 * The objects a daemon serves, by id. Lookups by id are lock-free (every request does one); registration keeps
 * registration order (for {@code registered()}) and an identity map from object to id.
 */
public final class ObjectRegistry {
    private final Map<String, Object> byId = new ConcurrentHashMap<>();
    private final Map<String, Object> ordered = new LinkedHashMap<>();
    private final Map<Object, String> idOf = new IdentityHashMap<>();

    /**
     * Registers an object under an id.
     *
     * @throws DaemonException the id is taken, or the object is already registered
     */
    public synchronized void add(String id, Object object) {
        if (idOf.containsKey(object)) {
            throw new DaemonException("object or class already has a Pyro id: " + idOf.get(object));
        }
        if (byId.containsKey(id)) {
            throw new DaemonException("an object or class is already registered with that id: " + id);
        }
        ordered.put(id, object);
        idOf.put(object, id);
        byId.put(id, object);
    }

    /** Removes the object registered under the id; {@code false} if there was none. */
    public synchronized boolean remove(String id) {
        Object o = ordered.remove(id);
        if (o == null) {
            return false;
        }
        byId.remove(id);
        idOf.remove(o);
        return true;
    }

    /** The object registered under the id, or {@code null}. */
    public Object get(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The id of a registered object, or {@code null}. */
    public synchronized String idOf(Object object) {
        return idOf.get(object);
    }

    /** All ids, in registration order. */
    public synchronized List<String> ids() {
        return new ArrayList<>(ordered.keySet());
    }

    /** Number of registered objects. */
    public int size() {
        return byId.size();
    }
}
