package org.jpyro.client.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.client.NameServerFinder;

/**
 * Resolves {@code PYRONAME:} and {@code PYROMETA:} uris to a {@code PYRO:} uri through a name server, as Python's
 * {@code resolve()} does: {@code lookup(name)} for a name; for metadata tags {@code yplookup(meta_all=tags)}
 * (Pyro5) or {@code list(metadata_all=tags)} (Pyro4) and a random pick among the matches.
 * <p>
 * The name server is the one at the uri's location, or else located as Python's {@code locate_ns()} does
 * ({@link NameServerFinder}: NS_HOST:NS_PORT when on loopback, broadcast, NS_HOST:NS_PORT).
 */
final class NameResolver {
    static final String NAMESERVER_OBJECT = "Pyro.NameServer";

    private NameResolver() {
    }

    /**
     * The uri itself for {@code PYRO:} uris, else the one the name server answers. The name server is located
     * anew each time (this runs on every connect and reconnect of a name-server uri's proxy).
     */
    static PyroURI resolve(PyroURI uri, ProxyCore owner) {
        if (PyroURI.PYRO.equals(uri.protocol())) {
            return uri;
        }
        ProxyCore ns = new NameServerFinder(owner.config()).locate(uri.host(), uri.port(), true,
                nsUri -> bindNameServer(nsUri, owner));
        try {
            if (PyroURI.PYRONAME.equals(uri.protocol())) {
                return toUri(ns.call("lookup", Tuple.of(uri.object()), Map.of(), false), uri);
            }
            return pickByMetadata(ns, uri, owner.version());
        } finally {
            ns.close();
        }
    }

    /** A connected proxy core for the name server at {@code nsUri}, speaking as the owner does. */
    private static ProxyCore bindNameServer(PyroURI nsUri, ProxyCore owner) {
        ProxyCore ns = new ProxyCore(nsUri, owner.config());
        try {
            ns.protocol(owner.version());
            if (owner.explicitSerializer() != null) {
                ns.serializer(owner.explicitSerializer());
            }
            ns.timeoutMillis(owner.timeoutMillis());
            ns.bind();
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private static PyroURI pickByMetadata(ProxyCore ns, PyroURI uri, ProtocolVersion version) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        LinkedHashSet<String> tags = new LinkedHashSet<>(uri.metaTags());
        Object result;
        if (version == ProtocolVersion.PYRO5) {
            kwargs.put("meta_all", tags);
            kwargs.put("return_metadata", Boolean.FALSE);
            result = ns.call("yplookup", Tuple.of(), kwargs, false);
        } else {
            kwargs.put("metadata_all", tags);
            result = ns.call("list", Tuple.of(), kwargs, false);
        }
        if (!(result instanceof Map<?, ?> candidates)) {
            throw new NamingException("invalid name server answer for " + uri + ": " + result);
        }
        if (candidates.isEmpty()) {
            throw new NamingException("no registrations available with desired metadata properties " + tags);
        }
        List<Object> uris = new ArrayList<>(candidates.values());
        return toUri(uris.get(ThreadLocalRandom.current().nextInt(uris.size())), uri);
    }

    private static PyroURI toUri(Object value, PyroURI asked) {
        if (value instanceof PyroURI u) {
            return u;
        }
        if (value instanceof ProxyState p) {
            return p.uri();
        }
        if (value instanceof String s) {
            try {
                return PyroURI.parse(s);
            } catch (PyroException e) {
                throw new NamingException("invalid uri from the name server for " + asked + ": " + s, e);
            }
        }
        throw new NamingException("invalid name server answer for " + asked + ": " + value);
    }
}
