/**
 * How proxies work: {@link org.jpyro.client.impl.ProxyCore} owns one proxy's connection, sequence numbers and
 * metadata and performs the handshake and the request/response exchanges; {@link org.jpyro.client.impl.Session}
 * is one live connection; {@link org.jpyro.client.impl.StreamIterator} reads item streams;
 * {@link org.jpyro.client.impl.TypedProxyHandler} maps Java interface methods onto remote calls.
 * Not API: only {@code org.jpyro.client} is exported.
 */
package org.jpyro.client.impl;
