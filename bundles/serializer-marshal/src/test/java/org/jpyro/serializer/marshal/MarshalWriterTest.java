package org.jpyro.serializer.marshal;

import static org.jpyro.api.testing.Py.dict;
import static org.jpyro.api.testing.Py.list;
import static org.jpyro.api.testing.Py.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.junit.jupiter.api.Test;

/** How Java values and calls are written; exact bytes where the format leaves no choice. */
class MarshalWriterTest {
    private final MarshalSerializer marshal = new MarshalSerializer();

    private String hex(Object value) {
        return HexFormat.of().formatHex(marshal.serializeData(value, ProtocolVersion.PYRO5));
    }

    private Object roundTrip(Object value) {
        return marshal.deserializeData(marshal.serializeData(value, ProtocolVersion.PYRO5), ProtocolVersion.PYRO5);
    }

    enum Color { RED }

    @Test
    void scalarsAsCPythonWritesThem() {
        assertEquals("4e", hex(null));
        assertEquals("54", hex(true));
        assertEquals("e92a000000", hex(42));
        assertEquals("e9c7cfffff", hex(-12345L));
        assertEquals("ec03000000000000000200", hex(1L << 31));
        assertEquals("e7000000000000f83f", hex(1.5));
        assertEquals("e7000000000000f83f", hex(1.5f));
        assertEquals("da0568656c6c6f", hex("hello"), "name-like str: interned");
        assertEquals("fa0461206220", hex("a b "), "other str: not interned");
        assertEquals("f502000000c3a9", hex("\u00e9"));
        assertEquals("f503000000eda080", hex("\ud800"), "surrogatepass");
        assertEquals("f3020000000001", hex(new byte[] {0, 1}));
    }

    @Test
    void javaTypesWithoutAMarshalFormArePyroConverted() {
        assertEquals(tuple(1, "x"), roundTrip(new Object[] {1, "x"}));
        assertEquals(tuple(1, 2), roundTrip(new int[] {1, 2}));
        assertEquals(tuple(true), roundTrip(new boolean[] {true}));
        assertEquals("ab", roundTrip(new char[] {'a', 'b'}));
        assertEquals("RED", roundTrip(Color.RED));
        UUID uuid = UUID.randomUUID();
        assertEquals("7a24" + HexFormat.of().formatHex(uuid.toString().getBytes()), hex(uuid), "like Pyro: unflagged str");
        assertInstanceOf(ArrayList.class, roundTrip(new java.util.ArrayDeque<>(List.of(1))));
        assertInstanceOf(Set.class, roundTrip(Set.of(1)));
        PyroURI uri = PyroURI.parse("PYRO:obj@localhost:1234");
        assertEquals(uri, roundTrip(uri));
        assertEquals(list(uri, tuple(uri)), roundTrip(list(uri, tuple(uri))), "nested URIs too (Pyro converts only the top)");
        Object wrapped = roundTrip(new ExceptionWrapper(new PyroRemoteException("builtins.KeyError", List.of("k"), Map.of())));
        assertInstanceOf(ExceptionWrapper.class, wrapped);
        assertEquals(List.of("k"), ((PyroRemoteException) ((ExceptionWrapper) wrapped).exception()).args());
        assertThrows(SerializeException.class, () -> marshal.serializeData(new Object(), ProtocolVersion.PYRO4));
        assertThrows(SerializeException.class, () -> marshal.serializeData(list(new Object()), ProtocolVersion.PYRO4));
    }

    @Test
    void sharedObjectsBecomeBackReferences() {
        List<Object> shared = list(1);
        // top-level list flagged (ref 0), the nested list unflagged (written twice), the small int 1 shared (ref 1)
        assertEquals("db02000000" + "5b01000000e901000000" + "5b01000000" + "7201000000", hex(list(shared, shared)));
        Tuple pair = tuple(1, 2);
        assertEquals("db02000000" + "a902e901000000e902000000" + "7201000000", hex(list(pair, pair)));
        assertEquals("db03000000" + "da0178" + "7201000000" + "a900", hex(list("x", "x", tuple())));
    }

    @Test
    void recursiveValuesAreRefused() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertEquals("db010000007200000000", hex(loop), "a flagged list refers to itself, as in CPython");
        List<Object> inner = new ArrayList<>();
        inner.add(inner);
        assertThrows(SerializeException.class, () -> marshal.serializeData(list(inner), ProtocolVersion.PYRO5));
        assertThrows(SerializeException.class, () -> marshal.deserializeData(
                marshal.serializeData(loop, ProtocolVersion.PYRO5), ProtocolVersion.PYRO5), "reading refuses cycles");
    }

    @Test
    void callsAsPyroWritesThem() {
        Call call = new Call("test.service", "echo", List.of(42), Map.of());
        assertEquals("2904fa0c746573742e73657276696365da046563686fdb01000000e92a000000fb30",
                HexFormat.of().formatHex(marshal.serializeCall(call, ProtocolVersion.PYRO4)));
        Call getattr = new Call("test.service", "__getattr__", List.of("value"), null);
        byte[] data = marshal.serializeCall(getattr, ProtocolVersion.PYRO4);
        assertEquals((byte) 'N', data[data.length - 1], "kwargs None");
        Call back = marshal.deserializeCall(data, ProtocolVersion.PYRO4);
        assertEquals(null, back.kwargs());
        assertEquals(List.of("value"), back.args());
    }

    @Test
    void batchCallsAsPyroWritesThem() {
        // pyro4-marshal-batch.json step 3 (client_patched: kwargs None)
        List<Object> calls = new ArrayList<>();
        calls.add(tuple("echo", tuple(1), dict()));
        calls.add(tuple("add", tuple(2, 3), dict()));
        calls.add(tuple("kw", tuple(1), dict("extra", "x")));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Call batch = new Call("test.service", "<batch>", calls, null);
        String expected = "2904fa0c746573742e73657276696365fa073c62617463683edb03000000a903da046563686f2901e901000000"
                + "7b30a903da036164642902e902000000e9030000007b30a903da026b7729017205000000"
                + "7bda056578747261da0178304e";
        assertEquals(expected, HexFormat.of().formatHex(marshal.serializeCall(batch, ProtocolVersion.PYRO4)));
    }

    @Test
    void setsKeepTheirOrder() {
        Set<Object> set = new LinkedHashSet<>(List.of("b", "a"));
        assertEquals(List.of("b", "a"), new ArrayList<>((Set<?>) roundTrip(set)));
    }
}
