package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jpyro.api.DaemonException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.ConfigItem;
import org.jpyro.protocol.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DaemonApiTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);

    private static Daemon daemon() {
        return Daemon.builder().host("127.0.0.1").config(CONFIG).build();
    }

    @Test
    void registrationIdsAndUris() {
        try (Daemon d = daemon()) {
            int port = Integer.parseInt(d.locationStr().substring(d.locationStr().lastIndexOf(':') + 1));
            assertTrue(port > 0);
            assertEquals("127.0.0.1:" + port, d.locationStr());
            assertEquals(PyroURI.parse("PYRO:Pyro.Daemon@127.0.0.1:" + port), d.uri());
            Child a = new Child();
            PyroURI ua = d.register(a);
            assertTrue(ua.object().matches("obj_[0-9a-f]{32}"), ua.toString());
            assertEquals("127.0.0.1", ua.host());
            assertEquals(port, ua.port());
            assertEquals(ua, d.uriFor(a));
            assertEquals(ua, d.uriFor(ua.object()));
            Child b = new Child();
            assertEquals(PyroURI.parse("PYRO:named@127.0.0.1:" + port), d.register(b, "named"));
            assertEquals(List.of("Pyro.Daemon", ua.object(), "named"), List.copyOf(d.registered()));
            assertThrows(DaemonException.class, () -> d.register(new Child(), "named"), "id taken");
            assertThrows(DaemonException.class, () -> d.register(a, "other"), "object already registered");
            assertThrows(DaemonException.class, () -> d.register(new Child(), "with space"));
            assertThrows(DaemonException.class, () -> d.uriFor(new Child()));
            assertThrows(DaemonException.class, () -> d.unregister(new Child()));
            d.unregister(a);
            d.unregister("named");
            d.unregister("never.registered");
            d.unregister("Pyro.Daemon");
            assertEquals(Set.of("Pyro.Daemon"), d.registered());
            d.register(a, "again");
            assertEquals("again", d.uriFor(a).object());
        }
    }

    @Test
    void natLocationGoesIntoUrisAndInfo() throws Exception {
        try (Daemon d = Daemon.builder().host("127.0.0.1").natHost("pyro.example.org").natPort(0).config(CONFIG)
                .build().start()) {
            int port = Integer.parseInt(d.locationStr().substring(d.locationStr().lastIndexOf(':') + 1));
            assertEquals("pyro.example.org:" + port, d.natLocationStr());
            assertEquals("PYRO:Pyro.Daemon@pyro.example.org:" + port, d.uri().toString());
            try (RawClient c = new RawClient(PyroURI.of("Pyro.Daemon", "127.0.0.1", port), ProtocolVersion.PYRO5)) {
                c.connect("Pyro.Daemon", "hello", 0);
                String info = (String) c.value(c.call("Pyro.Daemon", "info"));
                assertTrue(info.startsWith("Pyro.Daemon bound on 127.0.0.1:" + port + ", NAT pyro.example.org:" + port
                        + ", 1 objects registered."), info);
            }
        }
        try (Daemon d = Daemon.builder().host("127.0.0.1").natHost("10.0.0.1").natPort(9999).config(CONFIG).build()) {
            assertEquals("PYRO:x@10.0.0.1:9999", d.uriFor("x").toString());
        }
        assertThrows(DaemonException.class,
                () -> Daemon.builder().unixSocket("/tmp/nope.sock").natHost("h").config(CONFIG).build());
    }

    @Test
    void constructorsBindAtOnce() throws Exception {
        try (Daemon d = new Daemon("127.0.0.1", 0)) {
            assertTrue(d.locationStr().startsWith("127.0.0.1:"));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", d.uri().port()), 2000);
                assertTrue(s.isConnected(), "bound (connections wait in the backlog until start)");
            }
        }
        try (Daemon d = new Daemon()) {
            assertEquals(PyroConfig.fromEnvironment().getString(ConfigItem.HOST), d.uri().host());
        }
    }

    @Test
    void requestLoopUntilShutdownFromAnotherThread() throws Exception {
        Daemon d = daemon();
        d.register(new Child(), "test.child");
        CountDownLatch returned = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            d.requestLoop();
            returned.countDown();
        });
        loop.start();
        try (RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
            assertEquals(MessageType.CONNECTOK, c.connect("test.child", "hello", 0).type(), "requestLoop serves");
            assertFalse(returned.await(100, TimeUnit.MILLISECONDS));
            d.shutdown();
            assertTrue(returned.await(5, TimeUnit.SECONDS));
            assertTrue(c.closedByPeer(), "shutdown closes open connections");
        }
        assertTrue(d.isClosed());
        d.close();
        assertThrows(DaemonException.class, d::start);
        loop.join(5000);
    }

    @Test
    void requestLoopReturnsWhenTheConditionTurnsFalse() {
        PyroConfig fastPoll = CONFIG.with(ConfigItem.POLLTIMEOUT, 0.05);
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(fastPoll).build()) {
            AtomicInteger checks = new AtomicInteger();
            long start = System.nanoTime();
            d.requestLoop(() -> checks.incrementAndGet() < 4);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(4, checks.get());
            assertTrue(ms < 3000, ms + " ms");
            assertFalse(d.isClosed(), "the daemon keeps serving until closed");
            assertTrue(d.start() == d, "start is idempotent");
        }
    }
}
