package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.protocol.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The daemon's ITER_STREAM_LINGER and ITER_STREAM_LIFETIME on the wire: a stream outlives its connection for the
 * linger and is resumed by {@code get_next_stream_item(sameId)} on a new connection; it ends after its lifetime.
 */
@Timeout(30)
class StreamLingerTest {
    private static final PyroConfig CONFIG = PyroConfig.defaults(ProtocolVersion.PYRO5);

    private static RawClient connected(Daemon d, ProtocolVersion version) throws Exception {
        RawClient c = new RawClient(d.uri(), version);
        assertEquals(MessageType.CONNECTOK, c.connect("test.tools", "hello",
                version == ProtocolVersion.PYRO4 ? org.jpyro.protocol.Flags.META_ON_CONNECT : 0).type());
        return c;
    }

    private static String stream(RawClient c) throws Exception {
        return new String(c.call("test.tools", "letters").annotations().get("STRM"), StandardCharsets.US_ASCII);
    }

    private static void awaitClosed(DaemonEndToEndTest.Tools tools) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!tools.streamClosed.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(tools.streamClosed.get(), "the Java stream was closed");
    }

    @Test
    void aReconnectedClientResumesALingeringStream() throws Exception {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            try (Daemon d = Daemon.builder().host("127.0.0.1").config(CONFIG).build().start()) {
                DaemonEndToEndTest.Tools tools = new DaemonEndToEndTest.Tools();
                d.register(tools, "test.tools");
                String id;
                try (RawClient c = connected(d, version)) {
                    id = stream(c);
                    assertEquals("a", c.value(c.call("Pyro.Daemon", "get_next_stream_item", id)));
                }
                try (RawClient c = connected(d, version)) {
                    assertEquals("b", c.value(c.call("Pyro.Daemon", "get_next_stream_item", id)), version.toString());
                    assertEquals("c", c.value(c.call("Pyro.Daemon", "get_next_stream_item", id)));
                    assertFalse(tools.streamClosed.get());
                    Object end = c.value(c.call("Pyro.Daemon", "get_next_stream_item", id));
                    assertEquals("builtins.StopIteration",
                            assertInstanceOf(org.jpyro.api.PyroRemoteException.class, end).pythonType());
                    assertTrue(tools.streamClosed.get());
                }
            }
        }
    }

    @Test
    void aStreamEndsWhenItsLingerIsOver() throws Exception {
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(CONFIG.with(ConfigItem.ITER_STREAM_LINGER, 0.2))
                .build().start()) {
            DaemonEndToEndTest.Tools tools = new DaemonEndToEndTest.Tools();
            d.register(tools, "test.tools");
            String id;
            try (RawClient c = connected(d, ProtocolVersion.PYRO5)) {
                id = stream(c);
            }
            awaitClosed(tools);
            try (RawClient c = connected(d, ProtocolVersion.PYRO5)) {
                Object gone = c.value(c.call("Pyro.Daemon", "get_next_stream_item", id));
                assertEquals("item stream terminated", assertInstanceOf(PyroException.class, gone).getMessage());
            }
        }
    }

    @Test
    void aStreamEndsWhenItsLifetimeIsOverAndCloseStreamEndsItAtOnce() throws Exception {
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(CONFIG.with(ConfigItem.ITER_STREAM_LIFETIME, 0.2))
                .build().start()) {
            DaemonEndToEndTest.Tools tools = new DaemonEndToEndTest.Tools();
            d.register(tools, "test.tools");
            try (RawClient c = connected(d, ProtocolVersion.PYRO5)) {
                String id = stream(c);
                awaitClosed(tools);
                Object gone = c.value(c.call("Pyro.Daemon", "get_next_stream_item", id));
                assertEquals("item stream terminated", assertInstanceOf(PyroException.class, gone).getMessage());
                tools.streamClosed.set(false);
                String other = stream(c);
                c.call("Pyro.Daemon", "close_stream", other);
                assertTrue(tools.streamClosed.get(), "close_stream closes the Java stream");
            }
        }
    }
}
