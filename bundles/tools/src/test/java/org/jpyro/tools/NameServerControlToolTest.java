package org.jpyro.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.naming.NameServerHandle;
import org.jpyro.naming.NameServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code nsc} against an in-process name server: Pyro's output for each command. */
@Timeout(30)
class NameServerControlToolTest {
    private NameServerHandle ns;

    @BeforeEach
    void start() {
        ns = NameServers.builder().host("127.0.0.1").port(0).broadcast(false)
                .config(PyroConfig.defaults(ProtocolVersion.PYRO5)).start();
    }

    @AfterEach
    void stop() {
        ns.close();
    }

    private String nsc(String... command) throws Exception {
        String[] args = new String[command.length + 5];
        args[0] = "nsc";
        args[1] = "-n";
        args[2] = "127.0.0.1";
        args[3] = "-p";
        args[4] = String.valueOf(ns.uri().port());
        System.arraycopy(command, 0, args, 5, command.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void commandsPrintLikePyro() throws Exception {
        String nsUri = ns.uri().toString();
        assertEquals("Name server ping ok.\n", nsc("ping"));
        assertEquals("Registered a.b\n", nsc("register", "a.b", "PYRO:x@127.0.0.1:1"));
        assertEquals("Error: NamingError - name already registered: a.b\n", nsc("register", "a.b", "PYRO:x@127.0.0.1:1"));
        assertEquals("Metadata updated\n", nsc("setmeta", "a.b", "t2", "t1"));
        assertEquals("PYRO:x@127.0.0.1:1\nmetadata: {'t1', 't2'}\n", nsc("lookup", "a.b"));
        assertEquals("--------START LIST \nPyro.NameServer --> " + nsUri
                + "\n    metadata: {'class:Pyro5.nameserver.NameServer'}\na.b --> PYRO:x@127.0.0.1:1\n"
                + "    metadata: {'t1', 't2'}\n--------END LIST \n", nsc("list"));
        assertEquals("--------START LIST - prefix 'a.'\na.b --> PYRO:x@127.0.0.1:1\n    metadata: {'t1', 't2'}\n"
                + "--------END LIST - prefix 'a.'\n", nsc("list", "a."));
        assertEquals("--------START LIST - regex 'x'\n--------END LIST - regex 'x'\n", nsc("listmatching", "x"));
        assertEquals("--------START LIST  - searched by metadata\na.b --> PYRO:x@127.0.0.1:1\n"
                + "    metadata: {'t1', 't2'}\n--------END LIST  - searched by metadata\n", nsc("listmeta_any", "t1", "zz"));
        assertEquals("--------START LIST  - searched by metadata\n--------END LIST  - searched by metadata\n",
                nsc("yplookup", "t1", "zz"));
        assertEquals("Metadata cleared\n", nsc("setmeta", "a.b"));
        assertEquals("Error: NamingError - unknown name: nope\n", nsc("lookup", "nope"));
        assertEquals("requires one argument: name\n", nsc("lookup"));
        assertEquals("Removed a.b\n", nsc("remove", "a.b"));
        assertEquals("Nothing removed\n", nsc("remove", "a.b"));
    }
}
