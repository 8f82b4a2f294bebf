package org.jpyro.itests.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar jpyro.jar ns -s ...} with Pyro4's own {@code nsc}: the embedded store (and Pyro's {@code sql:}
 * spelling of it) keeps a registration across {@code kill -9}, the restarted name server says so as Pyro does
 * ("Persistent store contains 2 existing registrations."), and two {@code ns -s jdbc:...} processes on one
 * PostgreSQL share names.
 */
@Timeout(180)
class NameServerCliStorageTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static NamingProcess ns(String storage) throws Exception {
        return NamingProcess.start(List.of(NamingProcess.java(), "-jar", NamingProcess.jpyroJar(), "ns", "-n",
                "127.0.0.1", "-p", "0", "-s", storage), Map.of(), null);
    }

    private static int port(NamingProcess ns) throws InterruptedException {
        String location = ns.awaitLine("NS running on ", START);
        return Integer.parseInt(location.substring(location.lastIndexOf(':') + 1, location.indexOf(' ')));
    }

    private static String nsc(int port, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NamingProcess.PYTHON, "-m", "Pyro4.nsc", "-n", "127.0.0.1", "-p",
                String.valueOf(port)));
        cmd.addAll(List.of(command));
        return NamingProcess.run(cmd, Map.of("PYRO_SERIALIZER", "serpent"), "y\n", Duration.ofSeconds(30));
    }

    @Test
    void embeddedStoreAcrossKill9() throws Exception {
        NamingProcess.assumePyro4();
        Path file = dir.resolve("ns.db");
        try (NamingProcess first = ns("embedded:" + file)) {
            int port = port(first);
            assertEquals("Registered cli.a\n", nsc(port, "register", "cli.a", "PYRO:a@127.0.0.1:5555"));
            assertEquals("Metadata updated\n", nsc(port, "setmeta", "cli.a", "blue"));
            first.killForcibly();
        }
        try (NamingProcess second = ns("sql:" + file)) {
            int port = port(second);
            assertTrue(second.output().contains("Persistent store contains 2 existing registrations.\n"),
                    second.output());
            assertEquals("PYRO:a@127.0.0.1:5555\nmetadata: ['blue']\n", nsc(port, "lookup", "cli.a"));
            String uri = second.awaitLine("URI = ", START);
            assertEquals("PYRO:Pyro.NameServer@127.0.0.1:" + port, uri);
        }
    }

    @Test
    void twoCliNameServersOnOnePostgres() throws Exception {
        NamingProcess.assumePyro4();
        try (PrivatePostgres pg = PrivatePostgres.start(); NamingProcess a = ns(pg.jdbcUrl());
                NamingProcess b = ns(pg.jdbcUrl())) {
            int portA = port(a);
            int portB = port(b);
            assertEquals("Registered cli.shared\n", nsc(portA, "register", "cli.shared", "PYRO:s@127.0.0.1:5556"));
            assertEquals("PYRO:s@127.0.0.1:5556\n", nsc(portB, "lookup", "cli.shared"));
            assertEquals("Removed cli.shared\n", nsc(portB, "remove", "cli.shared"));
            assertEquals("Error: NamingError - unknown name: cli.shared\n", nsc(portA, "lookup", "cli.shared"));
        }
    }
}
