package org.jpyro.client.impl;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.TimeoutException;
import org.jpyro.client.RemoteIterator;
import org.jpyro.protocol.Flags;

/**
 * A Pyro item stream read through {@code Pyro.Daemon.get_next_stream_item([streamId])} calls on the proxy
 * connection the stream came from. The end is the remote {@code StopIteration} (also {@code GeneratorExit},
 * {@code StopAsyncIteration}); any other remote exception ends the stream too, as the daemon then forgets it.
 * <p>
 * <b>Resuming.</b> A lost connection does not end the stream: a daemon keeps it for ITER_STREAM_LINGER seconds
 * after a disconnect. As in Python, iterating while the proxy is not connected fails with a
 * {@link ConnectionClosedException}; once the proxy reconnected ({@code Proxy.reconnect}, {@code bind} or any
 * call) the iteration continues with the same stream id. With MAX_RETRIES above 0 the iterator reconnects by
 * itself and fetches again after a closed connection or a timeout (an item may be lost if the daemon had already
 * produced it).
 * <p>
 * <b>Closing.</b> {@link #close()} sends {@code close_stream} (oneway); an iterator that becomes unreachable
 * before its stream ended has its stream closed by a {@link Cleaner} (on its connection, at once when that is free,
 * else before the connection's next request).
 */
public final class StreamIterator implements RemoteIterator {
    private static final System.Logger LOG = System.getLogger(StreamIterator.class.getName());
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "jpyro-stream-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final ProxyCore core;
    private final int slot;
    private final String streamId;
    private final List<Object> args;
    private final State state;
    private final Cleaner.Cleanable cleanable;
    private Object item;
    private boolean buffered;

    StreamIterator(ProxyCore core, int slot, String streamId) {
        this.core = core;
        this.slot = slot;
        this.streamId = streamId;
        this.args = ProxyCore.pythonList(streamId);
        this.state = new State(core, slot, streamId);
        this.cleanable = CLEANER.register(this, state);
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
        if (state.finished) {
            return false;
        }
        if (core.isClosed()) {
            finish();
            throw new ConnectionClosedException("the proxy for this stream result has been closed");
        }
        for (int attempt = 0; ; attempt++) {
            if (core.maxRetries() == 0 && !core.isConnected(slot)) {
                throw new ConnectionClosedException("the proxy for this stream result is not connected; "
                        + "reconnect it to resume stream " + streamId);
            }
            try {
                item = core.invokeOn(slot, ProxyCore.DAEMON_OBJECT, "get_next_stream_item", args, Map.of(), 0);
                buffered = true;
                return true;
            } catch (PyroRemoteException e) {
                finish();
                if (isEndOfStream(e)) {
                    return false;
                }
                throw e;
            } catch (ConnectionClosedException | TimeoutException e) {
                if (core.isClosed() || e.remoteTraceback() != null) {
                    finish();
                    throw e;
                }
                if (attempt >= core.maxRetries()) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "resuming stream {0} after: {1}", streamId, e);
            } catch (PyroException e) {
                finish();
                throw e;
            }
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
        if (state.finished) {
            return;
        }
        finish();
        buffered = false;
        item = null;
        if (core.isConnected(slot)) {
            try {
                core.invokeOn(slot, ProxyCore.DAEMON_OBJECT, "close_stream", args, Map.of(), Flags.ONEWAY);
            } catch (PyroException e) {
                LOG.log(System.Logger.Level.DEBUG, "close_stream failed for stream {0}: {1}", streamId, e);
            }
        }
    }

    private void finish() {
        state.finished = true;
        cleanable.clean();
    }

    private static boolean isEndOfStream(PyroRemoteException e) {
        String name = e.pythonName();
        return "StopIteration".equals(name) || "GeneratorExit".equals(name) || "StopAsyncIteration".equals(name);
    }

    @Override
    public String toString() {
        return "RemoteIterator[" + streamId + "]";
    }

    /** What the cleaner needs, without a reference to the iterator. */
    private static final class State implements Runnable {
        private final ProxyCore core;
        private final int slot;
        private final String streamId;
        volatile boolean finished;

        State(ProxyCore core, int slot, String streamId) {
            this.core = core;
            this.slot = slot;
            this.streamId = streamId;
        }

        @Override
        public void run() {
            if (!finished) {
                finished = true;
                core.streamAbandoned(slot, streamId);
            }
        }
    }
}
