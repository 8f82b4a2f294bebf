package org.jpyro.protocol;

/**
 * What a codec needs to know besides the frame: the size limit, whether to compress outgoing payloads, and
 * the Pyro4 HMAC key.
 *
 * @param maxMessageSize limit on data + annotations bytes, checked before anything is allocated
 *                       ({@link Integer#MAX_VALUE} for none)
 * @param compression    compress outgoing payloads by the version's rule (Pyro5: &gt; 100 bytes, level 4;
 *                       Pyro4: &ge; 200 bytes, only if smaller)
 * @param hmacKey        Pyro4 HMAC-SHA1 key, or {@code null}
 */
public record WireOptions(int maxMessageSize, boolean compression, byte[] hmacKey) {
    /** No limit, no compression, no HMAC. */
    public static final WireOptions DEFAULT = new WireOptions(Integer.MAX_VALUE, false, null);

    public WireOptions {
        if (maxMessageSize <= 0) {
            maxMessageSize = Integer.MAX_VALUE;
        }
    }
}
