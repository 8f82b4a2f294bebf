package org.jpyro.daemon.impl;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-connection state of a daemon's objects: the {@link org.jpyro.api.InstanceMode#SESSION SESSION}
 * instances created for this client connection and the resources served code tracked for it
 * ({@code CurrentCall.trackResource}). {@link #close()} (when the connection ends) closes the tracked resources
 * and the session instances that are {@link AutoCloseable}, in no particular order; failures are logged.
 * Thread-safe.
 */
public final class SessionScope {
    private static final System.Logger LOG = System.getLogger(SessionScope.class.getName());

    private final Object owner;
    private final Map<Registration, Object> instances = new IdentityHashMap<>(4);
    private final Map<AutoCloseable, Boolean> resources = new IdentityHashMap<>(4);
    private boolean closed;

    SessionScope(Object owner) {
        this.owner = owner;
    }

    /** The connection (session) this scope belongs to. */
    Object owner() {
        return owner;
    }

    /** This connection's instance of a SESSION-mode registration, created on first use. */
    Object instance(Registration registration) {
        synchronized (this) {
            Object o = instances.get(registration);
            if (o == null) {
                o = registration.create();
                if (closed) {
                    closeQuietly(o, "session instance");
                } else {
                    instances.put(registration, o);
                }
            }
            return o;
        }
    }

    /** Closes the resource when the connection ends (again tracking it is a no-op). */
    public void track(AutoCloseable resource) {
        if (resource == null) {
            throw new IllegalArgumentException("resource is null");
        }
        boolean late;
        synchronized (this) {
            late = closed;
            if (!late) {
                resources.put(resource, Boolean.TRUE);
            }
        }
        if (late) {
            closeQuietly(resource, "resource");
        }
    }

    /** Stops tracking the resource; whether it was tracked. */
    public boolean untrack(AutoCloseable resource) {
        synchronized (this) {
            return resources.remove(resource) != null;
        }
    }

    /** Number of tracked resources. */
    public synchronized int trackedResources() {
        return resources.size();
    }

    /** Closes the tracked resources and the AutoCloseable session instances; idempotent. */
    void close() {
        List<AutoCloseable> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose.addAll(resources.keySet());
            for (Object o : instances.values()) {
                if (o instanceof AutoCloseable) {
                    toClose.add((AutoCloseable) o);
                }
            }
            resources.clear();
            instances.clear();
        }
        for (AutoCloseable c : toClose) {
            closeQuietly(c, "session resource");
        }
    }

    private static void closeQuietly(Object o, String what) {
        if (!(o instanceof AutoCloseable)) {
            return;
        }
        try {
            ((AutoCloseable) o).close();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "closing " + what + " " + o + " failed: " + e);
        }
    }
}
