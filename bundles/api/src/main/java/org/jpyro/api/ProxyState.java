package org.jpyro.api;

import java.util.Set;

/**
 * A Pyro proxy as it travels inside a value: Pyro5's 6-item state
 * {@code (uri, oneway, methods, attrs, handshake, serializer)} and Pyro4's 9-item state
 * {@code (uri, oneway, methods, attrs, timeout, hmac, handshake, maxretries, serializer)}.
 * The client bundle turns it into a live proxy.
 *
 * @param uri        the object's uri
 * @param oneway     names of oneway methods (may be empty: metadata is then fetched on connect)
 * @param methods    names of exposed methods
 * @param attrs      names of exposed attributes
 * @param handshake  the handshake data the proxy sends on connect
 * @param serializer the serializer name the proxy uses, or {@code null} for the default
 * @param timeout    Pyro4 only: the proxy's timeout in seconds (0 = none)
 * @param hmacKey    Pyro4 only: the HMAC key, or {@code null}
 * @param maxRetries Pyro4 only: automatic retries
 */
public record ProxyState(PyroURI uri, Set<String> oneway, Set<String> methods, Set<String> attrs,
                         Object handshake, String serializer, double timeout, byte[] hmacKey, int maxRetries) {

    public ProxyState {
        oneway = oneway == null ? Set.of() : Set.copyOf(oneway);
        methods = methods == null ? Set.of() : Set.copyOf(methods);
        attrs = attrs == null ? Set.of() : Set.copyOf(attrs);
    }

    /** A state for a uri with no metadata known yet and the default handshake. */
    public static ProxyState of(PyroURI uri) {
        return new ProxyState(uri, Set.of(), Set.of(), Set.of(), "hello", null, 0.0, null, 0);
    }
}
