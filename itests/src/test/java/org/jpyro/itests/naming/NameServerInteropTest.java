package org.jpyro.itests.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.naming.NameServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The name server against the real Python peer: Pyro4's own {@code nsc} and a Pyro4 client script against
 * {@code java -jar jpyro.jar ns}, and a jpyro client against Pyro4's name server ({@code python3 -m Pyro4.naming}).
 */
@Timeout(120)
class NameServerInteropTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Map<String, String> PY_ENV = Map.of("PYRO_SERIALIZER", "serpent");

    private static NamingProcess jpyroNs() throws Exception {
        NamingProcess ns = NamingProcess.start(List.of(NamingProcess.java(), "-jar", NamingProcess.jpyroJar(), "ns",
                "-n", "127.0.0.1", "-p", "0"), Map.of(), null);
        return ns;
    }

    private static String nsc(int port, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NamingProcess.PYTHON, "-m", "Pyro4.nsc", "-n", "127.0.0.1", "-p",
                String.valueOf(port)));
        cmd.addAll(List.of(command));
        return NamingProcess.run(cmd, PY_ENV, "y\n", Duration.ofSeconds(30));
    }

    private static int port(String location) {
        return Integer.parseInt(location.substring(location.lastIndexOf(':') + 1, location.indexOf(' ')));
    }

    @Test
    void pyro4NscAgainstJpyroNs() throws Exception {
        NamingProcess.assumePyro4();
        try (NamingProcess ns = jpyroNs()) {
            int port = port(ns.awaitLine("NS running on ", START));
            String uri = ns.awaitLine("URI = ", START);
            assertEquals("PYRO:Pyro.NameServer@127.0.0.1:" + port, uri);
            assertEquals("Name server ping ok.\n", nsc(port, "ping"));
            assertEquals("Registered it.a\n", nsc(port, "register", "it.a", "PYRO:a@127.0.0.1:5555"));
            assertEquals("Error: NamingError - name already registered: it.a\n",
                    nsc(port, "register", "it.a", "PYRO:a@127.0.0.1:5555"));
            assertEquals("Metadata updated\n", nsc(port, "setmeta", "it.a", "blue"));
            assertEquals("PYRO:a@127.0.0.1:5555\nmetadata: ['blue']\n", nsc(port, "lookup", "it.a"));
            assertEquals("--------START LIST \nPyro.NameServer --> " + uri
                    + "\n    metadata: ['class:Pyro4.naming.NameServer']\nit.a --> PYRO:a@127.0.0.1:5555\n"
                    + "    metadata: ['blue']\n--------END LIST \n", nsc(port, "list"));
            assertEquals("--------START LIST - regex 'it\\..*'\nit.a --> PYRO:a@127.0.0.1:5555\n"
                    + "    metadata: ['blue']\n--------END LIST - regex 'it\\..*'\n", nsc(port, "listmatching", "it\\..*"));
            assertEquals("--------START LIST  - searched by metadata\nit.a --> PYRO:a@127.0.0.1:5555\n"
                    + "    metadata: ['blue']\n--------END LIST  - searched by metadata\n",
                    nsc(port, "listmeta_all", "blue"));
            assertEquals("--------START LIST  - searched by metadata\n--------END LIST  - searched by metadata\n",
                    nsc(port, "listmeta_any", "red"));
            assertEquals("Error: NamingError - unknown name: it.nope\n", nsc(port, "lookup", "it.nope"));
            assertEquals("Removed it.a\n", nsc(port, "remove", "it.a"));
            assertEquals("Nothing removed\n", nsc(port, "remove", "it.a"));
            nsc(port, "register", "it.b", "PYRO:b@127.0.0.1:5555");
            assertTrue(nsc(port, "removematching", "it.*").endsWith("1 items removed.\n"));
            assertEquals("Nothing removed\n", nsc(port, "remove", "Pyro.NameServer"));
        }
    }

    @Test
    void pyro4ClientAgainstJpyroNs() throws Exception {
        NamingProcess.assumePyro4();
        try (NamingProcess ns = jpyroNs()) {
            int port = port(ns.awaitLine("NS running on ", START));
            String script = String.join("\n",
                    "import Pyro4, Pyro4.errors",
                    "ns = Pyro4.locateNS('127.0.0.1', " + port + ")",
                    "ns.register('py.obj', Pyro4.URI('PYRO:obj@127.0.0.1:4444'), metadata={'m1', 'm2'})",
                    "ns.register('py.other', 'PYRO:other@127.0.0.1:4444', safe=True)",
                    "u = ns.lookup('py.obj')",
                    "print('lookup', type(u).__name__, u)",
                    "u, meta = ns.lookup('py.obj', return_metadata=True)",
                    "print('meta', type(meta).__name__, sorted(meta))",
                    "print('list', sorted(ns.list(prefix='py.').items()))",
                    "print('listmeta', sorted(ns.list(metadata_any=['m2']).keys()))",
                    "print('self', ns.list(metadata_all={'class:Pyro4.naming.NameServer'}) == {'Pyro.NameServer': str(ns._pyroUri)})",
                    "try:",
                    "    ns.register('py.other', 'PYRO:x@h:1', safe=True)",
                    "except Pyro4.errors.NamingError as e:",
                    "    print('error', e)",
                    "try:",
                    "    ns.list(prefix='a', regex='b')",
                    "except ValueError as e:",
                    "    print('valueerror', e)",
                    "print('removed', ns.remove(prefix='py.'), ns.count())",
                    "");
            String out = NamingProcess.run(List.of(NamingProcess.PYTHON, "-c", script), PY_ENV, null,
                    Duration.ofSeconds(30));
            assertEquals(String.join("\n",
                    "lookup URI PYRO:obj@127.0.0.1:4444",
                    "meta list ['m1', 'm2']",
                    "list [('py.obj', 'PYRO:obj@127.0.0.1:4444'), ('py.other', 'PYRO:other@127.0.0.1:4444')]",
                    "listmeta ['py.obj']",
                    "self True",
                    "error name already registered: py.other",
                    "valueerror you can only filter on one thing at a time",
                    "removed 2 1",
                    ""), out);
        }
    }

    @Test
    void jpyroClientAgainstPyro4Ns() throws Exception {
        NamingProcess.assumePyro4();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        try (NamingProcess ns = NamingProcess.start(List.of(NamingProcess.PYTHON, "-m", "Pyro4.naming", "-n",
                "127.0.0.1", "-p", String.valueOf(port)), PY_ENV, null)) {
            ns.awaitLine("NS running on ", START);
            PyroConfig config = PyroConfig.defaults(ProtocolVersion.PYRO4);
            try (Proxy p = new NameServerLocator(config).locate("127.0.0.1", port, false)) {
                assertEquals(PyroURI.parse("PYRO:Pyro.NameServer@127.0.0.1:" + port), p.uri());
                assertEquals(1, ((Number) p.call("count")).intValue());
                p.callKw("register", List.of("j.obj", PyroURI.parse("PYRO:obj@127.0.0.1:7777")),
                        Map.of("metadata", Set.of("x")));
                assertEquals(PyroURI.parse("PYRO:obj@127.0.0.1:7777"), p.call("lookup", "j.obj"));
                List<?> withMeta = (List<?>) p.call("lookup", "j.obj", true);
                assertEquals(List.of("x"), withMeta.get(1));
                assertEquals(Map.of("j.obj", "PYRO:obj@127.0.0.1:7777"), p.call("list", "j."));
                assertEquals(Set.of("Pyro.NameServer"), ((Map<?, ?>) p.callKw("list", List.of(),
                        Map.of("metadata_any", List.of("class:Pyro4.naming.NameServer")))).keySet());
                PyroException unknown = assertThrows(PyroException.class, () -> p.call("lookup", "j.none"));
                assertEquals("NamingError", unknown.pythonName());
                assertEquals("unknown name: j.none", unknown.getMessage());
                assertEquals(1, ((Number) p.call("remove", "j.obj")).intValue());
            }
            try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int closedPort = gone.getLocalPort();
                gone.close();
                assertThrows(NamingException.class, () -> new NameServerLocator(PyroConfig.defaults(
                        ProtocolVersion.PYRO4)).locate("127.0.0.1", closedPort, false));
            }
        }
    }
}
