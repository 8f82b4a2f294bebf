package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jpyro.api.Expose;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.protocol.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link CurrentCall#protocolVersion()} reports the caller's protocol version inside a call, null outside. */
@Timeout(30)
class CurrentCallTest {

    /** Answers with the protocol version it sees. */
    public static final class VersionProbe {
        @Expose
        public String version() {
            ProtocolVersion v = CurrentCall.protocolVersion();
            return v == null ? "none" : v.name();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void objectSeesTheCallersVersion(ProtocolVersion version) throws Exception {
        try (Daemon daemon = Daemon.builder().host("127.0.0.1").port(0).config(PyroConfig.defaults(ProtocolVersion.PYRO5)).build()) {
            daemon.register(new VersionProbe(), "probe");
            daemon.start();
            try (RawClient c = new RawClient(daemon.uri(), version)) {
                assertEquals(MessageType.CONNECTOK, c.connect("probe", "hi", 0).type());
                assertEquals(version.name(), c.value(c.call("probe", "version")));
            }
        }
    }

    @Test
    void nullOutsideACall() {
        assertNull(CurrentCall.protocolVersion());
    }
}
