package org.jpyro.serializer.marshal;

import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.set;
import static org.jpyro.api.testing.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.testing.Py;
import org.junit.jupiter.api.Test;

/** Type codes one by one, including those CPython 3.11 no longer writes, and the reader's refusals. */
class MarshalReaderTest {
    private final MarshalSerializer marshal = new MarshalSerializer();

    private Object read(String hex) {
        return marshal.deserializeData(HexFormat.of().parseHex(hex.replace(" ", "")), ProtocolVersion.PYRO5);
    }

    private void refused(String hex, String messagePart) {
        SerializeException e = assertThrows(SerializeException.class, () -> read(hex));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void scalars() {
        assertEquals(null, read("4e"));
        assertEquals(true, read("54"));
        assertEquals(false, read("46"));
        assertEquals(-12345, read("e9 c7cfffff"));
        assertEquals(-12345, read("69 c7cfffff"));
        assertEquals(1L << 40, read("49 0000000000010000"));
        assertEquals(7, read("49 0700000000000000"));
        assertEquals(1.5, read("e7 000000000000f83f"));
        assertEquals(-2.5, read("66 04 2d322e35"));
        assertEquals(Double.POSITIVE_INFINITY, read("66 03 696e66"));
        assertEquals(new ComplexNumber(1.5, -2), read("79 000000000000f83f 00000000000000c0"));
        assertEquals(new ComplexNumber(1.0, 2.0), read("78 03 312e30 03 322e30"));
    }

    @Test
    void longsWithFifteenBitDigits() {
        assertEquals(0, read("6c 00000000"));
        assertEquals(32768, read("6c 02000000 0000 0100"));
        assertEquals(-32768, read("6c feffffff 0000 0100"));
        assertEquals(Long.MIN_VALUE, read("6c fbffffff 0000 0000 0000 0000 0800"));
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), read("6c 05000000 ff7f ff7f ff7f ff7f 0f00"));
        refused("6c 01000000 0080", "digit out of range");
        refused("6c 02000000 0100 0000", "unnormalized");
        refused("6c ffffff7f 0100", "digits");
    }

    @Test
    void everyStrForm() {
        assertEquals("hi", read("7a 02 6869"));
        assertEquals("hi", read("da 02 6869"));
        assertEquals("hi", read("61 02000000 6869"));
        assertEquals("hi", read("41 02000000 6869"));
        assertEquals("h\u00e9\ud83d\ude00", read("75 07000000 68c3a9f09f9880"));
        assertEquals("h\u00e9", read("74 03000000 68c3a9"));
        assertEquals("\ud800", read("75 03000000 eda080"), "surrogatepass");
        assertEquals("", read("75 00000000"));
        refused("75 02000000 c328", "UTF-8");
        refused("75 02000000 c0af", "UTF-8");
        refused("75 01000000 c3", "UTF-8");
    }

    @Test
    void containers() {
        Py.assertPyEquals(tuple(1, "a"), read("29 02 e901000000 da0161"), "small tuple");
        Py.assertPyEquals(tuple(1), read("28 01000000 e901000000"), "tuple");
        Py.assertPyEquals(list(1, list()), read("5b 02000000 e901000000 5b00000000"), "list");
        Py.assertPyEquals(dict("a", 1, 2, tuple()), read("7b da0161 e901000000 e902000000 a900 30"), "dict");
        Py.assertPyEquals(set(1, 2), read("3c 02000000 e901000000 e902000000"), "set");
        Py.assertPyEquals(set(7), read("3e 01000000 e907000000"), "frozenset");
        assertEquals(Map.of(), read("7b 30"));
    }

    @Test
    void backReferencesShareTheObject() {
        // index 0 is the inner list (flagged), the ref points to it; the outer list is not flagged
        refused("5b 02000000 db00000000 72 01000000", "invalid marshal back-reference");
        List<?> ok = (List<?>) read("5b 03000000 db00000000 72 00000000 da0178");
        assertSame(ok.get(0), ok.get(1));
        assertEquals("x", ok.get(2));
    }

    @Test
    void refusesRecursiveAndUnhashableValues() {
        refused("db 01000000 72 00000000", "unfinished");
        refused("7b 5b00000000 4e 30", "unhashable");
        refused("3c 01000000 7b30", "unhashable");
        refused("72 00000000", "back-reference");
    }

    @Test
    void refusesWhatPyroNeverSends() {
        refused("53", "StopIteration");
        refused("2e", "Ellipsis");
        refused("63 00", "code");
        refused("30", "NULL");
        refused("3f", "bad marshal type");
        refused("4e 4e", "extra bytes");
        refused("", "truncated");
        refused("7b da0161", "truncated");
        refused("7b da0161 4e", "not terminated");
    }

    @Test
    void boundsLengthsBeforeAllocating() {
        refused("73 ffffff7f", "truncated");
        refused("73 ffffffff", "negative");
        refused("5b ffffff7f", "remaining bytes");
        refused("28 ffffff7f", "remaining bytes");
        refused("3c ffffff7f", "remaining bytes");
        refused("75 ffffff7f", "truncated");
    }

    @Test
    void boundsNesting() {
        int depth = 5000;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            hex.append("5b01000000");
        }
        hex.append("4e");
        refused(hex.toString(), "nested");
        StringBuilder ok = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            ok.append("2901");
        }
        ok.append("4e");
        // 900 levels are within MAX_DEPTH; decoded on a thread with a known stack, because the interpreter's frames
        // before the JIT compiles the reader differ per JDK (Temurin 25's overflowed the 1 MB main thread stack
        // here, which the reader reports as "nested too deeply for this thread's stack")
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = read(ok.toString());
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "deep-marshal", 16L << 20);
        t.start();
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        assertInstanceOf(List.class, result[0]);
    }

    @Test
    void boundsTheExpansionOfBackReferences() {
        // t0 = (None,); t(n+1) = (tn, tn): 60 levels would stand for 2^60 nodes
        StringBuilder hex = new StringBuilder("a9 01 4e");
        for (int i = 1; i <= 60; i++) {
            hex.append("a9 02 72").append(String.format("%08x", Integer.reverseBytes(i - 1)))
                    .append("72").append(String.format("%08x", Integer.reverseBytes(i - 1)));
        }
        String payload = hex.toString();
        // make it one value: wrap everything in a list of 61 items
        refused("5b 3d000000 " + payload, "expand");
    }

    @Test
    void classDictsBecomeJavaObjects() {
        byte[] uri = marshal.serializeData(new PyroURI("PYRO", "obj", "localhost", 9999, null), ProtocolVersion.PYRO4);
        assertEquals(new PyroURI("PYRO", "obj", "localhost", 9999, null), marshal.deserializeData(uri, ProtocolVersion.PYRO4));
        Object ex = marshal.deserializeData(marshal.serializeData(
                new PyroRemoteException("builtins.ValueError", List.of("bad", 42), Map.of()), ProtocolVersion.PYRO5),
                ProtocolVersion.PYRO5);
        assertInstanceOf(PyroRemoteException.class, ex);
        assertEquals("builtins.ValueError", ((PyroRemoteException) ex).pythonType());
        assertEquals(List.of("bad", 42), ((PyroRemoteException) ex).args());
        // any other class dict stays a dict, as in Pyro
        Py.assertPyEquals(dict("__class__", "foo.Bar", "x", 1), read("7b da095f5f636c6173735f5f 7a07666f6f2e426172 da0178 e901000000 30"), "dict");
    }
}
