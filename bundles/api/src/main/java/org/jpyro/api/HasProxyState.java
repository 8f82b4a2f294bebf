package org.jpyro.api;

/** Implemented by proxies so that serializers can send them as Pyro proxy objects. */
public interface HasProxyState {
    /** The state to put on the wire for this proxy. */
    ProxyState proxyState();
}
