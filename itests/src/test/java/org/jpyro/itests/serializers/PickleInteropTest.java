package org.jpyro.itests.serializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.Expose;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.SerializerRegistry;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.itests.PeerProcess;
import org.jpyro.serializer.pickle.PickleSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The pickle serializer against Python Pyro4 4.82 (Debian's {@code /usr/bin/python3}) in both directions: a Python
 * client with {@code SERIALIZER='pickle'} calling an in-JVM jpyro {@link Daemon} configured to accept pickle (and
 * refused by one with the default SERIALIZERS_ACCEPTED; checks in {@code python/serializers/pickle_interop.py}),
 * and a jpyro {@link Proxy} with pickle over protocol 4 calling a Python Pyro4 daemon that accepts pickle. Values
 * keep their Python types both ways (bytes, sets, tuples, datetime, Decimal, UUID, complex, Pyro URIs, proxies
 * and exceptions are real objects). Skipped when Pyro4 is missing, unless the environment variable {@code CI} is
 * true.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PickleInteropTest {

    /** What the Python client calls: {@link EchoService} and the values only Java makes. */
    @Expose
    public static class PickleService extends EchoService {
        @Override
        public Map<String, Object> javaValues() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("bytes", new byte[] {0, 1, (byte) 0xff});
            v.put("datetime", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000));
            v.put("aware", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(-2)));
            v.put("duration", Duration.ofSeconds(90));
            v.put("decimal", new BigDecimal("1.10"));
            v.put("uuid", UUID.fromString("12345678-1234-5678-1234-567812345678"));
            v.put("set", Set.of("only"));
            v.put("tuple", Tuple.of(1, "x"));
            v.put("uri", PyroURI.parse("PYRO:java.object@127.0.0.1:4000"));
            v.put("proxy", new ProxyState(PyroURI.parse("PYRO:java.object@127.0.0.1:4000"), Set.of("bye"),
                    Set.of("hello", "bye"), Set.of(), "hello", null, 0.0, null, 0));
            v.put("error", new NamingException("no such name"));
            return v;
        }
    }

    /** The Python client against a jpyro daemon accepting pickle, and refused by one with the default config. */
    @TestFactory
    Stream<DynamicTest> pythonClientWithPickleToJpyroDaemon() throws Exception {
        assertInstanceOf(PickleSerializer.class, SerializerRegistry.defaultRegistry().byName("pickle"));
        try (Daemon refusing = Daemon.builder().host("127.0.0.1").port(0)
                .config(PyroConfig.defaults(ProtocolVersion.PYRO4)).build()) {
            PyroURI refused = refusing.register(new PickleService(), "pickle.service");
            refusing.start();
            return InteropPeers.pythonClientChecks("pickle", new PickleService(), "pickle.service", List.of("values.",
                    "java_type.", "objects.uri_and_proxy", "exception.value_error", "java_values",
                    "batch.exception_in_middle", "still_connected", "refused_by_default"), 58, refused.toString());
        }
    }

    @Test
    void jpyroProxyWithPickleToPythonPyro4Daemon() throws Exception {
        try (PeerProcess daemon = InteropPeers.pythonDaemon("pickle");
             Proxy proxy = InteropPeers.proxyTo(daemon, "pickle")) {
            // what Python received: its type and repr
            assertEquals("int 42", proxy.call("describe", 42));
            assertEquals("int -9223372036854775808", proxy.call("describe", Long.MIN_VALUE));
            assertEquals("int 1180591620717411303424", proxy.call("describe", BigInteger.TWO.pow(70)));
            assertEquals("float 5e-324", proxy.call("describe", Double.MIN_VALUE));
            assertEquals("float nan", proxy.call("describe", Double.NaN));
            assertEquals("NoneType None", proxy.call("describe", (Object) null));
            assertEquals("str 'h\u00e9llo \u20ac \ud83d\ude00'", proxy.call("describe", "h\u00e9llo \u20ac \ud83d\ude00"));
            assertEquals("bytes b'\\x00\\x01\\xff'", proxy.call("describe", (Object) new byte[] {0, 1, (byte) 0xff}));
            assertEquals("bytes b''", proxy.call("describe", (Object) new byte[0]));
            assertEquals("tuple (1, 'a', False)", proxy.call("describe", Tuple.of(1, "a", false)));
            assertEquals("list [1, 'a']", proxy.call("describe", new ArrayList<>(List.of(1, "a"))));
            assertEquals("set {'x'}", proxy.call("describe", new LinkedHashSet<>(List.of("x"))));
            Map<Object, Object> keys = new LinkedHashMap<>();
            keys.put(1, "a");
            keys.put(Tuple.of(2, "t"), List.of(2.5, Map.of()));
            assertEquals("dict {1: 'a', (2, 't'): [2.5, {}]}", proxy.call("describe", keys));
            assertEquals("datetime datetime.datetime(2024, 1, 2, 3, 4, 5, 6)",
                    proxy.call("describe", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000)));
            assertEquals("date datetime.date(2024, 1, 2)", proxy.call("describe", LocalDate.of(2024, 1, 2)));
            assertEquals("time datetime.time(3, 4)", proxy.call("describe", LocalTime.of(3, 4)));
            assertEquals("timedelta datetime.timedelta(seconds=90)", proxy.call("describe", Duration.ofSeconds(90)));
            assertEquals("Decimal Decimal('1.10')", proxy.call("describe", new BigDecimal("1.10")));
            assertEquals("UUID UUID('12345678-1234-5678-1234-567812345678')",
                    proxy.call("describe", UUID.fromString("12345678-1234-5678-1234-567812345678")));
            assertEquals("complex (1.5-2j)", proxy.call("describe", new ComplexNumber(1.5, -2)));
            String uriRepr = (String) proxy.call("describe", PyroURI.parse("PYRO:some.object@127.0.0.1:47999"));
            assertTrue(uriRepr.startsWith("URI <Pyro4.core.URI at ")
                    && uriRepr.endsWith("; PYRO:some.object@127.0.0.1:47999>"), uriRepr);
            assertEquals("Proxy PYRO:some.object@127.0.0.1:47999 methods=['bye', 'hello'] oneway=['bye']",
                    proxy.call("describe", new ProxyState(PyroURI.parse("PYRO:some.object@127.0.0.1:47999"),
                            Set.of("bye"), Set.of("hello", "bye"), Set.of(), "hello", null, 0.0, null, 0)));
            assertEquals("builtins.ValueError ('bad',) traceback=list",
                    proxy.call("describe", new IllegalArgumentException("bad")));
            assertEquals("Pyro4.errors.NamingError ('gone',) traceback=list",
                    proxy.call("describe", new NamingException("gone")));

            // and back again: what jpyro decodes Python's pickles (protocol 5) to
            assertEquals(Long.MAX_VALUE, proxy.call("echo", Long.MAX_VALUE));
            assertEquals(Tuple.of(1, "a"), proxy.call("echo", Tuple.of(1, "a")));
            assertInstanceOf(Tuple.class, proxy.call("echo", Tuple.of(1)));
            assertEquals(keys, proxy.call("echo", keys));
            PyroURI some = PyroURI.parse("PYRO:some.object@127.0.0.1:47999");
            assertEquals(some, proxy.call("echo", some));
            ProxyState state = assertInstanceOf(ProxyState.class, proxy.call("echo", ProxyState.of(some)));
            assertEquals(some, state.uri());

            Map<?, ?> v = (Map<?, ?>) proxy.call("values");
            assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) v.get("bytes"));
            assertArrayEquals(new byte[] {'a', 'b'}, (byte[]) v.get("bytearray"));
            assertEquals(Set.of(1), v.get("set"));
            assertEquals(Set.of(2), v.get("frozenset"));
            assertEquals(Tuple.of(1, "x"), v.get("tuple"));
            assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000), v.get("datetime"));
            assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)), v.get("aware"));
            assertEquals(LocalDate.of(2024, 1, 2), v.get("date"));
            assertEquals(LocalTime.of(3, 4), v.get("time"));
            assertEquals(Duration.ofDays(1).plusSeconds(2).plusNanos(3000), v.get("timedelta"));
            assertEquals(new BigDecimal("1.10"), v.get("decimal"));
            assertEquals(UUID.fromString("12345678-1234-5678-1234-567812345678"), v.get("uuid"));
            assertEquals(new ComplexNumber(1, 2), v.get("complex"));
            assertEquals(BigInteger.TWO.pow(80), v.get("big"));
            assertEquals(List.of(1.5), v.get("array"));
            assertEquals(PyroURI.parse("PYRO:x@127.0.0.1:1"), v.get("uri"));
            NamingException gone = assertInstanceOf(NamingException.class, v.get("error"));
            assertEquals("gone", gone.getMessage());

            PyroRemoteException e = assertThrows(PyroRemoteException.class, () -> proxy.call("fail", "bad value"));
            assertEquals("builtins.ValueError", e.pythonType());
            assertEquals(List.of("bad value", 42), e.args());
            assertTrue(String.join("", e.remoteTraceback()).contains("raise ValueError(msg, 42)"),
                    String.valueOf(e.remoteTraceback()));
            assertEquals("still connected", proxy.call("echo", "still connected"));
        }
    }

    /** The pickle library is embedded privately: the bundle neither imports nor exports any of it. */
    @Test
    void bundleKeepsThePickleLibraryPrivate() throws Exception {
        Path jar = Path.of(PickleSerializer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.util.jar.Manifest manifest;
        if (Files.isDirectory(jar)) {
            try (var in = Files.newInputStream(jar.resolve("META-INF/MANIFEST.MF"))) {
                manifest = new java.util.jar.Manifest(in);
            }
        } else {
            try (var file = new java.util.jar.JarFile(jar.toFile())) {
                manifest = file.getManifest();
            }
        }
        var attributes = manifest.getMainAttributes();
        assertEquals("org.jpyro.serializer.pickle", attributes.getValue("Bundle-SymbolicName"));
        String imports = String.valueOf(attributes.getValue("Import-Package"));
        String exports = String.valueOf(attributes.getValue("Export-Package"));
        assertTrue(!imports.contains("net.razorvine") && !exports.contains("net.razorvine"),
                "Import-Package: " + imports + "\nExport-Package: " + exports);
        assertTrue(String.valueOf(attributes.getValue("Private-Package")).contains("net.razorvine.pickle"),
                String.valueOf(attributes.getValue("Private-Package")));
        assertTrue(String.valueOf(attributes.getValue("Service-Component")).contains("PickleSerializer"));
    }
}
