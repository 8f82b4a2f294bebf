package org.jpyro.itests.objects;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.PythonChecks;
import org.jpyro.itests.PythonPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Python Pyro4 as the client of a jpyro daemon's object features (checks in {@code python/objects_client.py}):
 * registered objects a method returns arrive as Pyro4 proxies Python can call (autoproxy, also inside lists);
 * SESSION, PERCALL and SINGLE classes; TypeErrors with exactly Python's own wording; an item stream resumed
 * after the proxy reconnected (linger).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonClientObjectsTest {
    private static Daemon daemon;

    @BeforeAll
    static void startDaemon() {
        daemon = Daemon.builder().host("127.0.0.1").config(PyroConfig.defaults(ProtocolVersion.PYRO5)).build();
        daemon.register(new Shop(daemon), "shop");
        daemon.register(Numbered.PerSession.class, "session");
        daemon.register(Numbered.PerCall.class, "percall");
        daemon.register(Numbered.Single.class, "single");
        daemon.start();
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> pyro4Client() throws Exception {
        PythonPeer.requirePyro4();
        int closedBefore = Numbered.PerSession.CLOSED.get();
        Stream<DynamicTest> tests = PythonChecks.run("objects client", Duration.ofSeconds(90), Map.of(),
                "objects_client.py", daemon.uriFor("shop").toString(), daemon.uriFor("session").toString(),
                daemon.uriFor("percall").toString(), daemon.uriFor("single").toString())
                .tests(List.of("autoproxy.result_is_proxy", "autoproxy.in_containers", "instancemode.session",
                        "instancemode.percall", "instancemode.single", "typeerror.too_many", "typeerror.missing",
                        "typeerror.keyword", "stream.resume_after_reconnect"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Numbered.PerSession.CLOSED.get() < closedBefore + 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int closed = Numbered.PerSession.CLOSED.get() - closedBefore;
        return Stream.concat(tests, Stream.of(DynamicTest.dynamicTest("session instances closed with their connections",
                () -> assertTrue(closed >= 3, "closed " + closed + " of the 3 session instances"))));
    }
}
