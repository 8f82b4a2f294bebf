package org.jpyro.client.impl;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.client.RemoteIterator;
import org.jpyro.protocol.Flags;

/**
 * A Pyro item stream read through {@code Pyro.Daemon.get_next_stream_item([streamId])} calls on the proxy's
 * connection. The end is the remote {@code StopIteration} (also {@code GeneratorExit},
 * {@code StopAsyncIteration}); any other remote exception ends the stream too, as the daemon then forgets it.
 */
public final class StreamIterator implements RemoteIterator {
    private static final System.Logger LOG = System.getLogger(StreamIterator.class.getName());

    private final ProxyCore core;
    private final String streamId;
    private final List<Object> args;
    private Object item;
    private boolean buffered;
    private boolean finished;

    StreamIterator(ProxyCore core, String streamId) {
        this.core = core;
        this.streamId = streamId;
        this.args = ProxyCore.pythonList(streamId);
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public boolean hasNext() {
        if (buffered) {
            return true;
        }
        if (finished) {
            return false;
        }
        if (!core.isConnected()) {
            finished = true;
            throw new ConnectionClosedException("the proxy for this stream result has been closed");
        }
        try {
            item = core.invoke(ProxyCore.DAEMON_OBJECT, "get_next_stream_item", args, Map.of(), 0);
            buffered = true;
            return true;
        } catch (PyroRemoteException e) {
            finished = true;
            if (isEndOfStream(e)) {
                return false;
            }
            throw e;
        } catch (PyroException e) {
            finished = true;
            throw e;
        }
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("end of remote stream " + streamId);
        }
        Object result = item;
        item = null;
        buffered = false;
        return result;
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        buffered = false;
        item = null;
        if (core.isConnected()) {
            try {
                core.invoke(ProxyCore.DAEMON_OBJECT, "close_stream", args, Map.of(), Flags.ONEWAY);
            } catch (PyroException e) {
                LOG.log(System.Logger.Level.DEBUG, "close_stream failed for stream {0}: {1}", streamId, e);
            }
        }
    }

    private static boolean isEndOfStream(PyroRemoteException e) {
        String name = e.pythonName();
        return "StopIteration".equals(name) || "GeneratorExit".equals(name) || "StopAsyncIteration".equals(name);
    }

    @Override
    public String toString() {
        return "RemoteIterator[" + streamId + "]";
    }
}
