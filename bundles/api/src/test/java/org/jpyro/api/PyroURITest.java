package org.jpyro.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PyroURITest {

    @Test
    void parsesTcpUri() {
        PyroURI u = PyroURI.parse("PYRO:test.echoserver@127.0.0.1:9999");
        assertEquals("PYRO", u.protocol());
        assertEquals("test.echoserver", u.object());
        assertEquals("127.0.0.1", u.host());
        assertEquals(9999, u.port());
        assertNull(u.sockname());
        assertEquals("127.0.0.1:9999", u.location());
        assertEquals("PYRO:test.echoserver@127.0.0.1:9999", u.toString());
    }

    @Test
    void protocolIsCaseInsensitive() {
        PyroURI u = PyroURI.parse("pyro:obj@localhost:1");
        assertEquals("PYRO", u.protocol());
        assertEquals("PYRO:obj@localhost:1", u.toString());
        assertEquals("PYRONAME", PyroURI.parse("PyroName:x").protocol());
    }

    @Test
    void parsesIpv6() {
        PyroURI u = PyroURI.parse("PYRO:obj@[::1]:4444");
        assertEquals("::1", u.host());
        assertEquals(4444, u.port());
        assertEquals("PYRO:obj@[::1]:4444", u.toString());
        assertEquals("PYRO:obj@[fe80::1%25eth0]:1", PyroURI.of("obj", "fe80::1%25eth0", 1).toString());
    }

    @Test
    void parsesUnixSocket() {
        PyroURI u = PyroURI.parse("PYRO:obj@./u:/tmp/pyro.sock");
        assertTrue(u.isUnixSocket());
        assertEquals("/tmp/pyro.sock", u.sockname());
        assertNull(u.host());
        assertEquals(0, u.port());
        assertEquals("PYRO:obj@./u:/tmp/pyro.sock", u.toString());
        assertEquals(u, PyroURI.unix("obj", "/tmp/pyro.sock"));
    }

    @Test
    void parsesNameUris() {
        PyroURI bare = PyroURI.parse("PYRONAME:my.service");
        assertEquals("my.service", bare.object());
        assertNull(bare.host());
        assertEquals("PYRONAME:my.service", bare.toString());
        PyroURI withHost = PyroURI.parse("PYRONAME:my.service@nshost");
        assertEquals("nshost", withHost.host());
        assertEquals(0, withHost.port());
        PyroURI full = PyroURI.parse("PYRONAME:my.service@nshost:9090");
        assertEquals(9090, full.port());
        assertEquals("PYRONAME:my.service@nshost:9090", full.toString());
        assertEquals("[::1]:9090", PyroURI.parse("PYRONAME:x@[::1]:9090").location());
    }

    @Test
    void parsesMetaUris() {
        PyroURI u = PyroURI.parse("PYROMETA:class:printer,colour@localhost:9090");
        assertEquals("PYROMETA", u.protocol());
        assertEquals(Set.of("class:printer", "colour"), u.metaTags());
        assertEquals("localhost", u.host());
    }

    @Test
    void stripsSurroundingWhitespace() {
        assertEquals(PyroURI.of("o", "h", 1), PyroURI.parse("  PYRO:o@h:1\n"));
    }

    @Test
    void withObjectKeepsLocation() {
        assertEquals("PYRO:Pyro.Daemon@h:5", PyroURI.parse("PYRO:o@h:5").withObject("Pyro.Daemon").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nonsense", "PYRO", "FOO:obj@h:1", "PYRO:obj", "PYRO:obj@", "PYRO:@h:1",
        "PYRO:obj@h", "PYRO:obj@h:0", "PYRO:obj@h:99999", "PYRO:obj@h:abc", "PYRO:obj@h:-1", "PYRO:obj@::1:80",
        "PYRO:obj@[::1:80", "PYRO:obj@[]:80", "PYRO:obj@[::1]x", "PYRO:o bj@h:1", "PYRO:obj@./u:",
        "PYRONAME:obj@./u:/tmp/x", "PYRO:obj@:9"})
    void rejectsInvalid(String text) {
        assertThrows(PyroException.class, () -> PyroURI.parse(text));
    }

    @Test
    void rejectsNull() {
        assertThrows(PyroException.class, () -> PyroURI.parse(null));
    }
}
