package org.jpyro.itests.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.itests.PeerProcess;
import org.jpyro.itests.PythonPeer;
import org.jpyro.ssl.TestCertificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the TLS interop tests share: the test certificates (the ssl bundle's {@link TestCertificates}, plus a
 * client certificate from the trusted CA whose CN is not allowed), Pyro's SSL settings for either side as jpyro
 * config or as the {@code PYRO_SSL*} environment of a Python peer, and running a Python check script to its end.
 */
final class TlsPeers {
    /** A client certificate signed by the trusted CA, with a CN the daemons do not allow. */
    static final String INTRUDER = "intruder";
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TlsPeers() {
    }

    static TestCertificates certificates(Path dir) throws Exception {
        if (!TestCertificates.available()) {
            PythonPeer.requireOrSkip("openssl is needed to make the test certificates");
        }
        TestCertificates certs = TestCertificates.create(dir);
        certs.issue(INTRUDER, INTRUDER, TestCertificates.Purpose.CLIENT, "ca", "ec", null);
        return certs;
    }

    /** A jpyro daemon's config: SSL with the server certificate, SSL_CACERTS = the test CA. */
    static PyroConfig serverConfig(TestCertificates certs, boolean requireClientCert) {
        return PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 15.0).with(ConfigItem.SSL, true)
                .with(ConfigItem.SSL_SERVERCERT, certs.serverCert().toString())
                .with(ConfigItem.SSL_SERVERKEY, certs.serverKey().toString())
                .with(ConfigItem.SSL_CACERTS, certs.caCert().toString())
                .with(ConfigItem.SSL_REQUIRECLIENTCERT, requireClientCert);
    }

    /** A jpyro proxy's config: SSL trusting {@code ca}, with the certificate {@code <client>.pem} unless null. */
    static PyroConfig clientConfig(TestCertificates certs, String client, Path ca) {
        PyroConfig c = PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 15.0)
                .with(ConfigItem.SSL, true).with(ConfigItem.SSL_CACERTS, ca.toString());
        if (client != null) {
            c = c.with(ConfigItem.SSL_CLIENTCERT, certs.file(client + ".pem").toString())
                    .with(ConfigItem.SSL_CLIENTKEY, certs.file(client + ".key").toString());
        }
        return c;
    }

    /** A Python Pyro4 client's environment: PYRO_SSL, PYRO_SSL_CACERTS and the client certificate unless null. */
    static Map<String, String> pythonClient(TestCertificates certs, String client, Path ca) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYRO_SSL", "true");
        env.put("PYRO_SSL_CACERTS", ca.toString());
        if (client != null) {
            env.put("PYRO_SSL_CLIENTCERT", certs.file(client + ".pem").toString());
            env.put("PYRO_SSL_CLIENTKEY", certs.file(client + ".key").toString());
        }
        return env;
    }

    /** A Python Pyro4 daemon's environment: the server certificate, SSL_CACERTS = the test CA, 2-way TLS. */
    static Map<String, String> pythonServer(TestCertificates certs) {
        return Map.of("PYRO_SSL", "true",
                "PYRO_SSL_SERVERCERT", certs.serverCert().toString(),
                "PYRO_SSL_SERVERKEY", certs.serverKey().toString(),
                "PYRO_SSL_CACERTS", certs.caCert().toString(),
                "PYRO_SSL_REQUIRECLIENTCERT", "true");
    }

    /**
     * Runs {@code python/ssl/<script> args...} to its end and fails unless it exited cleanly after reporting every
     * check in {@code required}, all passed.
     */
    static void runChecks(Map<String, String> env, String script, List<String> required, String... args) throws Exception {
        try (PeerProcess peer = PythonPeer.script("ssl/" + script, env, args)) {
            int exit = peer.awaitExit(SCRIPT_TIMEOUT);
            Map<String, JsonNode> checks = new LinkedHashMap<>();
            String done = null;
            for (String line : peer.stdoutLines()) {
                if (line.startsWith("CHECK ")) {
                    JsonNode check = JSON.readTree(line.substring(6));
                    checks.put(check.get("name").asText(), check);
                } else if (line.startsWith("DONE ")) {
                    done = line.substring(5).trim();
                }
            }
            for (JsonNode check : checks.values()) {
                // the details (TLS version, cipher, the refusal's text) go to the test's output file
                System.out.println(script + " " + String.join(" ", args) + ": " + check.get("name").asText() + " "
                        + (check.get("ok").asBoolean() ? "ok" : "FAILED") + ": " + check.path("detail").asText());
                if (!check.get("ok").asBoolean()) {
                    fail(check.get("name").asText() + " failed in the Python peer:\n" + check.path("detail").asText()
                            + "\n" + peer.report());
                }
            }
            assertEquals(0, exit, "exit code\n" + peer.report());
            assertEquals(String.valueOf(checks.size()), done, "no DONE line matching the checks\n" + peer.report());
            assertTrue(checks.keySet().containsAll(required), "checks that did not run: " + required + " vs "
                    + checks.keySet() + "\n" + peer.report());
        }
    }
}
