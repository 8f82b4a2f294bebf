/**
 * How proxies work: {@link org.jpyro.client.impl.ProxyCore} owns one proxy's connection(s) (one
 * {@link org.jpyro.client.impl.ConnectionSlot} each: lock, sequence number, live session), its metadata, and performs
 * the handshake, its validation, the request/response exchanges, retries and reconnects;
 * {@link org.jpyro.client.impl.Session} is one live connection; {@link org.jpyro.client.impl.NameResolver} resolves
 * name-server uris on every connect; {@link org.jpyro.client.impl.StreamIterator} reads item streams;
 * {@link org.jpyro.client.impl.TypedProxyHandler} maps Java interface methods onto remote calls.
 * Not API: only {@code org.jpyro.client} is exported.
 */
package org.jpyro.client.impl;
