package org.jpyro.itests.server;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.Pyro4ClientToJpyroDaemonTest;

/**
 * Python Pyro4 4.82 as the client of a jpyro daemon on the multiplex server ({@code SERVERTYPE=multiplex}): every
 * check run against the thread server ({@code python/pyro4_client.py}: values, exceptions, oneway, batch, item
 * streams, attributes, the {@code Pyro.Daemon} object, PING, refused handshakes; serpent, json and marshal), so the
 * selector loop, its non-blocking frame reads and queued writes are proven against a real peer.
 */
class Pyro4ClientToMultiplexDaemonTest extends Pyro4ClientToJpyroDaemonTest {

    @Override
    protected PyroConfig config() {
        return super.config().with(ConfigItem.SERVERTYPE, Daemon.SERVERTYPE_MULTIPLEX);
    }
}
