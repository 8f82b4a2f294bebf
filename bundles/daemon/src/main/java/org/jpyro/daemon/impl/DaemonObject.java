package org.jpyro.daemon.impl;

import java.util.List;
import java.util.Map;

import org.jpyro.api.DaemonException;
import org.jpyro.api.Expose;

/**
 * The daemon's own remote object, registered as {@code Pyro.Daemon}: liveness, information, the object
 * registry, metadata and the item stream protocol. Method and parameter names are Pyro's (clients call them
 * with keyword arguments too).
 */
public final class DaemonObject {
    /** The object id of the daemon object. */
    public static final String ID = "Pyro.Daemon";

    private final DaemonCore core;

    DaemonObject(DaemonCore core) {
        this.core = core;
        // the item stream protocol is this object's: it gives the streams the daemon's lifetime and linger
        core.streams().configure(core.config());
    }

    /** Does nothing; for testing the connection. */
    @Expose
    public void ping() {
    }

    /** {@code Pyro.Daemon bound on <loc>, NAT <natloc>, <n> objects registered. Servertype: <server>}. */
    @Expose
    public String info() {
        return core.info();
    }

    /** The ids of all registered objects, {@code Pyro.Daemon} included. */
    @Expose
    public List<String> registered() {
        return core.objects().ids();
    }

    /** The metadata of a registered object, as sets. */
    @Expose(name = "get_metadata")
    public Map<String, Object> getMetadata(String objectId) {
        return getMetadata(objectId, false);
    }

    /**
     * The metadata of a registered object, as sets or lists.
     *
     * @throws DaemonException "unknown object"
     */
    @Expose(name = "get_metadata")
    public Map<String, Object> getMetadata(String objectId, boolean as_lists) { // NOPMD: Pyro's keyword name
        return core.metadata(objectId).asDict(as_lists);
    }

    /** The next item of an item stream; StopIteration at its end. */
    @Expose(name = "get_next_stream_item")
    public Object getNextStreamItem(String streamId) throws Throwable {
        return core.streams().next(streamId);
    }

    /** Closes an item stream early. */
    @Expose(name = "close_stream")
    public void closeStream(String streamId) {
        core.streams().close(streamId);
    }
}
