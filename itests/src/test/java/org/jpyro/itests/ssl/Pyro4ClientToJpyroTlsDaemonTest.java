package org.jpyro.itests.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jpyro.api.PyroURI;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.InteropService;
import org.jpyro.itests.PythonPeer;
import org.jpyro.ssl.SslSecurity;
import org.jpyro.ssl.TestCertificates;
import org.jpyro.transport.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python Pyro4 clients (configured only through {@code PYRO_SSL*} variables) over TLS to jpyro daemons configured
 * with Pyro's SSL items: a 1-way daemon, and a 2-way daemon whose {@code validateHandshake} allows only the
 * client certificate CN {@value TestCertificates#CLIENT_CN}. Clients with no, an untrusted or a not-allowed
 * certificate are refused, a client that does not trust the daemon's CA refuses it, and the daemons serve on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Pyro4ClientToJpyroTlsDaemonTest {
    private static final List<String> ACCEPTED = List.of("tls.call", "tls.socket", "tls.second_call");
    private static final List<String> REFUSED = List.of("tls.refused");

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static Daemon oneWay;
    private static CnCheckingDaemon twoWay;
    private static PyroURI oneWayService;
    private static PyroURI twoWayService;

    /** Allows only one client certificate CN and remembers whom it saw. */
    static final class CnCheckingDaemon extends Daemon {
        final AtomicReference<String> lastCn = new AtomicReference<>();

        CnCheckingDaemon(Daemon.Builder builder) {
            super(builder);
        }

        @Override
        protected Object validateHandshake(Connection connection, Object data) {
            X509Certificate cert = SslSecurity.peerCertificate(connection);
            String cn = cert == null ? null : SslSecurity.commonName(cert);
            lastCn.set(cn);
            if (!TestCertificates.CLIENT_CN.equals(cn)) {
                throw new SecurityException("client certificate CN '" + cn + "' is not allowed");
            }
            return "hello";
        }
    }

    @BeforeAll
    static void startDaemons() throws Exception {
        PythonPeer.requirePyro4();
        certs = TlsPeers.certificates(dir);
        oneWay = Daemon.builder().host("127.0.0.1").port(0).config(TlsPeers.serverConfig(certs, false)).build();
        oneWayService = oneWay.register(new InteropService(), InteropService.OBJECT_ID);
        oneWay.start();
        twoWay = new CnCheckingDaemon(Daemon.builder().host("127.0.0.1").port(0).config(TlsPeers.serverConfig(certs, true)));
        twoWayService = twoWay.register(new InteropService(), InteropService.OBJECT_ID);
        twoWay.start();
    }

    @AfterAll
    static void stopDaemons() {
        if (oneWay != null) {
            oneWay.close();
        }
        if (twoWay != null) {
            twoWay.close();
        }
    }

    @BeforeEach
    void forget() {
        if (twoWay != null) {
            twoWay.lastCn.set("(no handshake)");
        }
    }

    @Test
    void oneWayTls() throws Exception {
        TlsPeers.runChecks(TlsPeers.pythonClient(certs, null, certs.caCert()), "pyro4_tls_client.py", ACCEPTED,
                "accepted", oneWayService.toString(), TestCertificates.SERVER_CN);
    }

    @Test
    void twoWayTlsShowsThePythonClientCertificateToTheDaemon() throws Exception {
        TlsPeers.runChecks(TlsPeers.pythonClient(certs, "client", certs.caCert()), "pyro4_tls_client.py", ACCEPTED,
                "accepted", twoWayService.toString(), TestCertificates.SERVER_CN);
        assertEquals(TestCertificates.CLIENT_CN, twoWay.lastCn.get());
    }

    @Test
    void twoWayTlsRefusesAnUntrustedClientCertificateAndServesOn() throws Exception {
        TlsPeers.runChecks(TlsPeers.pythonClient(certs, "untrusted-client", certs.caCert()), "pyro4_tls_client.py",
                REFUSED, "refused", twoWayService.toString());
        assertEquals("(no handshake)", twoWay.lastCn.get(), "the TLS handshake must refuse it, not the Pyro one");
        TlsPeers.runChecks(TlsPeers.pythonClient(certs, "client", certs.caCert()), "pyro4_tls_client.py", ACCEPTED,
                "accepted", twoWayService.toString(), TestCertificates.SERVER_CN);
    }

    @Test
    void twoWayTlsRefusesAClientWithoutCertificate() throws Exception {
        TlsPeers.runChecks(TlsPeers.pythonClient(certs, null, certs.caCert()), "pyro4_tls_client.py", REFUSED,
                "refused", twoWayService.toString());
    }

    @Test
    void theHandshakeCheckRefusesACnThatIsNotAllowedWithItsReason() throws Exception {
        TlsPeers.runChecks(TlsPeers.pythonClient(certs, TlsPeers.INTRUDER, certs.caCert()), "pyro4_tls_client.py",
                REFUSED, "refused", twoWayService.toString(), "client certificate CN 'intruder' is not allowed");
        assertEquals(TlsPeers.INTRUDER, twoWay.lastCn.get());
    }

    @Test
    void thePythonClientRefusesADaemonItsCasDoNotVouchFor() throws Exception {
        TlsPeers.runChecks(TlsPeers.pythonClient(certs, null, certs.otherCaCert()), "pyro4_tls_client.py", REFUSED,
                "refused", oneWayService.toString(), "CERTIFICATE_VERIFY_FAILED");
    }
}
