package org.jpyro.ssl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made at test time with {@code openssl} (key stores: see {@link #keyStores}) in a directory the test
 * owns: a CA, a server certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, a client certificate
 * (CN {@value #CLIENT_CN}) from that CA, and a second, untrusted CA with a client certificate of its own. Keys are
 * EC P-256 PKCS#8 PEM unless asked otherwise; every certificate is {@code <name>.pem}, its key {@code <name>.key}.
 * Shared with the itests through this module's test jar. Python's {@code ssl} module accepts all of them.
 */
public final class TestCertificates {
    /** The server certificate's common name. */
    public static final String SERVER_CN = "localhost";
    /** The trusted client certificate's common name. */
    public static final String CLIENT_CN = "jpyro-client";
    /** The untrusted client certificate's common name. */
    public static final String UNTRUSTED_CN = "jpyro-rogue";
    private static final String OPENSSL = "/usr/bin/openssl";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a leaf certificate is for (its extended key usage). */
    public enum Purpose {
        SERVER("serverAuth"), CLIENT("clientAuth"), BOTH("serverAuth,clientAuth");

        private final String usage;

        Purpose(String usage) {
            this.usage = usage;
        }
    }

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Whether openssl is there to make certificates. */
    public static boolean available() {
        return Files.isExecutable(Path.of(OPENSSL));
    }

    /** Makes the standard set (CA, server, client, other CA, untrusted client) in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException {
        TestCertificates c = new TestCertificates(dir);
        c.ca("ca", "jpyro test CA");
        c.ca("other-ca", "jpyro other CA");
        c.issue("server", SERVER_CN, Purpose.SERVER, "ca", "ec", "DNS:localhost,IP:127.0.0.1,IP:::1");
        c.issue("client", CLIENT_CN, Purpose.CLIENT, "ca", "ec", null);
        c.issue("untrusted-client", UNTRUSTED_CN, Purpose.CLIENT, "other-ca", "ec", null);
        return c;
    }

    public Path dir() {
        return dir;
    }

    public Path caCert() {
        return file("ca.pem");
    }

    /** The CA certificate, parsed by the JDK. */
    public X509Certificate caCertificate() throws IOException {
        try (InputStream in = Files.newInputStream(caCert())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public Path otherCaCert() {
        return file("other-ca.pem");
    }

    public Path serverCert() {
        return file("server.pem");
    }

    public Path serverKey() {
        return file("server.key");
    }

    public Path clientCert() {
        return file("client.pem");
    }

    public Path clientKey() {
        return file("client.key");
    }

    public Path untrustedClientCert() {
        return file("untrusted-client.pem");
    }

    public Path untrustedClientKey() {
        return file("untrusted-client.key");
    }

    /** A file in the directory. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Makes a self-signed CA {@code <name>.pem} / {@code <name>.key}. */
    public Path ca(String name, String commonName) throws IOException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-sha256",
                "-keyout", name + ".key", "-out", name + ".pem", "-days", "3650", "-subj", "/CN=" + commonName,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return file(name + ".pem");
    }

    /**
     * Issues {@code <name>.pem} with key {@code <name>.key} (PKCS#8) from the CA {@code <caName>}.
     *
     * @param keyType {@code ec} (P-256), {@code rsa} (2048 bits) or {@code ed25519}
     * @param altNames subjectAltName value such as {@code DNS:localhost,IP:127.0.0.1}, or {@code null}
     */
    public Path issue(String name, String commonName, Purpose purpose, String caName, String keyType, String altNames)
            throws IOException {
        List<String> req = new ArrayList<>(List.of("req", "-new", "-newkey"));
        req.addAll(switch (keyType) {
            case "rsa" -> List.of("rsa:2048");
            case "ed25519" -> List.of("ed25519");
            default -> List.of("ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        });
        req.addAll(List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName));
        openssl(req.toArray(new String[0]));
        StringBuilder ext = new StringBuilder()
                .append("basicConstraints=critical,CA:FALSE\n")
                .append("keyUsage=critical,digitalSignature,keyEncipherment\n")
                .append("extendedKeyUsage=").append(purpose.usage).append('\n')
                .append("subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        if (altNames != null) {
            ext.append("subjectAltName=").append(altNames).append('\n');
        }
        Files.writeString(file(name + ".ext"), ext, StandardCharsets.US_ASCII);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", caName + ".pem", "-CAkey", caName + ".key",
                "-set_serial", "0x" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE), "-days", "3650", "-sha256",
                "-extfile", name + ".ext", "-out", name + ".pem");
        return file(name + ".pem");
    }

    /** Writes {@code target} as the concatenation of {@code parts} (e.g. certificate and key in one file). */
    public Path concat(String target, Path... parts) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path p : parts) {
            sb.append(Files.readString(p, StandardCharsets.US_ASCII));
        }
        Files.writeString(file(target), sb, StandardCharsets.US_ASCII);
        return file(target);
    }

    /** Runs {@code openssl args...} in the directory; fails with its output when it fails. */
    public void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL);
        command.addAll(List.of(args));
        run(command);
    }

    /**
     * A PKCS12 key store {@code <name>.p12} with the key and chain (leaf and CA) of {@code <leaf>}, made by
     * openssl, and the same as JKS {@code <name>.jks} copied by the JDK's own key store code; both with
     * {@code password}.
     */
    public void keyStores(String name, String leaf, String password) throws IOException {
        openssl("pkcs12", "-export", "-in", leaf + ".pem", "-inkey", leaf + ".key", "-certfile", "ca.pem",
                "-name", leaf, "-out", name + ".p12", "-passout", "pass:" + password);
        char[] pw = password.toCharArray();
        try {
            KeyStore p12 = KeyStore.getInstance(file(name + ".p12").toFile(), pw);
            KeyStore jks = KeyStore.getInstance("JKS");
            jks.load(null, null);
            jks.setKeyEntry(leaf, p12.getKey(leaf, pw), pw, p12.getCertificateChain(leaf));
            try (OutputStream out = Files.newOutputStream(file(name + ".jks"))) {
                jks.store(out, pw);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A PKCS12 trust store {@code <name>.p12} holding the certificate {@code <cert>.pem} (JDK key store code). */
    public Path trustStore(String name, String cert, String password) throws IOException {
        try (InputStream in = Files.newInputStream(file(cert + ".pem"));
             OutputStream out = Files.newOutputStream(file(name + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(cert, CertificateFactory.getInstance("X.509").generateCertificate(in));
            store.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return file(name + ".p12");
    }

    private void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try {
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
