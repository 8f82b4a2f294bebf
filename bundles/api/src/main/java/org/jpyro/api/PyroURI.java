package org.jpyro.api;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A Pyro URI, as Pyro writes and parses it:
 * <ul>
 * <li>{@code PYRO:objectid@host:port}, {@code PYRO:objectid@[::1]:port}, {@code PYRO:objectid@./u:/socket/path}</li>
 * <li>{@code PYRONAME:name}, {@code PYRONAME:name@nshost}, {@code PYRONAME:name@nshost:nsport}</li>
 * <li>{@code PYROMETA:tag1,tag2} with the same optional name server location</li>
 * </ul>
 * The protocol is case-insensitive and kept in upper case. {@code host} is {@code null} for Unix sockets and
 * for name-server URIs without a location; {@code port} is 0 where none was given.
 *
 * @param protocol   {@code PYRO}, {@code PYRONAME} or {@code PYROMETA}
 * @param object     object id, name, or comma separated metadata tags
 * @param host       host name or address without brackets, or {@code null}
 * @param port       TCP port, 0 if absent
 * @param sockname   Unix domain socket path, or {@code null}
 */
public record PyroURI(String protocol, String object, String host, int port, String sockname) {

    public static final String PYRO = "PYRO";
    public static final String PYRONAME = "PYRONAME";
    public static final String PYROMETA = "PYROMETA";

    public PyroURI {
        if (protocol == null || object == null) {
            throw new PyroException("invalid uri: protocol and object are required");
        }
        protocol = protocol.toUpperCase(Locale.ROOT);
        if (!protocol.equals(PYRO) && !protocol.equals(PYRONAME) && !protocol.equals(PYROMETA)) {
            throw new PyroException("invalid uri (protocol): " + protocol);
        }
        if (object.isEmpty() || containsWhitespace(object)) {
            throw new PyroException("invalid uri (object): '" + object + "'");
        }
        if (port < 0 || port > 65535) {
            throw new PyroException("invalid uri (port): " + port);
        }
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (sockname != null && (host != null || port != 0)) {
            throw new PyroException("invalid uri: a unix socket uri has no host or port");
        }
        if (protocol.equals(PYRO) && host == null && sockname == null) {
            throw new PyroException("invalid uri (location): a PYRO uri needs a location");
        }
    }

    /** A {@code PYRO:} uri for an object on a TCP host and port. */
    public static PyroURI of(String object, String host, int port) {
        return new PyroURI(PYRO, object, host, port, null);
    }

    /** A {@code PYRO:} uri for an object behind a Unix domain socket. */
    public static PyroURI unix(String object, String socketPath) {
        return new PyroURI(PYRO, object, null, 0, socketPath);
    }

    /** Parses any Pyro uri form; throws {@link PyroException} with the reason when the text is not one. */
    public static PyroURI parse(String text) {
        if (text == null) {
            throw new PyroException("invalid uri: null");
        }
        String uri = text.strip();
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new PyroException("invalid uri: " + text);
        }
        String protocol = uri.substring(0, colon).toUpperCase(Locale.ROOT);
        if (!protocol.equals(PYRO) && !protocol.equals(PYRONAME) && !protocol.equals(PYROMETA)) {
            throw new PyroException("invalid uri (protocol): " + text);
        }
        String rest = uri.substring(colon + 1);
        int at = rest.indexOf('@');
        String object = at < 0 ? rest : rest.substring(0, at);
        String location = at < 0 ? null : rest.substring(at + 1);
        if (location == null) {
            if (protocol.equals(PYRO)) {
                throw new PyroException("invalid uri (location): " + text);
            }
            return new PyroURI(protocol, object, null, 0, null);
        }
        if (location.isEmpty()) {
            throw new PyroException("invalid uri (location): " + text);
        }
        if (location.startsWith("./u:")) {
            if (!protocol.equals(PYRO)) {
                throw new PyroException("invalid uri: a unix socket location is only valid for PYRO uris: " + text);
            }
            String sock = location.substring(4);
            if (sock.isEmpty()) {
                throw new PyroException("invalid uri (location): empty unix socket name: " + text);
            }
            return new PyroURI(protocol, object, null, 0, sock);
        }
        String host;
        String portText = null;
        if (location.startsWith("[")) {
            int close = location.indexOf(']');
            if (close < 0) {
                throw new PyroException("invalid uri (location): unclosed ipv6 address: " + text);
            }
            host = location.substring(1, close);
            String after = location.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new PyroException("invalid uri (location): " + text);
                }
                portText = after.substring(1);
            }
            if (host.isEmpty() || host.indexOf(':') < 0) {
                throw new PyroException("invalid uri (location): bad ipv6 address: " + text);
            }
        } else {
            int portColon = location.lastIndexOf(':');
            if (portColon >= 0 && location.indexOf(':') != portColon) {
                throw new PyroException("invalid uri (location): ipv6 addresses must be written in brackets: " + text);
            }
            host = portColon < 0 ? location : location.substring(0, portColon);
            portText = portColon < 0 ? null : location.substring(portColon + 1);
            if (host.isEmpty()) {
                throw new PyroException("invalid uri (location): missing host: " + text);
            }
        }
        int port = 0;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
                throw new PyroException("invalid uri (port): " + text);
            }
            port = Integer.parseInt(portText);
        }
        if (protocol.equals(PYRO) && port == 0) {
            throw new PyroException("invalid uri (port): a PYRO uri needs a port: " + text);
        }
        return new PyroURI(protocol, object, host, port, null);
    }

    /** The location part: {@code host:port}, {@code [ipv6]:port}, {@code ./u:path}, or {@code null}. */
    public String location() {
        if (sockname != null) {
            return "./u:" + sockname;
        }
        if (host == null) {
            return null;
        }
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }

    /** Whether this uri names a Unix domain socket. */
    public boolean isUnixSocket() {
        return sockname != null;
    }

    /** For {@code PYROMETA:} uris: the metadata tags. */
    public Set<String> metaTags() {
        return new LinkedHashSet<>(Arrays.asList(object.split(",")));
    }

    /** The same uri with another object id (e.g. {@code Pyro.Daemon} on the same location). */
    public PyroURI withObject(String objectId) {
        return new PyroURI(protocol, objectId, host, port, sockname);
    }

    @Override
    public String toString() {
        String loc = location();
        return loc == null ? protocol + ":" + object : protocol + ":" + object + "@" + loc;
    }

    private static boolean containsWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
