package org.jpyro.daemon;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.daemon.impl.CallContext;
import org.jpyro.daemon.impl.SessionScope;

/**
 * What a served object may learn about the remote call it is executing (e.g. to answer Pyro4 and Pyro5 callers
 * in their own dialect), and Pyro's resource tracking ({@code current_context.track_resource}): resources
 * tracked during a call are closed when that client's connection ends.
 * <pre>{@code
 * @Expose
 * public String open(String name) throws IOException {
 *     FileChannel ch = FileChannel.open(Path.of(name));
 *     CurrentCall.trackResource(ch);      // closed when this client disconnects
 *     ...
 * }
 * }</pre>
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

    /**
     * Closes {@code resource} when the client connection of the current call ends (in no particular order with
     * the connection's other resources; failures are logged). Unlike Pyro's weak set, the resource is held
     * strongly until it is untracked or closed. Tracking it again is a no-op.
     *
     * @throws IllegalStateException the thread is not serving a (two-way) remote call; oneway methods run after
     *                               their request was answered and cannot track resources, as in Pyro
     */
    public static void trackResource(AutoCloseable resource) {
        scope().track(resource);
    }

    /**
     * Stops tracking a resource of the current call's connection (e.g. because the served code closed it
     * itself); whether it was tracked.
     *
     * @throws IllegalStateException the thread is not serving a (two-way) remote call
     */
    public static boolean untrackResource(AutoCloseable resource) {
        return scope().untrack(resource);
    }

    private static SessionScope scope() {
        SessionScope s = CallContext.scope();
        if (s == null) {
            throw new IllegalStateException("not serving a remote call: no client connection to track resources for");
        }
        return s;
    }
}
