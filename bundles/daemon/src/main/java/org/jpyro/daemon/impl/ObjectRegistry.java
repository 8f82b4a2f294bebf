package org.jpyro.daemon.impl;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jpyro.api.DaemonException;
import org.jpyro.api.InstanceMode;

/**
 * The objects and classes a daemon serves, by id, and the per-connection state they need.
 * <ul>
 * <li>Lookups by id are lock-free (every request does one); registration keeps registration order (for
 * {@code registered()}) and finds the id of a registered object or class by identity.</li>
 * <li>A registered class is served through instances made according to its {@link InstanceMode}
 * ({@link Registration#target}); SESSION instances live in the {@link SessionScope} of the client connection.</li>
 * <li>Session identity: {@link #target(String, Object)} takes the connection's session object (the daemon's
 * {@code ClientSession}), finds or makes its {@link SessionScope} and binds it to the calling thread through
 * {@link CallContext} for the rest of the call, where {@code CurrentCall.trackResource} finds it.
 * {@link #connectionClosed(Object)} closes that scope when the connection ends.</li>
 * <li>Weak registrations do not keep their object alive; once it was collected the entry is dropped (checked on
 * every registry change and on lookups of its id).</li>
 * </ul>
 */
public final class ObjectRegistry {
    private final Map<String, Registration> byId = new ConcurrentHashMap<>();
    private final Map<String, Registration> ordered = new LinkedHashMap<>();
    private final Map<Object, Registration> strongIdOf = new IdentityHashMap<>();
    /** Weak registrations by the identity hash of their object (the map must not hold the objects). */
    private final Map<Integer, List<Registration>> weakByHash = new java.util.HashMap<>();
    private final Map<Object, SessionScope> sessions = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /**
     * Registers an object (served as is) under an id, held strongly.
     *
     * @throws DaemonException the id is taken, or the object is already registered
     */
    public void add(String id, Object object) {
        add(id, object, false, null, null);
    }

    /**
     * Registers an object, or a class (served through instances), under an id.
     *
     * @param weak    hold it only weakly: the registry does not keep it alive
     * @param mode    for a class: the instance mode, or {@code null} for its {@link org.jpyro.api.Behavior} (SESSION
     *                without one)
     * @param creator for a class: makes its instances, or {@code null} for the {@code @Behavior} creator or the
     *                no-argument constructor
     * @throws DaemonException the id is taken, the object or class is already registered, or a class has neither a
     *                         creator nor a no-argument constructor
     */
    public Registration add(String id, Object objectOrClass, boolean weak, InstanceMode mode,
                            Function<? super Class<?>, ?> creator) {
        Registration r = new Registration(id, objectOrClass, weak, mode, creator, collected);
        synchronized (this) {
            expunge();
            Registration existing = registrationOf(objectOrClass);
            if (existing != null) {
                throw new DaemonException("object or class already has a Pyro id: " + existing.id());
            }
            if (ordered.containsKey(id)) {
                throw new DaemonException("an object or class is already registered with that id: " + id);
            }
            ordered.put(id, r);
            if (weak) {
                weakByHash.computeIfAbsent(System.identityHashCode(objectOrClass), h -> new ArrayList<>(1)).add(r);
            } else {
                strongIdOf.put(objectOrClass, r);
            }
            byId.put(id, r);
        }
        return r;
    }

    /** Removes what is registered under the id; {@code false} if there was nothing. */
    public boolean remove(String id) {
        Registration r;
        synchronized (this) {
            expunge();
            r = ordered.remove(id);
            if (r == null) {
                return false;
            }
            forget(r);
        }
        r.release();
        return true;
    }

    /** The registration under the id, or {@code null} (also when its weakly held object is gone). */
    public Registration registration(String id) {
        Registration r = id == null ? null : byId.get(id);
        if (r != null && r.isWeak() && r.registered() == null) {
            remove(id);
            return null;
        }
        return r;
    }

    /**
     * What is registered under the id (the object, or the class for a registered class, like Pyro's
     * {@code objectsById}), or {@code null}. Use {@link #target} to get the object that serves a call and
     * {@link #servedClass} for the type whose members are exposed.
     */
    public Object get(String id) {
        Registration r = registration(id);
        return r == null ? null : r.registered();
    }

    /** The class whose exposed members the id serves (for metadata; creates no instance), or {@code null}. */
    public Class<?> servedClass(String id) {
        Registration r = registration(id);
        return r == null ? null : r.servedClass();
    }

    /**
     * The object that serves a call to the id on this connection ({@code null} if nothing is registered under the
     * id), creating instances of a registered class per its instance mode. Binds the connection's
     * {@link SessionScope} to the calling thread (see {@link CallContext#scope()}) until the call's
     * {@code CallContext.leave()}.
     *
     * @param session the connection's session object; its scope ends with {@link #connectionClosed(Object)}
     */
    public Object target(String id, Object session) {
        SessionScope scope = session == null ? null : scopeOf(session);
        CallContext.bindScope(scope);
        Registration r = registration(id);
        return r == null ? null : r.target(scope);
    }

    private SessionScope scopeOf(Object session) {
        SessionScope s = sessions.get(session);
        return s != null ? s : sessions.computeIfAbsent(session, SessionScope::new);
    }

    /** The scope of a connection if it has one yet (for tests and diagnostics). */
    public SessionScope scope(Object session) {
        return sessions.get(session);
    }

    /**
     * A connection ended: its SESSION instances are released (closed when {@link AutoCloseable}) and the resources
     * tracked during its calls are closed.
     */
    public void connectionClosed(Object session) {
        SessionScope s = session == null ? null : sessions.remove(session);
        if (s != null) {
            s.close();
        }
    }

    /** The id of a registered object or class, or {@code null}. */
    public synchronized String idOf(Object objectOrClass) {
        Registration r = registrationOf(objectOrClass);
        return r == null ? null : r.id();
    }

    /** All ids, in registration order. */
    public synchronized List<String> ids() {
        expunge();
        return new ArrayList<>(ordered.keySet());
    }

    /** Number of registered objects and classes. */
    public int size() {
        return byId.size();
    }

    /** Drops every registration and closes every session scope (the daemon is closing). */
    public void close() {
        List<Registration> all;
        synchronized (this) {
            all = new ArrayList<>(ordered.values());
        }
        for (Registration r : all) {
            if (!r.id().equals(DaemonObject.ID)) {
                remove(r.id());
            }
        }
        for (Object session : new ArrayList<>(sessions.keySet())) {
            connectionClosed(session);
        }
    }

    private Registration registrationOf(Object objectOrClass) {
        Registration r = strongIdOf.get(objectOrClass);
        if (r != null) {
            return r;
        }
        List<Registration> weak = weakByHash.get(System.identityHashCode(objectOrClass));
        if (weak != null) {
            for (Registration w : weak) {
                if (w.registered() == objectOrClass) {
                    return w;
                }
            }
        }
        return null;
    }

    /** Drops weak registrations whose object was collected. Caller holds the lock. */
    private void expunge() {
        for (Reference<?> ref; (ref = collected.poll()) != null; ) {
            Registration r = ((Registration.WeakRef) ref).registration;
            if (ordered.remove(r.id(), r)) {
                forget(r);
                r.release();
            }
        }
    }

    private void forget(Registration r) {
        byId.remove(r.id(), r);
        if (!r.isWeak()) {
            strongIdOf.remove(r.registered(), r);
            return;
        }
        int hash = r.weakHash();
        List<Registration> weak = weakByHash.get(hash);
        if (weak != null && weak.remove(r) && weak.isEmpty()) {
            weakByHash.remove(hash);
        }
    }
}
