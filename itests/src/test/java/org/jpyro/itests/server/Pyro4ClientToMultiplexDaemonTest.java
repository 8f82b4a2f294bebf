package org.jpyro.itests.server;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.InteropService;
import org.jpyro.itests.PythonChecks;
import org.jpyro.itests.PythonPeer;
import org.jpyro.tools.EchoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Python Pyro4 4.82 as the client of a jpyro daemon on the multiplex server ({@code SERVERTYPE=multiplex}): the
 * same checks as against the thread server ({@code python/pyro4_client.py}): values, exceptions, oneway, batch,
 * item streams, attributes, the {@code Pyro.Daemon} object, PING, refused handshakes; so the selector loop, its
 * non-blocking frame reads and queued writes are proven against a real peer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Pyro4ClientToMultiplexDaemonTest {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

    private static Daemon daemon;
    private static PyroURI service;
    private static PyroURI echo;

    @BeforeAll
    static void startDaemon() {
        PyroConfig multiplex = PyroConfig.fromEnvironment().with(ConfigItem.SERVERTYPE, Daemon.SERVERTYPE_MULTIPLEX);
        daemon = Daemon.builder().host("127.0.0.1").config(multiplex).build();
        service = daemon.register(new InteropService(), InteropService.OBJECT_ID);
        echo = daemon.register(new EchoServer(new PrintStream(OutputStream.nullOutputStream()), 1000), EchoServer.OBJECT_ID);
        daemon.start();
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> pyro4ClientOnTheMultiplexServer() throws Exception {
        PythonPeer.requirePyro4();
        return PythonChecks.run("pyro4 client, multiplex daemon", SCRIPT_TIMEOUT, Map.of("PYRO_SERIALIZER", "serpent"),
                        "pyro4_client.py", "daemon", service.toString(), echo.toString(), daemon.locationStr())
                .tests(List.of("bind", "metadata.on_connect", "ping.message", "ping.daemon_object",
                        "values.int_small", "values.int_big", "values.float_nan", "values.str_non_ascii", "values.bytes",
                        "values.list", "values.tuple", "values.dict_int_keys", "values.set_int", "values.nested",
                        "values.none", "echoserver.values.", "exception.value_error", "exception.echoserver_error",
                        "exception.still_connected", "oneway.returns_immediately", "oneway.echoserver",
                        "batch.exception_in_middle", "batch.no_exception", "stream.count", "stream.closed_early",
                        "stream.echoserver_generator", "attributes.get_set", "daemon.ping", "daemon.info",
                        "daemon.registered", "daemon.get_metadata", "handshake.unknown_object"));
    }

    @TestFactory
    Stream<DynamicTest> pyro4ClientWithMarshalOnTheMultiplexServer() throws Exception {
        PythonPeer.requirePyro4();
        return PythonChecks.run("pyro4 client, marshal, multiplex daemon", SCRIPT_TIMEOUT,
                        Map.of("PYRO_SERIALIZER", "marshal"), "pyro4_client.py", "serializer", service.toString(), "1")
                .tests(List.of("marshal.values.int_small", "marshal.values.str_non_ascii", "marshal.values.dict",
                        "marshal.exception", "marshal.daemon_still_serving"));
    }
}
