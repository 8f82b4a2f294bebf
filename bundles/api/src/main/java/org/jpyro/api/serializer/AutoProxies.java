package org.jpyro.api.serializer;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jpyro.api.ProxyState;

/**
 * Pyro's autoproxy: objects served by a daemon of this JVM travel as Pyro proxies instead of as their value, in
 * results a daemon sends as well as in arguments a proxy sends. Daemons register what they serve here (when their
 * AUTOPROXY config item is on, the default); {@link PythonValues#normalize} consults {@link #proxyFor} for every
 * value no serializer writes natively, so values a format has a form for (strings, numbers, collections, maps,
 * arrays, and in some formats enums) are never replaced.
 * <p>
 * Lookups take no lock and allocate nothing: a volatile read of an identity map keyed by the value's exact class
 * (copy-on-write; registering is rare), then an identity comparison with the few objects registered for that
 * class. An empty registry costs one volatile read and one empty-map check.
 * <p>
 * A registration is either one object (held strongly, or weakly so that registering does not keep it alive) or
 * a whole class (every instance of exactly that class, as Pyro does for instances a daemon creates for a
 * registered class). Individually registered objects win over their class's registration. The state supplier
 * returns the proxy to send, or {@code null} once the registration no longer applies (e.g. its daemon was
 * closed): the registration is then dropped.
 */
public final class AutoProxies {
    /** Withdraws an autoproxy registration. */
    public interface Registration extends AutoCloseable {
        /** Removes the registration; idempotent. */
        @Override
        void close();
    }

    private static final Object LOCK = new Object();
    private static final Map<Class<?>, Entry[]> EMPTY = Collections.unmodifiableMap(new IdentityHashMap<>());
    private static volatile Map<Class<?>, Entry[]> byClass = EMPTY;

    private AutoProxies() {
    }

    /** One registration. */
    private static final class Entry implements Registration {
        final Class<?> key;
        final Object strong;
        final WeakReference<Object> weak;
        final boolean wholeClass;
        final Supplier<ProxyState> state;

        Entry(Class<?> key, Object strong, WeakReference<Object> weak, boolean wholeClass, Supplier<ProxyState> state) {
            this.key = key;
            this.strong = strong;
            this.weak = weak;
            this.wholeClass = wholeClass;
            this.state = state;
        }

        boolean matches(Object value) {
            return wholeClass || (weak != null ? weak.get() : strong) == value;
        }

        boolean cleared() {
            return weak != null && weak.get() == null;
        }

        @Override
        public void close() {
            remove(this);
        }
    }

    /**
     * Makes {@code object} travel as the proxy {@code state} supplies.
     *
     * @param weak  hold the object only weakly (the registration silently ends when it is collected)
     * @param state the proxy to send, or {@code null} when the registration no longer applies
     */
    public static Registration registerObject(Object object, boolean weak, Supplier<ProxyState> state) {
        if (object == null || state == null) {
            throw new IllegalArgumentException("object and state are required");
        }
        Entry e = new Entry(object.getClass(), weak ? null : object, weak ? new WeakReference<>(object) : null, false,
                state);
        add(e);
        return e;
    }

    /**
     * Makes every instance of exactly {@code type} (not of its subclasses) travel as the proxy {@code state}
     * supplies; objects registered individually take precedence.
     */
    public static Registration registerClass(Class<?> type, Supplier<ProxyState> state) {
        if (type == null || state == null) {
            throw new IllegalArgumentException("type and state are required");
        }
        Entry e = new Entry(type, null, null, true, state);
        add(e);
        return e;
    }

    /** The proxy a value travels as, or {@code null} when it is no registered object. */
    public static ProxyState proxyFor(Object value) {
        Map<Class<?>, Entry[]> map = byClass;
        if (map.isEmpty() || value == null) {
            return null;
        }
        Entry[] entries = map.get(value.getClass());
        if (entries == null) {
            return null;
        }
        for (Entry e : entries) {
            if (e.matches(value)) {
                ProxyState s = e.state.get();
                if (s != null) {
                    return s;
                }
                remove(e);
            }
        }
        return null;
    }

    /** Number of live registrations (for tests and diagnostics). */
    public static int size() {
        int n = 0;
        for (Entry[] entries : byClass.values()) {
            for (Entry e : entries) {
                n += e.cleared() ? 0 : 1;
            }
        }
        return n;
    }

    private static void add(Entry added) {
        synchronized (LOCK) {
            Map<Class<?>, Entry[]> copy = purgedCopy(null);
            Entry[] old = copy.get(added.key);
            List<Entry> list = new ArrayList<>();
            if (old != null) {
                list.addAll(List.of(old));
            }
            // objects first, class-wide registrations last: an object's own registration wins
            if (added.wholeClass) {
                list.add(added);
            } else {
                int i = 0;
                while (i < list.size() && !list.get(i).wholeClass) {
                    i++;
                }
                list.add(i, added);
            }
            copy.put(added.key, list.toArray(new Entry[0]));
            byClass = copy;
        }
    }

    private static void remove(Entry removed) {
        synchronized (LOCK) {
            byClass = purgedCopy(removed);
        }
    }

    /**
     * A mutable copy without {@code removed}, entries whose weakly held object was collected and entries whose
     * state supplier says they no longer apply.
     */
    private static Map<Class<?>, Entry[]> purgedCopy(Entry removed) {
        Map<Class<?>, Entry[]> copy = new IdentityHashMap<>();
        for (Map.Entry<Class<?>, Entry[]> me : byClass.entrySet()) {
            List<Entry> kept = new ArrayList<>(me.getValue().length);
            for (Entry e : me.getValue()) {
                if (e != removed && !e.cleared() && e.state.get() != null) {
                    kept.add(e);
                }
            }
            if (!kept.isEmpty()) {
                copy.put(me.getKey(), kept.toArray(new Entry[0]));
            }
        }
        return copy;
    }
}
