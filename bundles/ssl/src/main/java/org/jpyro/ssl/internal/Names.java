package org.jpyro.ssl.internal;

import javax.security.auth.x500.X500Principal;

/** Attribute values of X.500 names, read from their DER encoding. */
public final class Names {
    /** The commonName attribute type. */
    public static final String COMMON_NAME = "2.5.4.3";

    private Names() {
    }

    /**
     * The value of the last attribute of type {@code oid} in {@code name} (the most specific one, and the one
     * Python's {@code dict(x[0] for x in cert["subject"])} keeps), or {@code null} when there is none.
     */
    public static String lastAttribute(X500Principal name, String oid) {
        String found = null;
        Der.Reader rdns = new Der.Reader(name.getEncoded()).sequence();
        while (rdns.hasMore()) {
            Der.Reader rdn = rdns.next(Der.SET).reader();
            while (rdn.hasMore()) {
                Der.Reader attribute = rdn.sequence();
                if (oid.equals(attribute.oid())) {
                    found = attribute.next().text();
                }
            }
        }
        return found;
    }
}
