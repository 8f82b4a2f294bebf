package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.jpyro.api.CallContext;
import org.jpyro.api.ProtocolVersion;

/**
 * {@link CallContext} on the client: the recorded Python sessions {@code pyro{4,5}-serpent-correlation-annotations}
 * must be sent byte for byte (correlation id in the Pyro5 header / Pyro4 {@code CORR} annotation, custom
 * annotations on CONNECT and INVOKE), and the response annotations are seen after the call.
 */
class CallContextTest {

    @AfterEach
    void clear() {
        CallContext.clear();
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void replaysTheRecordedContextSession(ProtocolVersion v) throws Exception {
        VectorReplayTest.replay(v, "correlation-annotations", port -> {
            try (Proxy p = VectorReplayTest.proxy(v, port, "test.service")) {
                UUID first = UUID.fromString("12345678-1234-5678-1234-567812345678");
                CallContext.setCorrelationId(first);
                CallContext.annotations().put("XTRA", "extra\0data".getBytes(StandardCharsets.US_ASCII));
                p.bind();

                Object info = p.call("context_info");
                Map<String, Object> annotations = new LinkedHashMap<>();
                if (v == ProtocolVersion.PYRO4) {
                    annotations.put("CORR", "12345678123456781234567812345678");
                }
                annotations.put("XTRA", "65787472610064617461");
                Map<String, Object> expected = new LinkedHashMap<>();
                expected.put("request_annotations", annotations);
                expected.put("correlation_id", first.toString());
                assertEquals(expected, info);
                assertArrayEquals("response-annotation".getBytes(StandardCharsets.US_ASCII),
                        CallContext.responseAnnotations().get("RSPA"));

                CallContext.setCorrelationId(UUID.fromString("0f0e0d0c-0b0a-0908-0706-050403020100"));
                Map<String, byte[]> second = new LinkedHashMap<>();
                second.put("XTRA", "second".getBytes(StandardCharsets.US_ASCII));
                second.put("ABCD", new byte[] {1, 2, 3});
                CallContext.setAnnotations(second);
                assertEquals("second correlation id", p.call("echo", "second correlation id"));
                assertTrue(CallContext.responseAnnotations().isEmpty());

                CallContext.clear();
                assertEquals("no correlation id", p.call("echo", "no correlation id"));
            }
        });
    }

    @Test
    void annotationKeysAreFourAsciiCharacters() {
        assertThrows(IllegalArgumentException.class, () -> CallContext.annotations().put("TOOLONG", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> CallContext.annotations().put("\u00e9abc", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> CallContext.annotations().put("ABCD", null));
        CallContext.annotations().put("ABCD", new byte[0]);
        assertEquals(1, CallContext.annotations().size());
    }
}
