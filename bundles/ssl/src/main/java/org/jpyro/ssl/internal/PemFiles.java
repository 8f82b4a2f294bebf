package org.jpyro.ssl.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jpyro.api.SecurityException;

/**
 * Reads certificates and private keys from PEM files with Python's {@code ssl} semantics, turning every problem
 * into a {@link SecurityException} that names the file and the config item it came from.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /**
     * How error messages name the inputs, e.g. the config items {@code SSL_SERVERCERT}, {@code SSL_SERVERKEY},
     * {@code SSL_SERVERKEYPASSWD}.
     *
     * @param cert     the certificate file's name
     * @param key      the key file's name
     * @param password the password's name
     */
    public record Labels(String cert, String key, String password) {
        /** Labels for files given directly (not through Pyro config items). */
        public static final Labels PLAIN = new Labels("certificate chain", "private key file", "key password");

        /** The config item names for {@code side} ({@code SERVER} or {@code CLIENT}). */
        public static Labels configItems(String side) {
            return new Labels("SSL_" + side + "CERT", "SSL_" + side + "KEY", "SSL_" + side + "KEYPASSWD");
        }
    }

    /**
     * A certificate chain and its private key ({@code SSLContext.load_cert_chain(certfile, keyfile, password)}):
     * the certificates of {@code certFile} in order (leaf first), the first private key of {@code keyFile}, or of
     * {@code certFile} when {@code keyFile} is {@code null}; the key must belong to the leaf certificate.
     *
     * @param labels how the error messages name the inputs
     */
    public static KeyMaterial keyMaterial(Path certFile, Path keyFile, char[] password, Labels labels) {
        String certItem = labels.cert();
        String keyItem = labels.key();
        List<Pem.Block> certBlocks = blocks(certFile, "certificate", certItem);
        List<X509Certificate> chain = certificates(certBlocks, certFile);
        if (chain.isEmpty()) {
            throw new SecurityException("no certificate in " + certFile + " (" + certItem + ")");
        }
        List<Pem.Block> keyBlocks = keyFile == null ? certBlocks : blocks(keyFile, "private key", keyItem);
        Path keySource = keyFile == null ? certFile : keyFile;
        Pem.Block keyBlock = keyBlocks.stream().filter(b -> PrivateKeys.KEY_TYPES.contains(b.type())).findFirst()
                .orElseThrow(() -> new SecurityException("no private key in " + keySource + " ("
                        + (keyFile == null ? certItem + "; set " + keyItem + " if the key is in a file of its own" : keyItem) + ")"));
        PrivateKey key;
        try {
            key = PrivateKeys.decode(keyBlock, password);
        } catch (PrivateKeys.PasswordRequired e) {
            throw new SecurityException("the private key in " + keySource + " is encrypted but no password is given ("
                    + labels.password() + ")", e);
        } catch (PrivateKeys.WrongPassword e) {
            throw new SecurityException("cannot decrypt the private key in " + keySource + ": wrong password ("
                    + labels.password() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new SecurityException("cannot read the private key in " + keySource + ": " + e.getMessage(), e);
        }
        requireMatch(key, chain.get(0), keySource, certFile);
        return new KeyMaterial(key, chain);
    }

    /**
     * The certificates of a CA file, or of every file in a CA directory ({@code load_verify_locations(cafile)} or
     * {@code (capath)}); a file must hold at least one, a directory may be empty.
     */
    public static List<X509Certificate> caCertificates(Path fileOrDirectory, String item) {
        if (Files.isDirectory(fileOrDirectory)) {
            List<X509Certificate> all = new ArrayList<>();
            try (Stream<Path> files = Files.list(fileOrDirectory)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    if (Files.isRegularFile(f)) {
                        try {
                            all.addAll(certificates(Pem.parse(Files.readString(f, StandardCharsets.ISO_8859_1)), f));
                        } catch (IOException | IllegalArgumentException | SecurityException notACertificate) {
                            // OpenSSL's capath also just skips what it cannot use
                        }
                    }
                }
            } catch (IOException e) {
                throw new SecurityException("cannot read the CA directory " + fileOrDirectory + " (" + item + "): " + e, e);
            }
            return all;
        }
        List<X509Certificate> certs = certificates(blocks(fileOrDirectory, "CA certificates", item), fileOrDirectory);
        if (certs.isEmpty()) {
            throw new SecurityException("no certificate in " + fileOrDirectory + " (" + item + ")");
        }
        return certs;
    }

    private static List<Pem.Block> blocks(Path file, String what, String item) {
        if (!Files.isRegularFile(file)) {
            throw new SecurityException(what + " file not found: " + file + " (" + item + ")");
        }
        try {
            return Pem.parse(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new SecurityException("cannot read " + what + " file " + file + " (" + item + "): " + e, e);
        } catch (IllegalArgumentException e) {
            throw new SecurityException("malformed PEM in " + file + " (" + item + "): " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(List<Pem.Block> blocks, Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory factory = null;
        for (Pem.Block b : blocks) {
            if (b.type().equals("CERTIFICATE") || b.type().equals("X509 CERTIFICATE")) {
                try {
                    if (factory == null) {
                        factory = CertificateFactory.getInstance("X.509");
                    }
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                } catch (CertificateException e) {
                    throw new SecurityException("malformed certificate in " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return certs;
    }

    /** Fails unless {@code key} is the private half of the certificate's public key (OpenSSL: "key values mismatch"). */
    public static void requireMatch(PrivateKey key, X509Certificate cert, Object keySource, Object certSource) {
        PublicKey pub = cert.getPublicKey();
        boolean match;
        if (key instanceof RSAKey rk && pub instanceof RSAKey rp) {
            match = rk.getModulus().equals(rp.getModulus());
        } else if (!key.getAlgorithm().equals(pub.getAlgorithm())) {
            match = false;
        } else {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "DSA" -> "SHA256withDSA";
                case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
                default -> null;
            };
            if (algorithm == null) {
                return; // nothing to prove it with here; the TLS handshake will tell
            }
            try {
                byte[] probe = new byte[32];
                new SecureRandom().nextBytes(probe);
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update(probe);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(pub);
                verifier.update(probe);
                match = verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                match = false;
            }
        }
        if (!match) {
            throw new SecurityException("the private key in " + keySource + " does not belong to the certificate in "
                    + certSource + " (" + cert.getSubjectX500Principal().getName() + ")");
        }
    }

    /**
     * A private key and its certificate chain, leaf first.
     *
     * @param key   the private key
     * @param chain the certificates, leaf first
     */
    public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
        public KeyMaterial {
            chain = List.copyOf(chain);
        }
    }
}
