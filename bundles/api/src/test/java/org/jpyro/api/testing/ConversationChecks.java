package org.jpyro.api.testing;

import static org.jpyro.api.testing.Py.assertRemoteTraceback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jpyro.api.DaemonException;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.jpyro.api.serializer.Serializer;

/**
 * What the golden conversations decode to whatever the serializer: the Pyro objects of the exception, batch,
 * stream, autoproxy and nameserver conversations ({@code <pyro>-<serializer>-<scenario>.json}). How the
 * serializer carries plain values (tuples or lists, bytes, ...) is for each serializer's own tests.
 */
public final class ConversationChecks {
    /** The URI the autoproxy conversation sends as an argument, alone and inside a proxy. */
    public static final PyroURI SOME_OBJECT = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");

    private final Serializer serializer;

    /** Checks the conversations of {@code serializer.name()} decoded by {@code serializer}. */
    public ConversationChecks(Serializer serializer) {
        this.serializer = serializer;
    }

    /** The frames of one conversation, {@code pyro} being {@code "pyro4"} or {@code "pyro5"}. */
    public List<Vectors.Frame> frames(String pyro, String scenario) {
        return Vectors.frames(pyro + "-" + serializer.name() + "-" + scenario + ".json", serializer.name());
    }

    /** The first response of that step, decoded. */
    public Object response(List<Vectors.Frame> frames, int step) {
        return Vectors.response(serializer, frames, step);
    }

    /** The first INVOKE of that step, decoded as a call. */
    public Call call(List<Vectors.Frame> frames, int step) {
        return Vectors.call(serializer, frames, step);
    }

    /** Every response of the conversation, decoded. */
    public List<Object> responses(List<Vectors.Frame> frames) {
        List<Object> responses = new ArrayList<>();
        for (Vectors.Frame f : frames) {
            if (!f.c2s()) {
                responses.add(serializer.deserializeData(f.payload(), f.version()));
            }
        }
        return responses;
    }

    /**
     * The exception conversation: {@code ValueError('bad value', 42)}, {@code DaemonError('unknown object')} and
     * an AttributeError for an unknown method, each with Python's remote traceback.
     */
    public void assertExceptions(String pyro) {
        List<Vectors.Frame> frames = frames(pyro, "exception");
        PyroRemoteException valueError = assertInstanceOf(PyroRemoteException.class, response(frames, 1));
        assertEquals("builtins.ValueError", valueError.pythonType());
        assertEquals(List.of("bad value", 42), valueError.args());
        assertRemoteTraceback(valueError);
        assertTrue(String.join("", valueError.remoteTraceback()).contains("ValueError"), pyro);

        DaemonException daemonError = assertInstanceOf(DaemonException.class, response(frames, 2));
        assertEquals("unknown object", daemonError.getMessage());
        assertRemoteTraceback(daemonError);

        PyroRemoteException attributeError = assertInstanceOf(PyroRemoteException.class, response(frames, 3));
        assertEquals("builtins.AttributeError", attributeError.pythonType());
        assertEquals(List.of("'VecService' object has no attribute 'no_such_method'"), attributeError.args());
    }

    /** The nameserver conversation: its NamingErrors (unknown name) decode to NamingExceptions with tracebacks. */
    public void assertNamingErrors(String pyro) {
        boolean unknownName = false;
        for (Object r : responses(frames(pyro, "nameserver"))) {
            if (r instanceof NamingException) {
                NamingException e = (NamingException) r;
                assertRemoteTraceback(e);
                unknownName |= e.getMessage().startsWith("unknown name");
            }
        }
        assertTrue(unknownName, pyro + ": NamingError 'unknown name' in the name server conversation");
    }

    /**
     * The batch conversation's first step: the call {@code <batch>} with kwargs None, answered with 1, 5, then the
     * ExceptionWrapper of {@code ValueError('in batch', 7)}.
     */
    public void assertBatch(String pyro) {
        List<Vectors.Frame> frames = frames(pyro, "batch");
        Call batch = call(frames, 1);
        assertEquals("<batch>", batch.method());
        assertNull(batch.kwargs());
        List<?> results = assertInstanceOf(List.class, response(frames, 1));
        assertEquals(3, results.size());
        assertEquals(1, results.get(0));
        assertEquals(5, results.get(1));
        ExceptionWrapper w = assertInstanceOf(ExceptionWrapper.class, results.get(2));
        PyroRemoteException e = assertInstanceOf(PyroRemoteException.class, w.exception());
        assertEquals("builtins.ValueError", e.pythonType());
        assertEquals(List.of("in batch", 7), e.args());
        assertRemoteTraceback(e);
    }

    /**
     * The stream conversation: the call that returns an iterator answers with the ProtocolError marker (its
     * traceback None), and the exhausted stream with {@code StopIteration()}.
     */
    public void assertStreamMarkers(String pyro) {
        List<Vectors.Frame> frames = frames(pyro, "stream");
        ProtocolException marker = assertInstanceOf(ProtocolException.class, response(frames, 1));
        assertEquals("result of call is an iterator", marker.getMessage());
        assertNull(marker.remoteTraceback(), "_pyroTraceback None");
        boolean stop = false;
        for (Object r : responses(frames)) {
            if (r instanceof PyroRemoteException && ((PyroRemoteException) r).pythonType().equals("builtins.StopIteration")) {
                assertEquals(List.of(), ((PyroRemoteException) r).args());
                stop = true;
            }
        }
        assertTrue(stop, pyro + ": StopIteration at the end of the stream");
    }

    /**
     * The autoproxy conversation: a registered object comes back as the ProxyState of {@code test.child}; a URI
     * and a proxy sent as arguments arrive as {@link PyroURI} and {@link ProxyState} and come back equal.
     */
    public void assertProxiesAndUris(String pyro) {
        List<Vectors.Frame> frames = frames(pyro, "autoproxy");
        ProxyState child = assertInstanceOf(ProxyState.class, response(frames, 1));
        assertEquals("test.child", child.uri().object());
        assertEquals("127.0.0.1", child.uri().host());
        assertEquals(Set.of("hello"), child.methods());
        assertEquals(Set.of(), child.oneway());
        assertEquals("hello", child.handshake());
        assertNull(child.serializer());

        assertEquals(SOME_OBJECT, call(frames, 2).args().get(0));
        assertEquals(SOME_OBJECT, response(frames, 2));

        ProxyState p = assertInstanceOf(ProxyState.class, call(frames, 3).args().get(0));
        assertEquals(SOME_OBJECT, p.uri());
        assertEquals("hello", p.handshake());
        assertTrue(p.methods().isEmpty(), p.toString());
        assertEquals(p, response(frames, 3));
    }
}
