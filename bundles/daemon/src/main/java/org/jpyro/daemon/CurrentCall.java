package org.jpyro.daemon;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.daemon.impl.CallContext;

/**
 * What a served object may learn about the remote call it is executing, e.g. to answer Pyro4 and Pyro5 callers
 * in their own dialect.
 */
public final class CurrentCall {
    private CurrentCall() {
    }

    /**
     * The protocol version of the request the calling thread is serving (also in oneway and batch calls), or
     * {@code null} when the thread is not executing a remote call.
     */
    public static ProtocolVersion protocolVersion() {
        return CallContext.version();
    }
}
