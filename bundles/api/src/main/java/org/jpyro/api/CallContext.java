package org.jpyro.api;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Pyro call context of the current thread (Python's {@code Pyro5.callcontext.current_context} /
 * {@code Pyro4.current_context}).
 * <p>
 * <b>Client side</b>: the {@link #correlationId()} and the {@link #annotations()} set here travel with every
 * CONNECT and INVOKE a proxy sends from this thread (the id in the Pyro5 header, as the {@code CORR}
 * annotation in Pyro4); after each answer {@link #responseAnnotations()} holds the annotations the daemon sent.
 * <p>
 * <b>Server side</b>: while a daemon runs a remote method on its worker thread, {@link #correlationId()} is
 * the request's correlation id (so proxy calls the method makes carry it on), {@link #requestAnnotations()}
 * the request's annotations, {@link #clientAddress()} the caller's address, and annotations the method puts in
 * {@link #responseAnnotations()} go back with its result. The daemon sets this before the call and restores
 * the thread's previous context after it.
 * <p>
 * Annotation keys are 4 ASCII characters ({@code CORR} and {@code HMAC} are reserved for the protocol); values
 * are raw bytes. The maps returned are the live, modifiable
 * maps of this thread's context.
 */
public final class CallContext {
    private static final ThreadLocal<CallContext> CURRENT = ThreadLocal.withInitial(CallContext::new);

    private UUID correlationId;
    /** Created on first use: most contexts (one per served call) never need them. */
    private Map<String, byte[]> annotations;
    private Map<String, byte[]> responseAnnotations;
    private Map<String, byte[]> requestAnnotations = Map.of();
    private SocketAddress clientAddress;

    private CallContext() {
    }

    /** The correlation id of this thread, or {@code null}. */
    public static UUID correlationId() {
        return CURRENT.get().correlationId;
    }

    /** Sets the correlation id sent with this thread's next calls ({@code null}: none, the daemon makes one). */
    public static void setCorrelationId(UUID id) {
        CURRENT.get().correlationId = id;
    }

    /** The annotations sent with this thread's next calls (live and modifiable; keys are 4 ASCII characters). */
    public static Map<String, byte[]> annotations() {
        return CURRENT.get().sendAnnotations();
    }

    /** Replaces the annotations sent with this thread's next calls. */
    public static void setAnnotations(Map<String, byte[]> annotations) {
        Map<String, byte[]> a = CURRENT.get().sendAnnotations();
        a.clear();
        if (annotations != null) {
            a.putAll(annotations);
        }
    }

    /**
     * Client: the annotations of the last answer a proxy received on this thread. Server: the annotations the
     * running method wants to send back with its result (add to this map).
     */
    public static Map<String, byte[]> responseAnnotations() {
        CallContext c = CURRENT.get();
        Map<String, byte[]> m = c.responseAnnotations;
        if (m == null) {
            m = new AnnotationMap();
            c.responseAnnotations = m;
        }
        return m;
    }

    /** Whether {@link #responseAnnotations()} holds any annotation (without creating the map). */
    public static boolean hasResponseAnnotations() {
        Map<String, byte[]> m = CURRENT.get().responseAnnotations;
        return m != null && !m.isEmpty();
    }

    private Map<String, byte[]> sendAnnotations() {
        Map<String, byte[]> m = annotations;
        if (m == null) {
            m = new AnnotationMap();
            annotations = m;
        }
        return m;
    }

    /** Server side: the annotations of the request being served (read-only), empty elsewhere. */
    public static Map<String, byte[]> requestAnnotations() {
        return CURRENT.get().requestAnnotations;
    }

    /** Server side: the address of the client whose request is being served, else {@code null}. */
    public static SocketAddress clientAddress() {
        return CURRENT.get().clientAddress;
    }

    /** Forgets everything this thread's context holds. */
    public static void clear() {
        CURRENT.remove();
    }

    // ------------------------------------------------------------------ for proxies and daemons

    /** For proxies: records the annotations of an answer (copied) as {@link #responseAnnotations()}. */
    public static void received(Map<String, byte[]> responseAnnotations) {
        CallContext c = CURRENT.get();
        if (responseAnnotations == null || responseAnnotations.isEmpty()) {
            c.responseAnnotations = null; // a new empty map when asked for: nothing to allocate per call
            return;
        }
        AnnotationMap m = new AnnotationMap();
        m.putAll(responseAnnotations);
        c.responseAnnotations = m;
    }

    /**
     * For daemons: makes this thread serve a request, until {@link Saved#restore()}: its correlation id,
     * annotations and client address become visible, and the response annotations start empty.
     *
     * @return the thread's previous context, to restore after the call
     */
    public static Saved serve(UUID correlationId, Map<String, byte[]> requestAnnotations, SocketAddress clientAddress) {
        CallContext previous = CURRENT.get();
        CallContext c = new CallContext();
        c.correlationId = correlationId;
        c.requestAnnotations = requestAnnotations == null || requestAnnotations.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(requestAnnotations));
        c.clientAddress = clientAddress;
        CURRENT.set(c);
        return new Saved(previous);
    }

    /** A thread's context put aside while it serves a request. */
    public static final class Saved {
        private final CallContext previous;

        private Saved(CallContext previous) {
            this.previous = previous;
        }

        /** Puts the thread's previous context back. */
        public void restore() {
            CURRENT.set(previous);
        }
    }

    /**
     * Checks an annotation key: 4 ASCII characters.
     *
     * @throws IllegalArgumentException it is not
     */
    public static String checkKey(String key) {
        if (key == null || key.length() != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(key)) {
            throw new IllegalArgumentException("annotation key must be 4 ASCII characters: " + key);
        }
        return key;
    }

    /** An insertion-ordered map that accepts only 4-character ASCII keys and non-null values. */
    private static final class AnnotationMap extends LinkedHashMap<String, byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] put(String key, byte[] value) {
            checkKey(key);
            if (value == null) {
                throw new IllegalArgumentException("annotation value is required for " + key);
            }
            return super.put(key, value);
        }

        @Override
        public void putAll(Map<? extends String, ? extends byte[]> m) {
            for (Map.Entry<? extends String, ? extends byte[]> e : m.entrySet()) {
                put(e.getKey(), e.getValue());
            }
        }
    }
}
