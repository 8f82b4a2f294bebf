package org.jpyro.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** How servers turn the host they are asked to bind into an address and a Pyro location. */
final class BindAddresses {
    private BindAddresses() {
    }

    /** The host without IPv6 brackets and surrounding blanks; {@code ""} for none. */
    static String bare(String host) {
        String h = host == null ? "" : host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    /**
     * The address to bind for a bare host: all interfaces when empty (IPv6 when IPv6 is preferred), else the
     * first address of the preferred family (4 or 6) the resolver knows for it, or its first address at all.
     */
    static InetAddress resolve(String bareHost, int preferIpVersion) throws UnknownHostException {
        if (bareHost.isEmpty()) {
            return InetAddress.getByName(preferIpVersion == 6 ? "::" : "0.0.0.0");
        }
        return pick(InetAddress.getAllByName(bareHost), preferIpVersion);
    }

    /** The first address of the preferred family (4 or 6) among {@code all}, else the first one. */
    static InetAddress pick(InetAddress[] all, int preferIpVersion) {
        if (preferIpVersion == 4 || preferIpVersion == 6) {
            for (InetAddress a : all) {
                if (preferIpVersion == 4 ? a instanceof Inet4Address : a instanceof Inet6Address) {
                    return a;
                }
            }
        }
        return all[0];
    }

    /** Pyro's location string: the host as given (else the bound address) and the port, IPv6 in brackets. */
    static String location(String bareHost, InetAddress bound, int port) {
        String h = bareHost.isEmpty() ? bound.getHostAddress() : bareHost;
        int zone = h.indexOf('%');
        if (bareHost.isEmpty() && zone >= 0) {
            h = h.substring(0, zone);
        }
        return h.indexOf(':') >= 0 ? "[" + h + "]:" + port : h + ":" + port;
    }
}
