package org.jpyro.naming;

import org.jpyro.api.PyroURI;
import org.jpyro.daemon.Daemon;
import org.jpyro.naming.impl.AutoCleaner;

/**
 * A running name server started by {@link NameServers}: its daemon, the served {@link NameServer}, the optional
 * broadcast responder. {@link #close()} stops all of them.
 */
public final class NameServerHandle implements AutoCloseable {
    private final Daemon daemon;
    private final NameServer nameServer;
    private final BroadcastResponder broadcast;
    private final AutoCloseable autoCleaner;

    NameServerHandle(Daemon daemon, NameServer nameServer, BroadcastResponder broadcast, AutoCleaner autoCleaner) {
        this.daemon = daemon;
        this.nameServer = nameServer;
        this.broadcast = broadcast;
        this.autoCleaner = autoCleaner;
    }

    /** Whether NS_AUTOCLEAN runs for this name server. */
    public boolean autoCleaning() {
        return autoCleaner != null;
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

    /** Stops the auto-cleaner, the broadcast responder and the daemon and closes the store. Idempotent. */
    @Override
    public void close() {
        if (autoCleaner != null) {
            try {
                autoCleaner.close();
            } catch (Exception e) {
                // AutoCleaner.close throws nothing
            }
        }
        if (broadcast != null) {
            broadcast.close();
        }
        daemon.close();
        nameServer.storage().close();
    }
}
