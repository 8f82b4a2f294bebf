package org.jpyro.daemon.impl;

import org.jpyro.api.ProtocolVersion;

/**
 * What the current thread's remote call knows about itself, read via {@code CurrentCall}: the protocol version of
 * the request and the {@link SessionScope} of the client connection it came on.
 * <p>
 * The session scope is bound by {@link ObjectRegistry#target} (resolving the call's target object is the first
 * thing a call does, so it is there for the whole call, also in batch calls) and unbound by {@link #leave()}.
 * Oneway calls run on another thread after the request was answered and have no session scope, as in Pyro.
 */
public final class CallContext {
    private static final ThreadLocal<ProtocolVersion> VERSION = new ThreadLocal<>();
    private static final ThreadLocal<SessionScope> SCOPE = new ThreadLocal<>();

    private CallContext() {
    }

    /** The version of the request being served on this thread, or {@code null} outside a remote call. */
    public static ProtocolVersion version() {
        return VERSION.get();
    }

    /** The session scope of the connection whose call this thread serves, or {@code null}. */
    public static SessionScope scope() {
        return SCOPE.get();
    }

    static void enter(ProtocolVersion version) {
        VERSION.set(version);
    }

    static void bindScope(SessionScope scope) {
        SCOPE.set(scope);
    }

    static void leave() {
        // set(null), not remove(): the thread keeps its entries, so the next call allocates no new map entry
        // (a WeakReference the GC must process) and clears no reference natively
        VERSION.set(null);
        SCOPE.set(null);
    }
}
