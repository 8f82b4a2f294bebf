package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.jpyro.api.CallContext;
import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;

/**
 * {@link CallContext} against a real Python Pyro4 4.82 daemon ({@code pyro4_context_server.py}): the correlation
 * id and annotations the proxy sends are what Python's {@code current_context} sees, Python's response
 * annotations reach {@link CallContext#responseAnnotations()}. Skipped without Pyro4, unless {@code CI=true}.
 */
@Timeout(60)
class Pyro4ContextServerTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static Process server;
    private static PyroURI uri;

    @BeforeAll
    static void startServer() throws Exception {
        boolean available = Files.isExecutable(Path.of(PYTHON)) && new ProcessBuilder(PYTHON, "-c", "import Pyro4")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (!available) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(PYTHON + " with Pyro4 is required when CI=true");
            }
            Assumptions.abort(PYTHON + " has no Pyro4: skipping the Python interop test");
        }
        Path script = Files.createTempFile("pyro4_context_server", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = Pyro4ContextServerTest.class.getResourceAsStream("/pyro4_context_server.py")) {
            assertNotNull(in, "pyro4_context_server.py resource");
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-u", script.toString());
        pb.environment().put("PYRO_SERIALIZERS_ACCEPTED", "serpent");
        pb.environment().remove("PYRO_HMAC_KEY");
        pb.redirectErrorStream(true);
        server = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String text = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("context uri: ")) {
                        return line.substring("context uri: ".length()).trim();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        if (text == null) {
            fail("the context server did not print its uri");
        }
        uri = PyroURI.parse(text);
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "context-server-output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @AfterEach
    void clear() {
        CallContext.clear();
    }

    @Test
    void pythonSeesTheContextAndAnswersWithAnnotations() {
        try (Proxy p = new Proxy(uri, PyroConfig.defaults(ProtocolVersion.PYRO4).with(ConfigItem.COMMTIMEOUT, 10.0))) {
            UUID id = UUID.fromString("0f0e0d0c-0b0a-0908-0706-050403020100");
            CallContext.setCorrelationId(id);
            CallContext.annotations().put("XTRA", new byte[] {1, 0, 2});
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("CORR", "0f0e0d0c0b0a09080706050403020100");
            annotations.put("XTRA", "010002");
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("request_annotations", annotations);
            expected.put("correlation_id", id.toString());
            assertEquals(expected, p.call("context_info"));
            assertArrayEquals("response-annotation".getBytes(StandardCharsets.US_ASCII),
                    CallContext.responseAnnotations().get("RSPA"));

            CallContext.clear();
            Map<?, ?> fresh = (Map<?, ?>) p.call("context_info");
            assertEquals(Map.of(), fresh.get("request_annotations"));
            assertNotNull(fresh.get("correlation_id"), "Python makes an id when none is sent");
            assertNotEquals(id.toString(), fresh.get("correlation_id"));
        }
    }
}
