package org.jpyro.itests.naming;

import java.nio.file.Path;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.naming.NameServerHandle;
import org.jpyro.naming.NameServers;

/**
 * A name server on the embedded store in its own JVM, for {@link EmbeddedStoreKillTest}: {@code main(file)} serves
 * on 127.0.0.1 and a free port, prints {@code URI = ...} once it accepts calls, and runs until killed.
 */
public final class EmbeddedNameServerMain {
    private EmbeddedNameServerMain() {
    }

    public static void main(String[] args) {
        NameServerHandle ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false)
                .config(PyroConfig.defaults(ProtocolVersion.PYRO5))
                .storage(NameServers.embeddedStorage(Path.of(args[0]))).start();
        System.out.println("entries = " + ns.nameServer().count());
        System.out.println("URI = " + ns.uri());
        System.out.flush();
        ns.requestLoop();
    }
}
