package org.jpyro.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLException;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.Expose;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.transport.Connection;
import org.jpyro.transport.MultiplexServer;
import org.jpyro.transport.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A jpyro {@link Daemon} and jpyro {@link Proxy} over TLS, configured as Pyro is (SSL=true and the SSL_* items,
 * found through the provider's ServiceLoader registration) or through the builder: 1-way and 2-way TLS for both
 * protocol versions, the peer certificate in {@code validateHandshake}, and every refusal a misconfigured or
 * untrusted peer must meet, with the daemon serving on afterwards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsDaemonProxyTest {
    private static final double TIMEOUT_SECONDS = 10.0;

    @TempDir
    static Path dir;
    static TestCertificates certs;

    private Daemon daemon;

    /** The remote object. */
    @Expose
    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    /** Records the client certificate of each handshake and refuses every CN but the allowed one (if set). */
    static final class CertificateCheckingDaemon extends Daemon {
        final AtomicReference<List<X509Certificate>> seen = new AtomicReference<>();
        private final String allowedCn;

        CertificateCheckingDaemon(Daemon.Builder builder, String allowedCn) {
            super(builder);
            this.allowedCn = allowedCn;
        }

        @Override
        protected Object validateHandshake(Connection connection, Object data) throws Exception {
            seen.set(SslSecurity.peerCertificates(connection));
            if (allowedCn != null) {
                X509Certificate cert = SslSecurity.peerCertificate(connection);
                String cn = cert == null ? null : SslSecurity.commonName(cert);
                if (!allowedCn.equals(cn)) {
                    throw new SecurityException("client certificate CN '" + cn + "' is not allowed");
                }
            }
            return "hello";
        }
    }

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.create(dir);
        certs.issue("intruder", "intruder", TestCertificates.Purpose.CLIENT, "ca", "ec", null);
        certs.issue("elsewhere", "elsewhere.example", TestCertificates.Purpose.SERVER, "ca", "ec", "DNS:elsewhere.example");
        certs.keyStores("server-store", "server", "storepw");
        certs.keyStores("client-store", "client", "storepw");
        certs.trustStore("trust", "ca", "trustpw");
    }

    @AfterEach
    void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static PyroConfig base(ProtocolVersion version) {
        return PyroConfig.defaults(version).with(ConfigItem.COMMTIMEOUT, TIMEOUT_SECONDS);
    }

    private static PyroConfig serverConfig(ProtocolVersion version, boolean twoWay) {
        return base(version).with(ConfigItem.SSL, true)
                .with(ConfigItem.SSL_SERVERCERT, certs.serverCert().toString())
                .with(ConfigItem.SSL_SERVERKEY, certs.serverKey().toString())
                .with(ConfigItem.SSL_CACERTS, certs.caCert().toString())
                .with(ConfigItem.SSL_REQUIRECLIENTCERT, twoWay);
    }

    private static PyroConfig clientConfig(ProtocolVersion version, String clientName, Path ca) {
        PyroConfig c = base(version).with(ConfigItem.SSL, true).with(ConfigItem.SSL_CACERTS, ca.toString());
        if (clientName != null) {
            c = c.with(ConfigItem.SSL_CLIENTCERT, certs.file(clientName + ".pem").toString())
                    .with(ConfigItem.SSL_CLIENTKEY, certs.file(clientName + ".key").toString());
        }
        return c;
    }

    private PyroURI serve(Daemon d) {
        daemon = d;
        PyroURI uri = d.register(new Greeter(), "greeter");
        d.start();
        return uri;
    }

    private CertificateCheckingDaemon checkingDaemon(PyroConfig config, String allowedCn) {
        return new CertificateCheckingDaemon(Daemon.builder().host("127.0.0.1").port(0).config(config), allowedCn);
    }

    private static String greet(PyroURI uri, PyroConfig config) {
        try (Proxy p = new Proxy(uri, config)) {
            return (String) p.call("greet", "tls");
        }
    }

    private static void assertRefused(PyroURI uri, PyroConfig config) {
        long start = System.nanoTime();
        assertThrows(PyroException.class, () -> greet(uri, config));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < TIMEOUT_SECONDS, "refused only by the timeout: " + seconds + " s");
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void oneWayTlsFromPyroConfig(ProtocolVersion version) {
        CertificateCheckingDaemon d = checkingDaemon(serverConfig(version, false), null);
        PyroURI uri = serve(d);
        assertEquals("hello tls", greet(uri, clientConfig(version, null, certs.caCert())));
        assertEquals(List.of(), d.seen.get(), "1-way TLS: the server asks for no client certificate");
        // a client certificate the server did not ask for is not sent
        assertEquals("hello tls", greet(uri, clientConfig(version, "client", certs.caCert())));
        assertEquals(List.of(), d.seen.get());
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void twoWayTlsShowsTheClientCertificateToTheHandshakeCheck(ProtocolVersion version) throws Exception {
        CertificateCheckingDaemon d = checkingDaemon(serverConfig(version, true), null);
        PyroURI uri = serve(d);
        assertEquals("hello tls", greet(uri, clientConfig(version, "client", certs.caCert())));
        List<X509Certificate> chain = d.seen.get();
        assertEquals(TestCertificates.CLIENT_CN, SslSecurity.commonName(chain.get(0)));
        assertEquals("jpyro test CA", SslSecurity.commonName(certs.caCertificate()));
    }

    @Test
    void twoWayTlsRefusesClientsWithoutOrWithUntrustedCertificates() {
        PyroURI uri = serve(checkingDaemon(serverConfig(ProtocolVersion.PYRO5, true), null));
        assertRefused(uri, clientConfig(ProtocolVersion.PYRO5, null, certs.caCert()));
        assertRefused(uri, clientConfig(ProtocolVersion.PYRO5, "untrusted-client", certs.caCert()));
        assertEquals("hello tls", greet(uri, clientConfig(ProtocolVersion.PYRO5, "client", certs.caCert())),
                "the daemon must keep serving");
    }

    @Test
    void twoWayTlsWithoutCaCertsAcceptsNoClientAsPythonDoes() {
        PyroURI uri = serve(checkingDaemon(serverConfig(ProtocolVersion.PYRO5, true).with(ConfigItem.SSL_CACERTS, ""), null));
        assertRefused(uri, clientConfig(ProtocolVersion.PYRO5, "client", certs.caCert()));
    }

    @Test
    void handshakeCheckRefusesACertificateWhoseCnIsNotAllowed() {
        PyroURI uri = serve(checkingDaemon(serverConfig(ProtocolVersion.PYRO5, true), TestCertificates.CLIENT_CN));
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> greet(uri, clientConfig(ProtocolVersion.PYRO5, "intruder", certs.caCert())));
        assertTrue(e.getMessage().contains("rejected") && e.getMessage().contains("client certificate CN 'intruder' is not allowed"),
                e.getMessage());
        assertEquals("hello tls", greet(uri, clientConfig(ProtocolVersion.PYRO5, "client", certs.caCert())));
    }

    @Test
    void plainClientToTlsDaemonFailsCleanlyAndTheDaemonServesOn() {
        PyroURI uri = serve(checkingDaemon(serverConfig(ProtocolVersion.PYRO5, false), null));
        assertRefused(uri, base(ProtocolVersion.PYRO5));
        assertRefused(uri, base(ProtocolVersion.PYRO4));
        assertEquals("hello tls", greet(uri, clientConfig(ProtocolVersion.PYRO5, null, certs.caCert())));
    }

    @Test
    void tlsClientToPlainDaemonFailsCleanly() {
        PyroURI uri = serve(Daemon.builder().host("127.0.0.1").port(0).config(base(ProtocolVersion.PYRO5)).build());
        PyroException e = assertThrows(PyroException.class, () -> greet(uri, clientConfig(ProtocolVersion.PYRO5, null, certs.caCert())));
        assertTrue(causedBy(e, SSLException.class), String.valueOf(e));
        assertEquals("hello tls", greet(uri, base(ProtocolVersion.PYRO5)));
    }

    @Test
    void serverCertificateFromAnotherCaIsRefusedByTheClient() {
        PyroURI uri = serve(checkingDaemon(serverConfig(ProtocolVersion.PYRO5, false), null));
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> greet(uri, clientConfig(ProtocolVersion.PYRO5, null, certs.otherCaCert())));
        assertTrue(causedBy(e, javax.net.ssl.SSLHandshakeException.class), String.valueOf(e));
        // no SSL_CACERTS: only the JDK's CAs, which do not know the test CA
        assertThrows(CommunicationException.class, () -> greet(uri, base(ProtocolVersion.PYRO5).with(ConfigItem.SSL, true)));
    }

    @Test
    void hostNameIsCheckedAgainstTheServerCertificate() {
        PyroConfig config = serverConfig(ProtocolVersion.PYRO5, false)
                .with(ConfigItem.SSL_SERVERCERT, certs.file("elsewhere.pem").toString())
                .with(ConfigItem.SSL_SERVERKEY, certs.file("elsewhere.key").toString());
        PyroURI uri = serve(checkingDaemon(config, null));
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> greet(uri, clientConfig(ProtocolVersion.PYRO5, null, certs.caCert())));
        assertTrue(causedBy(e, javax.net.ssl.SSLHandshakeException.class), String.valueOf(e));
        SslSecurity unchecked = SslSecurity.builder().trustPem(certs.caCert()).checkHostname(false).buildClient();
        try (Proxy p = new Proxy(uri, base(ProtocolVersion.PYRO5)).socketSecurity(unchecked)) {
            assertEquals("hello x", p.call("greet", "x"));
        }
    }

    @Test
    void hostNamesAndAddressesOfTheCertificateAreAccepted() {
        PyroURI uri = serve(checkingDaemon(serverConfig(ProtocolVersion.PYRO5, false), null));
        PyroConfig client = clientConfig(ProtocolVersion.PYRO5, null, certs.caCert());
        assertEquals("127.0.0.1", uri.host());
        assertEquals("hello tls", greet(PyroURI.of("greeter", "localhost", uri.port()), client));
    }

    @Test
    void keyStoresThroughTheBuilder() {
        SslSecurity server = SslSecurity.builder().keyStore(certs.file("server-store.p12"), "storepw".toCharArray())
                .trustStore(certs.file("trust.p12"), "trustpw".toCharArray()).requireClientCert(true).buildServer();
        CertificateCheckingDaemon d = new CertificateCheckingDaemon(Daemon.builder().host("127.0.0.1").port(0)
                .config(base(ProtocolVersion.PYRO5)).socketSecurity(server), TestCertificates.CLIENT_CN);
        PyroURI uri = serve(d);
        SslSecurity client = SslSecurity.builder().keyStore(certs.file("client-store.jks"), "storepw".toCharArray())
                .trustStore(certs.file("trust.p12"), "trustpw".toCharArray()).buildClient();
        try (Proxy p = new Proxy(uri, base(ProtocolVersion.PYRO5)).socketSecurity(client)) {
            assertEquals("hello ks", p.call("greet", "ks"));
        }
        SslSecurity anonymous = SslSecurity.builder().trustStore(certs.file("trust.p12"), "trustpw".toCharArray())
                .buildClient();
        try (Proxy p = new Proxy(uri, base(ProtocolVersion.PYRO5)).socketSecurity(anonymous)) {
            assertThrows(PyroException.class, () -> p.call("greet", "ks"));
        }
    }

    @Test
    void configurationMistakesSurfaceAsSecurityExceptionsWhereTheyAreMade() {
        PyroConfig wrongKey = serverConfig(ProtocolVersion.PYRO5, false)
                .with(ConfigItem.SSL_SERVERKEY, certs.clientKey().toString());
        org.jpyro.api.SecurityException e = assertThrows(org.jpyro.api.SecurityException.class,
                () -> Daemon.builder().host("127.0.0.1").port(0).config(wrongKey).build().close());
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        PyroURI uri = serve(checkingDaemon(serverConfig(ProtocolVersion.PYRO5, false), null));
        PyroConfig missingClientCert = clientConfig(ProtocolVersion.PYRO5, null, certs.caCert())
                .with(ConfigItem.SSL_CLIENTCERT, dir.resolve("missing.pem").toString());
        e = assertThrows(org.jpyro.api.SecurityException.class, () -> greet(uri, missingClientCert));
        assertTrue(e.getMessage().contains("SSL_CLIENTCERT"), e.getMessage());
    }

    @Test
    void theProviderKeepsOneSecurityPerSettings() {
        SslSocketSecurityProvider provider = new SslSocketSecurityProvider();
        PyroConfig config = serverConfig(ProtocolVersion.PYRO5, false);
        assertTrue(provider.server(config) == provider.server(config));
        assertTrue(provider.server(config) != provider.server(config.with(ConfigItem.SSL_REQUIRECLIENTCERT, true)));
        PyroConfig client = clientConfig(ProtocolVersion.PYRO5, null, certs.caCert());
        assertTrue(provider.client(client) == provider.client(client.with(ConfigItem.COMMTIMEOUT, 1.0)));
    }

    @Test
    void theMultiplexServerRefusesTls() {
        ServerOptions options = ServerOptions.from(base(ProtocolVersion.PYRO5))
                .withSecurity(SslSecurity.server(serverConfig(ProtocolVersion.PYRO5, false)));
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> MultiplexServer.bind("127.0.0.1", 0, options, null).close());
        assertTrue(e.getMessage().contains("SSL"), e.getMessage());
    }

    @Test
    void aMultiplexDaemonRefusesSsl() {
        PyroConfig config = serverConfig(ProtocolVersion.PYRO5, false).with(ConfigItem.SERVERTYPE, "multiplex");
        CommunicationException e = assertThrows(CommunicationException.class,
                () -> Daemon.builder().host("127.0.0.1").port(0).config(config).build().close());
        assertTrue(e.getMessage().contains("SSL"), e.getMessage());
    }

    @Test
    void ipv6AddressOfTheCertificateIsAccepted() {
        CertificateCheckingDaemon d;
        try {
            d = new CertificateCheckingDaemon(Daemon.builder().host("::1").port(0)
                    .config(serverConfig(ProtocolVersion.PYRO5, true)), null);
        } catch (CommunicationException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + noIpv6.getMessage());
            return;
        }
        PyroURI uri = serve(d);
        assertEquals("::1", uri.host());
        assertEquals("hello tls", greet(uri, clientConfig(ProtocolVersion.PYRO5, "client", certs.caCert())));
        assertEquals(TestCertificates.CLIENT_CN, SslSecurity.commonName(d.seen.get().get(0)));
    }

    @Test
    void closingTheDaemonWakesTlsConnectionsIdleOrStuckInTheHandshake() throws Exception {
        Daemon d = checkingDaemon(serverConfig(ProtocolVersion.PYRO5, false).with(ConfigItem.COMMTIMEOUT, 0.0), null);
        PyroURI uri = serve(d);
        try (Proxy idle = new Proxy(uri, clientConfig(ProtocolVersion.PYRO5, null, certs.caCert()));
             java.net.Socket silent = new java.net.Socket("127.0.0.1", uri.port())) {
            assertEquals("hello idle", idle.call("greet", "idle"));
            silent.getOutputStream().write(new byte[] {0x16, 0x03}); // a TLS record begins, the rest never comes
            Thread.sleep(200);
            long start = System.nanoTime();
            d.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("daemon close with TLS connections took " + millis + " ms");
            assertTrue(millis < 5000, "close took " + millis + " ms");
            silent.setSoTimeout(5000);
            // at most a TLS alert, then the end of the stream; a timeout here means the socket was left open
            byte[] rest = silent.getInputStream().readAllBytes();
            assertTrue(rest.length == 0 || rest[0] == 0x15, "not an alert: " + java.util.Arrays.toString(rest));
            assertThrows(PyroException.class, () -> idle.call("greet", "again"));
        }
    }

    @Test
    void plainConnectionsHaveNoPeerCertificate() {
        CertificateCheckingDaemon d = checkingDaemon(base(ProtocolVersion.PYRO5), null);
        PyroURI uri = serve(d);
        assertEquals("hello tls", greet(uri, base(ProtocolVersion.PYRO5)));
        assertEquals(List.of(), d.seen.get(), "a plain connection has no peer certificates");
    }
}
