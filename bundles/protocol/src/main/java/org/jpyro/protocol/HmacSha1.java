package org.jpyro.protocol;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pyro4's message digest: HMAC-SHA1 over the payload as sent followed by the values of all other annotations
 * (including {@code CORR}, excluding {@code HMAC}) in lexicographic order of their keys.
 */
final class HmacSha1 {
    static final String ALGORITHM = "HmacSHA1";
    static final int LENGTH = 20;

    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
        }
    });

    private HmacSha1() {
    }

    /**
     * The digest of a Pyro4 frame.
     *
     * @param key         the key, not empty
     * @param annotations the annotations other than {@code CORR} and {@code HMAC}
     * @param corr        the {@code CORR} annotation value, or {@code null}
     */
    static byte[] digest(byte[] key, byte[] data, int offset, int length, Map<String, byte[]> annotations,
                         byte[] corr) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise " + ALGORITHM, e);
        }
        mac.update(data, offset, length);
        int n = annotations.size();
        if (n == 0) {
            if (corr != null) {
                mac.update(corr);
            }
            return mac.doFinal();
        }
        String[] keys = new String[corr != null ? n + 1 : n];
        int i = 0;
        for (String k : annotations.keySet()) {
            keys[i++] = k;
        }
        if (corr != null) {
            keys[i] = Pyro4Codec.CORR;
        }
        Arrays.sort(keys);
        for (String k : keys) {
            mac.update(corr != null && Pyro4Codec.CORR.equals(k) ? corr : annotations.get(k));
        }
        return mac.doFinal();
    }
}
