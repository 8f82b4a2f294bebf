package org.jpyro.itests;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.daemon.Daemon;
import org.jpyro.tools.EchoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Python Pyro4 4.82 (Debian's {@code /usr/bin/python3}) as the client of an in-JVM jpyro {@link Daemon} that
 * hosts {@link InteropService} and jpyro's {@link EchoServer}: every serpent value type round-trips with the same
 * Python type, Java exceptions arrive as {@code ValueError} with a remote traceback, oneway, batch, item streams,
 * attributes, the {@code Pyro.Daemon} object and PING. The checks run in {@code python/pyro4_client.py}.
 * Subclasses run the same checks on a daemon configured by {@link #config()} (e.g. another server type).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class Pyro4ClientToJpyroDaemonTest {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

    private Daemon daemon;
    private PyroURI service;
    private PyroURI echo;

    /** The configuration of the daemon under test (default: the environment's, i.e. the thread server). */
    protected PyroConfig config() {
        return PyroConfig.fromEnvironment();
    }

    @BeforeAll
    void startDaemon() {
        daemon = Daemon.builder().host("127.0.0.1").config(config()).build();
        service = daemon.register(new InteropService(), InteropService.OBJECT_ID);
        echo = daemon.register(new EchoServer(new PrintStream(OutputStream.nullOutputStream()), 1000), EchoServer.OBJECT_ID);
        daemon.start();
    }

    @AfterAll
    void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @TestFactory
    protected Stream<DynamicTest> pyro4ClientWithSerpent() throws Exception {
        PythonPeer.requirePyro4();
        return PythonChecks.run("pyro4 client, " + daemon.serverType() + " server", SCRIPT_TIMEOUT, Map.of("PYRO_SERIALIZER", "serpent"), "pyro4_client.py",
                        "daemon", service.toString(), echo.toString(), daemon.locationStr())
                .tests(List.of("bind", "metadata.on_connect", "ping.message", "ping.daemon_object",
                        "values.int_small", "values.int_unsigned_64bit_max", "values.int_big", "values.int_negative",
                        "values.float_nan", "values.float_inf", "values.float_negative_inf", "values.str_non_ascii",
                        "values.str_control_chars", "values.bytes", "values.list", "values.tuple", "values.dict_int_keys",
                        "values.set_int", "values.nested", "values.none", "values.bool_true", "echoserver.values.",
                        "exception.value_error", "exception.echoserver_error", "exception.still_connected",
                        "oneway.returns_immediately", "oneway.echoserver", "batch.exception_in_middle", "batch.no_exception",
                        "stream.count", "stream.closed_early", "stream.echoserver_generator", "attributes.get_set",
                        "daemon.ping", "daemon.info", "daemon.registered", "daemon.get_metadata",
                        "daemon.get_metadata_unknown", "handshake.unknown_object"));
    }

    @TestFactory
    protected Stream<DynamicTest> pyro4ClientWithJson() throws Exception {
        return withSerializer("json");
    }

    @TestFactory
    protected Stream<DynamicTest> pyro4ClientWithMarshal() throws Exception {
        return withSerializer("marshal");
    }

    /**
     * {@code PYRO_SERIALIZER=name}: when jpyro has that serializer the values must round-trip; until then the
     * daemon must refuse the connection with CONNECTFAIL (a CommunicationError in Python) and keep serving.
     */
    private Stream<DynamicTest> withSerializer(String name) throws Exception {
        PythonPeer.requirePyro4();
        boolean available = SerializerRegistry.defaultRegistry().byName(name) != null;
        List<String> required = available
                ? List.of(name + ".values.int_small", name + ".values.str_non_ascii", name + ".values.dict", name + ".exception",
                        name + ".daemon_still_serving")
                : List.of(name + ".refused", name + ".daemon_still_serving");
        return PythonChecks.run("pyro4 client, " + name + (available ? "" : " (not in jpyro: refused)"), SCRIPT_TIMEOUT,
                        Map.of("PYRO_SERIALIZER", name), "pyro4_client.py", "serializer", service.toString(), available ? "1" : "0")
                .tests(required);
    }
}
