package org.jpyro.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.SecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificates and private keys in every PEM form Python's {@code load_cert_chain} takes, made by openssl, and
 * Java key stores made by openssl and the JDK; each must load (the builder proves the key belongs to the
 * certificate) or fail with a {@link SecurityException} that says what is wrong.
 */
class KeyFilesTest {
    private static final char[] SECRET = "s3cret".toCharArray();

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void makeKeys() throws Exception {
        certs = TestCertificates.create(dir);
        certs.issue("rsa-server", "localhost", TestCertificates.Purpose.SERVER, "ca", "rsa", "DNS:localhost");
        // EC: SEC1 plain and legacy-encrypted, PKCS#8 encrypted with PBES2 (OpenSSL's default), PBES2/3DES, PBES1
        certs.openssl("ec", "-in", "server.key", "-out", "ec-sec1.key");
        certs.openssl("ec", "-in", "server.key", "-aes256", "-passout", "pass:s3cret", "-out", "ec-sec1-aes.key");
        certs.openssl("pkcs8", "-topk8", "-in", "server.key", "-passout", "pass:s3cret", "-out", "ec-pkcs8-enc.key");
        certs.openssl("pkcs8", "-topk8", "-in", "server.key", "-v2", "des3", "-v2prf", "hmacWithSHA512",
                "-passout", "pass:s3cret", "-out", "ec-pkcs8-des3.key");
        certs.openssl("pkcs8", "-topk8", "-in", "server.key", "-v1", "PBE-SHA1-3DES", "-passout", "pass:s3cret",
                "-out", "ec-pkcs8-v1.key");
        // RSA: PKCS#1 plain and legacy-encrypted, PKCS#8 encrypted with AES-128
        certs.openssl("rsa", "-in", "rsa-server.key", "-traditional", "-out", "rsa-pkcs1.key");
        certs.openssl("rsa", "-in", "rsa-server.key", "-traditional", "-aes128", "-passout", "pass:s3cret",
                "-out", "rsa-pkcs1-aes.key");
        certs.openssl("pkcs8", "-topk8", "-in", "rsa-server.key", "-v2", "aes-128-cbc", "-passout", "pass:s3cret",
                "-out", "rsa-pkcs8-enc.key");
        certs.issue("ed-server", "localhost", TestCertificates.Purpose.SERVER, "ca", "ed25519", "DNS:localhost");
        certs.concat("server-with-key.pem", certs.serverCert(), certs.caCert(), certs.file("ec-sec1.key"));
    }

    private static SslSecurity server(String cert, String key, char[] password) {
        return SslSecurity.builder().keyPem(certs.file(cert), key == null ? null : certs.file(key), password).buildServer();
    }

    @ParameterizedTest(name = "EC key {0}")
    @ValueSource(strings = {"server.key", "ec-sec1.key", "ec-sec1-aes.key", "ec-pkcs8-enc.key", "ec-pkcs8-des3.key",
            "ec-pkcs8-v1.key"})
    void ecKeysInEveryForm(String key) throws Exception {
        String first = Files.readAllLines(certs.file(key)).get(0);
        assertTrue(first.startsWith("-----BEGIN"), first);
        assertNotNull(server("server.pem", key, key.contains("aes") || key.contains("enc") || key.contains("des3")
                || key.contains("v1") ? SECRET : null));
    }

    @ParameterizedTest(name = "RSA key {0}")
    @ValueSource(strings = {"rsa-server.key", "rsa-pkcs1.key", "rsa-pkcs1-aes.key", "rsa-pkcs8-enc.key"})
    void rsaKeysInEveryForm(String key) {
        assertNotNull(server("rsa-server.pem", key, key.contains("aes") || key.contains("enc") ? SECRET : null));
    }

