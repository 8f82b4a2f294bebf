package org.jpyro.ssl.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Private keys from PEM blocks, the kinds OpenSSL (and so Python's {@code ssl.load_cert_chain}) reads:
 * <ul>
 * <li>{@code PRIVATE KEY}: PKCS#8 (RSA, RSASSA-PSS, EC, DSA, Ed25519, Ed448);</li>
 * <li>{@code ENCRYPTED PRIVATE KEY}: PKCS#8 encrypted with PBES2 (PBKDF2 with HMAC-SHA1/224/256/384/512 and
 * AES-128/192/256-CBC or DES-EDE3-CBC, OpenSSL's default) or with a PBES1/PKCS#12 scheme the JDK knows;</li>
 * <li>{@code RSA PRIVATE KEY}: traditional PKCS#1 and {@code EC PRIVATE KEY}: SEC1 with a named curve, both
 * optionally with OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} / {@code DEK-Info} encryption.</li>
 * </ul>
 * The traditional forms are rewrapped as PKCS#8 for the JDK's key factories.
 */
public final class PrivateKeys {
    /** PEM labels that hold a private key. */
    public static final Set<String> KEY_TYPES = Set.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY",
            "EC PRIVATE KEY", "DSA PRIVATE KEY");

    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String EC = "1.2.840.10045.2.1";
    private static final String PBES2 = "1.2.840.113549.1.5.13";
    private static final String PBKDF2 = "1.2.840.113549.1.5.12";
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            RSA, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC, "EC",
            "1.2.840.10040.4.1", "DSA",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.3.101.110", "X25519",
            "1.3.101.111", "X448");
    private static final Map<String, String> PRFS = Map.of(
            "1.2.840.113549.2.7", "PBKDF2WithHmacSHA1",
            "1.2.840.113549.2.8", "PBKDF2WithHmacSHA224",
            "1.2.840.113549.2.9", "PBKDF2WithHmacSHA256",
            "1.2.840.113549.2.10", "PBKDF2WithHmacSHA384",
            "1.2.840.113549.2.11", "PBKDF2WithHmacSHA512");
    /** PBES2 encryption schemes: OID to {transformation, key length in bytes}. */
    private static final Map<String, Scheme> SCHEMES = Map.of(
            "2.16.840.1.101.3.4.1.2", new Scheme("AES/CBC/PKCS5Padding", "AES", 16),
            "2.16.840.1.101.3.4.1.22", new Scheme("AES/CBC/PKCS5Padding", "AES", 24),
            "2.16.840.1.101.3.4.1.42", new Scheme("AES/CBC/PKCS5Padding", "AES", 32),
            "1.2.840.113549.3.7", new Scheme("DESede/CBC/PKCS5Padding", "DESede", 24));
    /** OpenSSL's legacy PEM encryption (DEK-Info names). */
    private static final Map<String, Scheme> LEGACY = Map.of(
            "AES-128-CBC", new Scheme("AES/CBC/PKCS5Padding", "AES", 16),
            "AES-192-CBC", new Scheme("AES/CBC/PKCS5Padding", "AES", 24),
            "AES-256-CBC", new Scheme("AES/CBC/PKCS5Padding", "AES", 32),
            "DES-EDE3-CBC", new Scheme("DESede/CBC/PKCS5Padding", "DESede", 24));

    private record Scheme(String transformation, String keyAlgorithm, int keyLength) {
    }

    /** The key is encrypted and no password was given. */
    public static final class PasswordRequired extends GeneralSecurityException {
        private static final long serialVersionUID = 1L;

        PasswordRequired() {
            super("the private key is encrypted and no password is given");
        }
    }

    /** Decryption failed: most likely the wrong password. */
    public static final class WrongPassword extends GeneralSecurityException {
        private static final long serialVersionUID = 1L;

        WrongPassword(Throwable cause) {
            super("cannot decrypt the private key: wrong password?", cause);
        }
    }

    private PrivateKeys() {
    }

    /**
     * The private key in {@code block}, decrypted with {@code password} when it is encrypted.
     *
     * @param password {@code null} or empty for none (ignored for keys that are not encrypted)
     * @throws PasswordRequired         the key is encrypted but there is no password
     * @throws WrongPassword            the key does not decrypt with this password
     * @throws GeneralSecurityException the key kind or its encryption is not supported, or it is malformed
     */
    public static PrivateKey decode(Pem.Block block, char[] password) throws GeneralSecurityException {
        try {
            return switch (block.type()) {
                case "PRIVATE KEY" -> pkcs8(block.der());
                case "ENCRYPTED PRIVATE KEY" -> pkcs8Decrypted(block.der(), password);
                case "RSA PRIVATE KEY" -> traditional(block, password, der -> pkcs8(wrapPkcs8(
                        Der.encode(Der.SEQUENCE, Der.encodeOid(RSA), Der.encode(Der.NULL)), der)));
                case "EC PRIVATE KEY" -> traditional(block, password, PrivateKeys::sec1);
                case "DSA PRIVATE KEY" -> throw new GeneralSecurityException(
                        "traditional DSA keys are not supported; convert with: openssl pkcs8 -topk8 -nocrypt");
                default -> throw new GeneralSecurityException("not a private key: " + block.type());
            };
        } catch (IllegalArgumentException malformed) {
            throw new GeneralSecurityException("malformed " + block.type() + ": " + malformed.getMessage(), malformed);
        }
    }

    private interface KeyDecoder {
        PrivateKey decode(byte[] der) throws GeneralSecurityException;
    }

    private static PrivateKey traditional(Pem.Block block, char[] password, KeyDecoder decoder)
            throws GeneralSecurityException {
        String procType = block.headers().get("Proc-Type");
        if (procType == null || !procType.contains("ENCRYPTED")) {
            return decoder.decode(block.der());
        }
        byte[] plain = legacyDecrypt(block, password);
        try {
            return decoder.decode(plain);
        } catch (IllegalArgumentException | GeneralSecurityException garbage) {
            throw new WrongPassword(garbage);
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        Der.Reader info = new Der.Reader(der).sequence();
        info.integer();
        String oid = info.sequence().oid();
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new GeneralSecurityException("unsupported private key algorithm " + oid);
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static PrivateKey sec1(byte[] der) throws GeneralSecurityException {
        Der.Reader key = new Der.Reader(der).sequence();
        key.integer();
        key.octetString();
        String curve = null;
        while (key.hasMore()) {
            Der.Item item = key.next();
            if (item.tag() == Der.CONTEXT_0) {
                Der.Reader params = item.reader();
                if (params.peekTag() != Der.OID) {
                    throw new GeneralSecurityException("EC keys with explicit curve parameters are not supported");
                }
                curve = params.oid();
            }
        }
        if (curve == null) {
            throw new GeneralSecurityException("the EC PRIVATE KEY names no curve");
        }
        return pkcs8(wrapPkcs8(Der.encode(Der.SEQUENCE, Der.encodeOid(EC), Der.encodeOid(curve)), der));
    }

    private static byte[] wrapPkcs8(byte[] algorithmIdentifier, byte[] privateKey) {
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithmIdentifier,
                Der.encode(Der.OCTET_STRING, privateKey));
    }

    private static PrivateKey pkcs8Decrypted(byte[] der, char[] password) throws GeneralSecurityException {
        requirePassword(password);
        Der.Reader info = new Der.Reader(der).sequence();
        Der.Reader algorithm = info.sequence();
        String scheme = algorithm.oid();
        byte[] encrypted = info.octetString();
        byte[] plain;
        if (PBES2.equals(scheme)) {
            plain = pbes2(algorithm.sequence(), encrypted, password);
        } else {
            plain = jdkPbe(der, password);
        }
        try {
            return pkcs8(plain);
        } catch (IllegalArgumentException | GeneralSecurityException garbage) {
            // the padding happened to check out, but the plain text is no key: a wrong password too
            throw new WrongPassword(garbage);
        }
    }

    private static byte[] pbes2(Der.Reader params, byte[] encrypted, char[] password) throws GeneralSecurityException {
        Der.Reader kdf = params.sequence();
        String kdfOid = kdf.oid();
        if (!PBKDF2.equals(kdfOid)) {
            throw new GeneralSecurityException("unsupported key derivation " + kdfOid
                    + " (only PBKDF2; convert with: openssl pkcs8 -topk8 -v2 aes-256-cbc)");
        }
        Der.Reader pbkdf2 = kdf.sequence();
        byte[] salt = pbkdf2.octetString();
        int iterations = pbkdf2.integer().intValueExact();
        int keyLength = -1;
        String prf = "PBKDF2WithHmacSHA1";
        while (pbkdf2.hasMore()) {
            if (pbkdf2.peekTag() == Der.INTEGER) {
                keyLength = pbkdf2.integer().intValueExact();
            } else {
                String prfOid = pbkdf2.sequence().oid();
                prf = PRFS.get(prfOid);
                if (prf == null) {
                    throw new GeneralSecurityException("unsupported PBKDF2 function " + prfOid);
                }
            }
        }
        Der.Reader encryption = params.sequence();
        String encOid = encryption.oid();
        Scheme s = SCHEMES.get(encOid);
        if (s == null) {
            throw new GeneralSecurityException("unsupported key encryption " + encOid);
        }
        byte[] iv = encryption.octetString();
        int length = keyLength > 0 ? keyLength : s.keyLength;
        byte[] key = SecretKeyFactory.getInstance(prf)
                .generateSecret(new PBEKeySpec(password, salt, iterations, length * 8)).getEncoded();
        return decrypt(s, key, iv, encrypted);
    }

    private static byte[] jdkPbe(byte[] der, char[] password) throws GeneralSecurityException {
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("malformed encrypted private key: " + e.getMessage(), e);
        }
        String name = info.getAlgName();
        try {
            Cipher cipher = Cipher.getInstance(name);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(name).generateSecret(new PBEKeySpec(password)),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new GeneralSecurityException("unsupported key encryption " + name, e);
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw new WrongPassword(e);
        }
    }

    private static byte[] legacyDecrypt(Pem.Block block, char[] password) throws GeneralSecurityException {
        requirePassword(password);
        String dekInfo = block.headers().getOrDefault("DEK-Info", "");
        int comma = dekInfo.indexOf(',');
        Scheme s = comma < 0 ? null : LEGACY.get(dekInfo.substring(0, comma).strip().toUpperCase(java.util.Locale.ROOT));
        if (s == null) {
            throw new GeneralSecurityException("unsupported PEM encryption '" + dekInfo + "'");
        }
        byte[] iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).strip());
        byte[] key = bytesToKey(new String(password).getBytes(StandardCharsets.UTF_8), Arrays.copyOf(iv, 8), s.keyLength);
        return decrypt(s, key, iv, block.der());
    }

    /** OpenSSL's EVP_BytesToKey with MD5 and one iteration, as its legacy PEM encryption uses. */
    private static byte[] bytesToKey(byte[] password, byte[] salt, int length) throws GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] key = new byte[length];
        byte[] previous = new byte[0];
        int filled = 0;
        while (filled < length) {
            md5.update(previous);
            md5.update(password);
            md5.update(salt);
            previous = md5.digest();
            int n = Math.min(previous.length, length - filled);
            System.arraycopy(previous, 0, key, filled, n);
            filled += n;
        }
        return key;
    }

    private static byte[] decrypt(Scheme s, byte[] key, byte[] iv, byte[] data) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(s.transformation);
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, s.keyAlgorithm), new IvParameterSpec(iv));
        try {
            return cipher.doFinal(data);
        } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw new WrongPassword(e);
        }
    }

    private static void requirePassword(char[] password) throws PasswordRequired {
        if (password == null || password.length == 0) {
            throw new PasswordRequired();
        }
    }
}
