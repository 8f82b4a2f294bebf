package org.jpyro.itests.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.itests.PeerProcess;
import org.jpyro.itests.PythonPeer;
import org.jpyro.ssl.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jpyro {@link Proxy} (protocol PYRO4, Pyro's SSL config items) to a Python Pyro4 daemon with 2-way TLS
 * ({@code python/ssl/pyro4_tls_daemon.py}) whose {@code validateHandshake} allows only the client certificate CN
 * {@value TestCertificates#CLIENT_CN}: the trusted client is served and seen by its certificate; no, an
 * untrusted or a not-allowed certificate is refused; a daemon certificate from an unknown CA is refused by jpyro.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JpyroProxyToPyro4TlsDaemonTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static PeerProcess daemon;
    private static PyroURI uri;

    @BeforeAll
    static void startPythonDaemon() throws Exception {
        PythonPeer.requirePyro4();
        certs = TlsPeers.certificates(dir);
        daemon = PythonPeer.script("ssl/pyro4_tls_daemon.py", TlsPeers.pythonServer(certs), TestCertificates.CLIENT_CN);
        uri = PyroURI.parse(PythonPeer.awaitEchoUri(daemon));
    }

    @AfterAll
    static void stopPythonDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Object call(PyroConfig config, String method, Object... args) {
        try (Proxy p = new Proxy(uri, config)) {
            return p.call(method, args);
        }
    }

    private static PyroException refused(PyroConfig config) {
        long start = System.nanoTime();
        PyroException e = assertThrows(PyroException.class, () -> call(config, "echo", "x"), daemon::report);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 15, "refused only by the timeout after " + seconds + " s: " + e);
        return e;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theTrustedClientIsServedAndSeenByItsCertificate() {
        PyroConfig config = TlsPeers.clientConfig(certs, "client", certs.caCert());
        try (Proxy p = new Proxy(uri, config)) {
            assertEquals(List.of(1L, "two", 3.5), normalise(p.call("echo", List.of(1, "two", 3.5))), daemon.report());
            assertEquals(TestCertificates.CLIENT_CN, p.call("peer_cn"));
        }
    }

    @Test
    void anUntrustedClientCertificateIsRefused() {
        refused(TlsPeers.clientConfig(certs, "untrusted-client", certs.caCert()));
        refused(TlsPeers.clientConfig(certs, null, certs.caCert()));
        assertEquals("still here", call(TlsPeers.clientConfig(certs, "client", certs.caCert()), "echo", "still here"));
    }

    @Test
    void aCnThePythonDaemonDoesNotAllowIsRefusedWithItsReason() {
        PyroException e = refused(TlsPeers.clientConfig(certs, TlsPeers.INTRUDER, certs.caCert()));
        assertTrue(e instanceof CommunicationException && e.getMessage().contains("client certificate CN 'intruder' is not allowed"),
                String.valueOf(e));
    }

    @Test
    void jpyroRefusesADaemonCertificateFromAnUnknownCa() {
        PyroException e = refused(TlsPeers.clientConfig(certs, "client", certs.otherCaCert()));
        assertTrue(causedBy(e, SSLHandshakeException.class), String.valueOf(e));
    }

    private static Object normalise(Object echoed) {
        if (echoed instanceof List<?> list) {
            return list.stream().map(v -> v instanceof Integer i ? (Object) i.longValue() : v).toList();
        }
        return echoed;
    }
}
