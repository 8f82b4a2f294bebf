package org.jpyro.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Starting name servers: self-registration, NAT, Unix sockets, no broadcast on loopback. */
@Timeout(30)
class NameServersTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);

    @Test
    void registersItselfAndSkipsBroadcastOnLoopback() {
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).config(CONFIG).start()) {
            assertNull(ns.broadcast(), "no responder for a loopback name server");
            assertEquals(NameServer.NAMESERVER_NAME, ns.uri().object());
            assertEquals(Map.of(NameServer.NAMESERVER_NAME, ns.uri().toString()), ns.nameServer().listAll());
            assertEquals(ns.uri(), ns.nameServer().lookupUri(NameServer.NAMESERVER_NAME));
        }
    }

    @Test
    void natLocationIsRegisteredAndInternalUriKept() {
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).natHost("ns.example.org")
                .natPort(1234).config(CONFIG).start()) {
            assertEquals(PyroURI.parse("PYRO:Pyro.NameServer@ns.example.org:1234"), ns.uri());
            assertEquals("127.0.0.1", ns.internalUri().host());
            assertEquals(ns.uri(), ns.nameServer().lookupUri(NameServer.NAMESERVER_NAME));
        }
    }

    @Test
    void unixSocket(@TempDir Path dir) throws Exception {
        String path = dir.resolve("ns.sock").toString();
        try (NameServerHandle ns = NameServers.builder().unixSocket(path).config(CONFIG).start()) {
            assertTrue(Files.exists(Path.of(path)));
            assertNull(ns.broadcast());
            try (Proxy p = new NameServerLocator(CONFIG).locate("./u:" + path, 0, false)) {
                assertEquals(1, ((Number) p.call("count")).intValue());
                assertEquals(ns.uri().toString(),
                        ((Map<?, ?>) p.callKw("list", List.of(), Map.of())).get(NameServer.NAMESERVER_NAME));
            }
        }
    }
}
