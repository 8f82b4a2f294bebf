package org.jpyro.daemon;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;

/** The golden Pyro4/Pyro5 sessions replayed against a daemon on the multiplex server: the same bytes come back. */
class MultiplexVectorReplayTest extends VectorReplayTest {

    @Override
    PyroConfig config() {
        return PyroConfig.defaults(ProtocolVersion.PYRO5).with(ConfigItem.SERVERTYPE, Daemon.SERVERTYPE_MULTIPLEX);
    }
}
