package org.jpyro.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broadcast responder and the locator, on loopback only (never a real broadcast address). */
@Timeout(30)
class BroadcastTest {
    private static final PyroURI NS = PyroURI.parse("PYRO:Pyro.NameServer@127.0.0.1:9999");

    private static String ask(int port, byte[] request) throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(500);
            s.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[200];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            try {
                s.receive(reply);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new String(buf, 0, reply.getLength(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void answersGetNsUriAndIgnoresTheRest() throws Exception {
        try (BroadcastResponder r = BroadcastResponder.start(NS, "127.0.0.1", 0)) {
            assertEquals(NS.toString(), ask(r.port(), "GET_NSURI".getBytes(StandardCharsets.US_ASCII)));
            assertNull(ask(r.port(), "GET_NSURI\n".getBytes(StandardCharsets.US_ASCII)));
            assertNull(ask(r.port(), "hello".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(NS.toString(), ask(r.port(), "GET_NSURI".getBytes(StandardCharsets.US_ASCII)), "still alive");
        }
    }

    @Test
    void anyAddressIsReplacedByTheRoutingInterface() throws Exception {
        PyroURI any = PyroURI.parse("PYRO:Pyro.NameServer@0.0.0.0:9999");
        try (BroadcastResponder r = BroadcastResponder.start(any, "127.0.0.1", 0)) {
            assertEquals("PYRO:Pyro.NameServer@127.0.0.1:9999",
                    ask(r.port(), "GET_NSURI".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void broadcastLookupOnLoopback() throws Exception {
        try (BroadcastResponder r = BroadcastResponder.start(NS, "127.0.0.1", 0)) {
            assertEquals(NS, NameServerLocator.broadcastLookup(List.of("127.0.0.1"), r.port(), 500, 3));
        }
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertNull(NameServerLocator.broadcastLookup(List.of("127.0.0.1"), silent.getLocalPort(), 100, 2));
        }
    }

    @Test
    void locateDirectAndViaLoopbackBroadcast() throws Exception {
        try (NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false)
                .config(PyroConfig.defaults(ProtocolVersion.PYRO5)).start();
             BroadcastResponder r = BroadcastResponder.start(ns.internalUri(), "127.0.0.1", 0)) {
            int port = ns.uri().port();
            PyroConfig cfg = PyroConfig.defaults(ProtocolVersion.PYRO5);
            try (Proxy p = new NameServerLocator(cfg).locate("127.0.0.1", port, false)) {
                assertEquals(1, ((Number) p.call("count")).intValue());
            }
            // NS_HOST loopback: the first attempt is a direct connection to NS_HOST:port
            PyroConfig local = cfg.with(ConfigItem.NS_HOST, "127.0.0.1");
            try (Proxy p = new NameServerLocator(local).locate(null, port, false)) {
                assertEquals(ns.uri(), p.uri());
            }
            // not on loopback: broadcast (here to 127.0.0.1 only) finds it
            PyroConfig viaBroadcast = cfg.with(ConfigItem.NS_HOST, "192.0.2.1")
                    .with(ConfigItem.BROADCAST_ADDRS, List.of("127.0.0.1"))
                    .with(ConfigItem.NS_BCPORT, r.port());
            try (Proxy p = new NameServerLocator(viaBroadcast).locate(null, 0, true)) {
                assertEquals(ns.internalUri(), p.uri());
                assertEquals(1, ((Number) p.call("count")).intValue());
            }
        }
    }

    @Test
    void failureIsNamingError() throws Exception {
        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        PyroConfig cfg = PyroConfig.defaults(ProtocolVersion.PYRO5);
        NamingException e = assertThrows(NamingException.class,
                () -> new NameServerLocator(cfg).locate("127.0.0.1", free, false));
        assertEquals("Failed to locate the nameserver", e.getMessage());
    }
}
