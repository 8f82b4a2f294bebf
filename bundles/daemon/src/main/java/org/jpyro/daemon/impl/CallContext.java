package org.jpyro.daemon.impl;

import org.jpyro.api.ProtocolVersion;

/** The protocol version of the request the current thread is serving; read via {@code CurrentCall}. */
public final class CallContext {
    private static final ThreadLocal<ProtocolVersion> VERSION = new ThreadLocal<>();

    private CallContext() {
    }

    /** The version of the request being served on this thread, or {@code null} outside a remote call. */
    public static ProtocolVersion version() {
        return VERSION.get();
    }

    static void enter(ProtocolVersion version) {
        VERSION.set(version);
    }

    static void leave() {
        VERSION.remove();
    }
}