    @Test
    void ed25519Keys() {
        assertNotNull(server("ed-server.pem", "ed-server.key", null));
        SecurityException e = assertThrows(SecurityException.class, () -> server("ed-server.pem", "server.key", null));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void theFormsAreWhatTheirNamesSay() throws Exception {
        assertEquals("-----BEGIN EC PRIVATE KEY-----", Files.readAllLines(certs.file("ec-sec1.key")).get(0));
        assertTrue(Files.readString(certs.file("ec-sec1-aes.key")).contains("Proc-Type: 4,ENCRYPTED"));
        assertEquals("-----BEGIN ENCRYPTED PRIVATE KEY-----", Files.readAllLines(certs.file("ec-pkcs8-enc.key")).get(0));
        assertEquals("-----BEGIN RSA PRIVATE KEY-----", Files.readAllLines(certs.file("rsa-pkcs1.key")).get(0));
        assertTrue(Files.readString(certs.file("rsa-pkcs1-aes.key")).contains("DEK-Info: AES-128-CBC"));
        assertEquals("-----BEGIN PRIVATE KEY-----", Files.readAllLines(certs.serverKey()).get(0));
    }

    @Test
    void keyInTheCertificateFileWhenNoKeyFileIsGiven() {
        SslSecurity s = server("server-with-key.pem", null, null);
        assertNotNull(s.context());
    }

    @Test
    void encryptedKeyWithoutPasswordIsRefused() {
        SecurityException e = assertThrows(SecurityException.class, () -> server("server.pem", "ec-pkcs8-enc.key", null));
        assertTrue(e.getMessage().contains("encrypted") && e.getMessage().contains("ec-pkcs8-enc.key"), e.getMessage());
        e = assertThrows(SecurityException.class, () -> server("rsa-server.pem", "rsa-pkcs1-aes.key", null));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @ParameterizedTest(name = "wrong password for {0}")
    @ValueSource(strings = {"ec-pkcs8-enc.key", "ec-pkcs8-des3.key", "ec-pkcs8-v1.key", "ec-sec1-aes.key", "rsa-pkcs1-aes.key", "rsa-pkcs8-enc.key"})
    void wrongPasswordIsNamed(String key) {
        String cert = key.startsWith("rsa") ? "rsa-server.pem" : "server.pem";
        SecurityException e = assertThrows(SecurityException.class, () -> server(cert, key, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("wrong password") && e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        SecurityException e = assertThrows(SecurityException.class, () -> server("server.pem", "client.key", null));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        e = assertThrows(SecurityException.class, () -> server("server.pem", "rsa-server.key", null));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void missingFilesAreNamedWithTheirConfigItem() {
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.SSL, true)
                .with(ConfigItem.SSL_SERVERCERT, dir.resolve("nope.pem").toString());
        SecurityException e = assertThrows(SecurityException.class, () -> SslSecurity.server(config));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("SSL_SERVERCERT"), e.getMessage());

        PyroConfig noKey = config.with(ConfigItem.SSL_SERVERCERT, certs.serverCert().toString())
                .with(ConfigItem.SSL_SERVERKEY, dir.resolve("nope.key").toString());
        e = assertThrows(SecurityException.class, () -> SslSecurity.server(noKey));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("SSL_SERVERKEY"), e.getMessage());

        PyroConfig keyNotInCert = config.with(ConfigItem.SSL_SERVERCERT, certs.serverCert().toString());
        e = assertThrows(SecurityException.class, () -> SslSecurity.server(keyNotInCert));
        assertTrue(e.getMessage().contains("no private key") && e.getMessage().contains("SSL_SERVERKEY"), e.getMessage());

        PyroConfig noCa = config.with(ConfigItem.SSL_SERVERCERT, certs.serverCert().toString())
                .with(ConfigItem.SSL_SERVERKEY, certs.serverKey().toString())
                .with(ConfigItem.SSL_CACERTS, dir.resolve("nope-ca.pem").toString());
        e = assertThrows(SecurityException.class, () -> SslSecurity.server(noCa));
        assertTrue(e.getMessage().contains("SSL_CACERTS"), e.getMessage());

        PyroConfig wrongPassword = config.with(ConfigItem.SSL_SERVERCERT, certs.serverCert().toString())
                .with(ConfigItem.SSL_SERVERKEY, certs.file("ec-pkcs8-enc.key").toString())
                .with(ConfigItem.SSL_SERVERKEYPASSWD, "wrong");
        e = assertThrows(SecurityException.class, () -> SslSecurity.server(wrongPassword));
        assertTrue(e.getMessage().contains("SSL_SERVERKEYPASSWD"), e.getMessage());

        PyroConfig clientNoFile = PyroConfig.defaults(ProtocolVersion.PYRO5)
                .with(ConfigItem.SSL_CLIENTCERT, dir.resolve("nope-client.pem").toString());
        e = assertThrows(SecurityException.class, () -> SslSecurity.client(clientNoFile));
        assertTrue(e.getMessage().contains("SSL_CLIENTCERT"), e.getMessage());
    }

    @Test
    void serverWithoutCertificateIsRefused() {
        SecurityException e = assertThrows(SecurityException.class,
                () -> SslSecurity.server(PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.SSL, true)));
        assertTrue(e.getMessage().contains("SSL_SERVERCERT"), e.getMessage());
        assertThrows(SecurityException.class, () -> SslSecurity.builder().buildServer());
    }

    @Test
    void caFileWithoutCertificatesIsRefusedButCaDirectoryMayHoldOtherFiles() throws Exception {
        SecurityException e = assertThrows(SecurityException.class,
                () -> SslSecurity.builder().trustPem(certs.serverKey()).buildClient());
        assertTrue(e.getMessage().contains("no certificate"), e.getMessage());
        Path caDir = Files.createDirectories(dir.resolve("cadir"));
        Files.copy(certs.caCert(), caDir.resolve("a.pem"));
        Files.writeString(caDir.resolve("README"), "not a certificate");
        assertNotNull(SslSecurity.builder().trustPem(caDir).buildClient());
    }

    @Test
    void keyStoresPkcs12AndJks() throws Exception {
        certs.keyStores("server-store", "server", "storepw");
        for (String store : List.of("server-store.p12", "server-store.jks")) {
            SslSecurity s = SslSecurity.builder().keyStore(certs.file(store), "storepw".toCharArray()).buildServer();
            assertNotNull(s.context(), store);
            SecurityException e = assertThrows(SecurityException.class,
                    () -> SslSecurity.builder().keyStore(certs.file(store), "wrong".toCharArray()).buildServer());
            assertTrue(e.getMessage().contains("wrong password") && e.getMessage().contains(store), e.getMessage());
        }
        SecurityException e = assertThrows(SecurityException.class, () -> SslSecurity.builder()
                .keyStore(certs.file("server-store.p12"), "storepw".toCharArray(), "storepw".toCharArray(), "other"));
        assertTrue(e.getMessage().contains("'other'"), e.getMessage());
        Path trust = certs.trustStore("trust", "ca", "trustpw");
        e = assertThrows(SecurityException.class,
                () -> SslSecurity.builder().keyStore(trust, "trustpw".toCharArray()));
        assertTrue(e.getMessage().contains("no private key"), e.getMessage());
        assertThrows(SecurityException.class,
                () -> SslSecurity.builder().keyStore(dir.resolve("missing.p12"), "x".toCharArray()));
    }

    @Test
    void defaultsFollowPython() {
        SslSecurity client = SslSecurity.client(PyroConfig.defaults(ProtocolVersion.PYRO5));
        assertTrue(client.checksHostname());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), client.protocols());
        PyroConfig server = PyroConfig.defaults(ProtocolVersion.PYRO5)
                .with(ConfigItem.SSL_SERVERCERT, certs.serverCert().toString())
                .with(ConfigItem.SSL_SERVERKEY, certs.serverKey().toString());
        assertTrue(!SslSecurity.server(server).requiresClientCert());
        assertTrue(SslSecurity.server(server.with(ConfigItem.SSL_REQUIRECLIENTCERT, true)).requiresClientCert());
    }
}
