package org.jpyro.itests.serializers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.PeerProcess;
import org.jpyro.itests.PythonChecks;
import org.jpyro.itests.PythonPeer;
import org.junit.jupiter.api.DynamicTest;

/**
 * The two directions every serializer interop test runs, with {@code python/serializers/<serializer>_interop.py}
 * as the Python Pyro4 side: its client against a jpyro daemon, and a jpyro proxy against its daemon.
 */
final class InteropPeers {
    /** How long a Python peer may take to start or to run all its checks. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(90);

    private InteropPeers() {
    }

    /**
     * Serves {@code service} as {@code objectId} from a jpyro daemon (protocol 4, accepting serpent and the
     * serializer), runs the script's client against it ({@code client <uri> extraArgs...}) and turns its checks
     * into tests: the client ran to the end, ran the {@code required} checks and at least {@code atLeast} in all.
     */
    static Stream<DynamicTest> pythonClientChecks(String serializer, Object service, String objectId,
            List<String> required, int atLeast, String... extraArgs) throws Exception {
        PythonPeer.requirePyro4();
        PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO4)
                .withText(ConfigItem.SERIALIZERS_ACCEPTED, "serpent," + serializer);
        try (Daemon daemon = Daemon.builder().host("127.0.0.1").port(0).config(config).build()) {
            PyroURI uri = daemon.register(service, objectId);
            daemon.start();
            List<String> args = new ArrayList<>(List.of("client", uri.toString()));
            args.addAll(List.of(extraArgs));
            return PythonChecks.run(serializer + " client", PEER_TIMEOUT, Map.of(), script(serializer),
                    args.toArray(new String[0])).tests(required, atLeast);
        }
    }

    /** The script's Pyro4 daemon (accepting every serializer), once it printed its uri. */
    static PeerProcess pythonDaemon(String serializer) throws Exception {
        PythonPeer.requirePyro4();
        PeerProcess daemon = PythonPeer.script(script(serializer),
                Map.of("PYRO_SERIALIZERS_ACCEPTED", "serpent,json,marshal,msgpack,pickle"), "daemon");
        try {
            daemon.awaitLine("uri:", PEER_TIMEOUT);
            return daemon;
        } catch (RuntimeException | Error e) {
            daemon.close();
            throw e;
        }
    }

    /** The uri {@link #pythonDaemon} printed. */
    static PyroURI uriOf(PeerProcess daemon) {
        for (String line : daemon.stdoutLines()) {
            if (line.startsWith("uri:")) {
                return PyroURI.parse(line.substring(4).trim());
            }
        }
        throw new AssertionError("no uri line\n" + daemon.report());
    }

    /** A jpyro proxy to the Python daemon with this serializer over protocol 4 (Pyro4). */
    static Proxy proxyTo(PeerProcess daemon, String serializer) {
        return new Proxy(uriOf(daemon)).serializer(serializer).protocol(ProtocolVersion.PYRO4);
    }

    private static String script(String serializer) {
        return "serializers/" + serializer + "_interop.py";
    }
}
