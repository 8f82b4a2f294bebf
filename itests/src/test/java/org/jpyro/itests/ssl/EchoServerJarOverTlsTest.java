package org.jpyro.itests.ssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jpyro.itests.PeerProcess;
import org.jpyro.itests.PythonPeer;
import org.jpyro.ssl.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar's echo server with nothing but Pyro's {@code PYRO_SSL*} environment variables (the ssl bundle
 * must be in the jar and found through its merged {@code META-INF/services}), called by a Python Pyro4 client
 * over 2-way TLS.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EchoServerJarOverTlsTest {
    @TempDir
    Path dir;

    @Test
    void pythonClientToTheJarEchoServerOverTls() throws Exception {
        PythonPeer.requirePyro4();
        String jar = System.getProperty("jpyro.jar", "../bundles/tools/target/jpyro.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            PythonPeer.requireOrSkip("the runnable jar " + jar + " is not built (mvn install -pl bundles/tools)");
        }
        TestCertificates certs = TlsPeers.certificates(dir);
        Map<String, String> env = new HashMap<>(TlsPeers.pythonServer(certs));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (PeerProcess server = PeerProcess.start(List.of(java, "-Xmx256m", "-jar", jar, "echoserver", "-H", "127.0.0.1",
                "-p", "0"), env)) {
            String uri = PythonPeer.awaitEchoUri(server);
            TlsPeers.runChecks(TlsPeers.pythonClient(certs, "client", certs.caCert()), "pyro4_tls_client.py",
                    List.of("tls.echoserver"), "echoserver", uri, TestCertificates.SERVER_CN);
            TlsPeers.runChecks(TlsPeers.pythonClient(certs, "untrusted-client", certs.caCert()), "pyro4_tls_client.py",
                    List.of("tls.refused"), "refused", uri);
        }
    }
}
