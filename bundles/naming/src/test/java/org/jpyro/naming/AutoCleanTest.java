package org.jpyro.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** NS_AUTOCLEAN with short intervals: dead registrations go after the grace period, live ones and the NS stay. */
@Timeout(60)
class AutoCleanTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);

    @Test
    void removesWhatStaysUnreachableLongerThanTheGrace() throws Exception {
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = gone.getLocalPort();
        }
        try (ServerSocket alive = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(CONFIG)
                        .autoClean(Duration.ofMillis(100), Duration.ofMillis(600)).start()) {
            assertTrue(ns.autoCleaning());
            NameServer server = ns.nameServer();
            server.register("live", PyroURI.of("live", "127.0.0.1", alive.getLocalPort()), false, null);
            server.register("dead", PyroURI.of("dead", "127.0.0.1", deadPort), false, null);
            server.register("by.name", PyroURI.parse("PYRONAME:live"), false, null);
            long registered = System.nanoTime();
            long deadline = registered + Duration.ofSeconds(30).toNanos();
            while (server.storage().contains("dead") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long took = System.nanoTime() - registered;
            assertFalse(server.storage().contains("dead"), "dead name removed");
            assertTrue(took >= Duration.ofMillis(600).toNanos(), "not before the grace period: " + took / 1_000_000 + " ms");
            Thread.sleep(500); // a few more sweeps
            assertEquals(Set.of(NameServer.NAMESERVER_NAME, "live", "by.name"), server.listAll().keySet());
        }
    }

    @Test
    void reRegisteredNameIsKept() throws Exception {
        NameServer server = new NameServer();
        int deadPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = gone.getLocalPort();
        }
        server.register("n", PyroURI.of("n", "127.0.0.1", deadPort), false, null);
        assertFalse(server.removeIfUnchanged("n", "PYRO:other@127.0.0.1:1"));
        assertTrue(server.storage().contains("n"));
        assertTrue(server.removeIfUnchanged("n", PyroURI.of("n", "127.0.0.1", deadPort).toString()));
        assertFalse(server.removeIfUnchanged(NameServer.NAMESERVER_NAME, "x"));
    }

    @Test
    void configBelowPyrosMinimumIsRefusedAndZeroIsOff() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NameServers.builder()
                .host("127.0.0.1").port(0).broadcast(false).config(CONFIG.with(ConfigItem.NS_AUTOCLEAN, 1.0)).start());
        assertEquals("NS_AUTOCLEAN cannot be smaller than 3", e.getMessage());
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false).config(CONFIG)
                .start()) {
            assertFalse(ns.autoCleaning());
        }
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false)
                .config(CONFIG.with(ConfigItem.NS_AUTOCLEAN, 3.0)).start()) {
            assertTrue(ns.autoCleaning());
        }
    }
}
