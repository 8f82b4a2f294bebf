package org.jpyro.naming;

import org.jpyro.api.PyroURI;
import org.jpyro.daemon.Daemon;

/**
 * A running name server started by {@link NameServers}: its daemon, the served {@link NameServer}, the optional
 * broadcast responder. {@link #close()} stops all of them.
 */
public final class NameServerHandle implements AutoCloseable {
    private final Daemon daemon;
    private final NameServer nameServer;
    private final BroadcastResponder broadcast;

    NameServerHandle(Daemon daemon, NameServer nameServer, BroadcastResponder broadcast) {
        this.daemon = daemon;
        this.nameServer = nameServer;
        this.broadcast = broadcast;
    }

    /** The published URI of the name server (NAT location if one is set). */
    public PyroURI uri() {
        return daemon.uriFor(NameServer.NAMESERVER_NAME);
    }

    /** The URI on the bound location, ignoring NAT. */
    public PyroURI internalUri() {
        return PyroURI.parse("PYRO:" + NameServer.NAMESERVER_NAME + "@" + daemon.locationStr());
    }

    /** The daemon serving the name server. */
    public Daemon daemon() {
        return daemon;
    }

    /** The name server object. */
    public NameServer nameServer() {
        return nameServer;
    }

    /** The broadcast responder, or {@code null} when none runs. */
    public BroadcastResponder broadcast() {
        return broadcast;
    }

    /** Blocks serving until the daemon is shut down (for the CLI). */
    public void requestLoop() {
        daemon.requestLoop();
    }

    /** Stops the broadcast responder and the daemon and closes the store. Idempotent. */
    @Override
    public void close() {
        if (broadcast != null) {
            broadcast.close();
        }
        daemon.close();
        nameServer.storage().close();
    }
}
