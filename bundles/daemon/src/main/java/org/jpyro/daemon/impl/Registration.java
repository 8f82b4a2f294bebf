package org.jpyro.daemon.impl;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.function.Function;

import org.jpyro.api.Behavior;
import org.jpyro.api.DaemonException;
import org.jpyro.api.InstanceMode;
import org.jpyro.api.serializer.AutoProxies;

/**
 * One entry of an {@link ObjectRegistry}: an object served as is, or a class served through instances the daemon
 * creates according to its {@link InstanceMode}; held strongly, or weakly ({@code registerWeak}: the registry does
 * not keep it alive and the entry disappears once it was collected).
 */
public final class Registration {
    /** A weak reference that remembers which registration it belongs to. */
    static final class WeakRef extends WeakReference<Object> {
        final Registration registration;

        WeakRef(Object referent, ReferenceQueue<Object> queue, Registration registration) {
            super(referent, queue);
            this.registration = registration;
        }
    }

    private final String id;
    private final Object strong;
    private final WeakRef weak;
    /** The identity hash of a weakly held object (known even after it was collected). */
    private final int weakHash;
    private final boolean isClass;
    private final InstanceMode mode;
    private final Function<? super Class<?>, ?> creator;
    private final Object singleLock = new Object();
    private volatile Object single;
    private volatile AutoProxies.Registration autoProxy;

    Registration(String id, Object objectOrClass, boolean weak, InstanceMode mode, Function<? super Class<?>, ?> creator,
                 ReferenceQueue<Object> queue) {
        this.id = id;
        this.isClass = objectOrClass instanceof Class;
        this.strong = weak ? null : objectOrClass;
        this.weak = weak ? new WeakRef(objectOrClass, queue, this) : null;
        this.weakHash = weak ? System.identityHashCode(objectOrClass) : 0;
        if (isClass) {
            Class<?> type = (Class<?>) objectOrClass;
            Behavior b = type.getAnnotation(Behavior.class);
            this.mode = mode != null ? mode : b != null ? b.instanceMode() : InstanceMode.SESSION;
            Function<? super Class<?>, ?> c = creator != null ? creator : b != null ? newCreator(b) : null;
            this.creator = c != null ? c : Behavior.NoArgConstructor.of(type);
        } else {
            this.mode = null;
            this.creator = null;
        }
    }

    private static Function<Class<?>, Object> newCreator(Behavior b) {
        if (b.instanceCreator() == Behavior.NoArgConstructor.class) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Function<Class<?>, Object> f = (Function<Class<?>, Object>) Behavior.NoArgConstructor.of(b.instanceCreator())
                .apply(b.instanceCreator());
        return f;
    }

    /** The object id. */
    public String id() {
        return id;
    }

    /** The registered object or class, or {@code null} when it was weakly held and is gone. */
    public Object registered() {
        return weak != null ? weak.get() : strong;
    }

    /** Whether a class was registered (served through created instances). */
    public boolean isClass() {
        return isClass;
    }

    /** Whether the registry holds the object only weakly. */
    public boolean isWeak() {
        return weak != null;
    }

    /** The identity hash of the weakly held object (0 for strong registrations). */
    int weakHash() {
        return weakHash;
    }

    /** The instance mode of a registered class; {@code null} for a registered object. */
    public InstanceMode instanceMode() {
        return mode;
    }

    /** The class whose exposed members are served, or {@code null} when a weakly held object is gone. */
    public Class<?> servedClass() {
        Object o = registered();
        return o == null ? null : isClass ? (Class<?>) o : o.getClass();
    }

    /**
     * The object that serves a call: the registered object; for a class the single instance (created once,
     * thread-safely), this session's instance, or a new one (PERCALL). {@code scope} may be {@code null} outside a
     * connection: a SESSION class then gets a new unshared instance.
     */
    Object target(SessionScope scope) {
        if (!isClass) {
            return registered();
        }
        switch (mode) {
            case SINGLE: {
                Object s = single;
                if (s == null) {
                    synchronized (singleLock) {
                        s = single;
                        if (s == null) {
                            s = create();
                            single = s;
                        }
                    }
                }
                return s;
            }
            case SESSION:
                return scope != null ? scope.instance(this) : create();
            default:
                return create();
        }
    }

    /**
     * A new instance of the registered class, from the creator (given to {@code register}, else the one named by
     * {@link Behavior#instanceCreator()}, else the no-argument constructor).
     *
     * @throws DaemonException the class is gone, or the creator returned {@code null} or an object of another type
     */
    Object create() {
        Class<?> type = servedClass();
        if (type == null) {
            throw new DaemonException("unknown object");
        }
        Object o = creator.apply(type);
        if (!type.isInstance(o)) {
            throw new DaemonException("instance creator returned object of different type: "
                    + (o == null ? "None" : o.getClass().getName()) + " is no " + type.getName());
        }
        return o;
    }

    /** Links the autoproxy entry that ends with this registration. */
    public void attachAutoProxy(AutoProxies.Registration registration) {
        this.autoProxy = registration;
    }

    /** Ends the registration's side effects (its autoproxy entry); idempotent. */
    public void release() {
        AutoProxies.Registration a = autoProxy;
        autoProxy = null;
        if (a != null) {
            a.close();
        }
    }

    @Override
    public String toString() {
        return "Registration[" + id + (isClass ? ", class " + mode : "") + (weak != null ? ", weak" : "") + "]";
    }
}
