package org.jpyro.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.protocol.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every end-to-end daemon test again, with the daemons on the multiplex server; the two that are about the
 * thread server itself are replaced by their multiplex counterparts.
 */
@Timeout(30)
class MultiplexDaemonEndToEndTest extends DaemonEndToEndTest {

    @Override
    PyroConfig config() {
        return PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.SERVERTYPE, Daemon.SERVERTYPE_MULTIPLEX);
    }

    /** Thread server only (it names the ThreadPoolServer); see {@link #infoNamesTheMultiplexServer()}. */
    @Override
    void theDaemonObject() {
    }

    /** Thread server only; see {@link #noWorkerLimitOnTheMultiplexServer()}. */
    @Override
    void exhaustedPoolRefusesWithConnectFail() {
    }

    @Test
    void infoNamesTheMultiplexServer() throws Exception {
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(CONFIG).build().start();
             RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
            assertEquals(MessageType.CONNECTOK, c.connect("Pyro.Daemon", "hello", 0).type());
            String info = (String) c.value(c.call("Pyro.Daemon", "info"));
            assertTrue(info.contains("Servertype: <MultiplexServer on " + d.locationStr() + "; 1 connections>"), info);
            assertEquals(Daemon.SERVERTYPE_MULTIPLEX, d.serverType());
        }
    }

    @Test
    void noWorkerLimitOnTheMultiplexServer() throws Exception {
        PyroConfig tiny = CONFIG.with(ConfigItem.THREADPOOL_SIZE, 1).with(ConfigItem.THREADPOOL_SIZE_MIN, 1);
        try (Daemon d = Daemon.builder().host("127.0.0.1").config(tiny).build().start()) {
            d.register(new Child(), "test.child");
            try (RawClient a = new RawClient(d.uri(), ProtocolVersion.PYRO5);
                 RawClient b = new RawClient(d.uri(), ProtocolVersion.PYRO4);
                 RawClient c = new RawClient(d.uri(), ProtocolVersion.PYRO5)) {
                for (RawClient client : new RawClient[] {a, b, c}) {
                    assertEquals(MessageType.CONNECTOK, client.connect("test.child", "hello", 0).type());
                }
                for (RawClient client : new RawClient[] {c, b, a}) {
                    assertEquals("hello from child", client.value(client.call("test.child", "hello")));
                }
            }
        }
    }
}
