package org.jpyro.serializer.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile pickles: a global outside the whitelist is refused with a {@link SecurityException} before anything
 * is called (nothing can run: the reader never resolves a name to code or to a Java class), and the whitelisted
 * callables accept only harmless argument shapes.
 */
class PickleSecurityTest {
    private static final ProtocolVersion P4 = ProtocolVersion.PYRO4;
    private static final PickleSerializer SER = new PickleSerializer();
    private static final Path MARKER = Path.of("/tmp/jpyro-pickle-pwned");

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Python's own pickles of an object whose __reduce__ is (os.system, ('echo pwned > ...',)). */
    @ParameterizedTest
    @ValueSource(strings = {
        // protocol 2: GLOBAL 'posix system' + REDUCE
        "800263706f7369780a73797374656d0a710058240000006563686f2070776e6564203e202f746d702f6a7079726f2d7069636b6c652d70776e656471018571025271032e",
        // protocol 5: STACK_GLOBAL
        "8005953f000000000000008c05706f736978948c0673797374656d9493948c246563686f2070776e6564203e202f746d702f6a7079726f2d7069636b6c652d70776e656494859452942e",
        // protocol 0
        "63706f7369780a73797374656d0a70300a28566563686f2070776e6564203e202f746d702f6a7079726f2d7069636b6c652d70776e65640a70310a7470320a5270330a2e",
        // builtins.eval('1+1'), protocol 4
        "8004951f000000000000008c086275696c74696e73948c046576616c9493948c03312b3194859452942e"})
    void osSystemAndEvalAreRefused(String pickleHex) throws Exception {
        Files.deleteIfExists(MARKER);
        SecurityException e = assertThrows(SecurityException.class, () -> SER.deserializeData(hex(pickleHex), P4));
        assertTrue(e.getMessage().contains("not a whitelisted class"), e.getMessage());
        assertFalse(Files.exists(MARKER));
        assertThrows(SecurityException.class, () -> SER.deserializeCall(hex(pickleHex), P4));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cos\nsystem\n(S'id'\ntR.",
        "csubprocess\nPopen\n(S'id'\ntR.",
        "c__builtin__\ngetattr\n(c__builtin__\nobject\nS'__subclasses__'\ntR.",
        "c__builtin__\n__import__\n(S'os'\ntR.",
        "cbuiltins\nexec\n(S'print(1)'\ntR.",
        "cjava.lang.Runtime\ngetRuntime\n)R.",
        "cnet.razorvine.pickle.objects.ComplexNumber\nComplexNumber\n)R.",
        "ccopy_reg\n_reconstructor\n(cos\nsystem\nc__builtin__\nobject\nNtR.",
        "(S'id'\nios\nsystem\n.",
        "(cos\nsystem\nS'id'\no.",
        "cPyro4.core\nDaemon\n)\u0081.",
        "cPyro4.utils.flame\nFlame\n)\u0081.",
        "cPyro4.core\nURI.__init__\n)R.",
        "cdatetime\ndatetime.now\n)R.",
        "ccollections\nnamedtuple\n(S'X'\nS'a'\ntR."})
    void globalsOutsideTheWhitelistAreRefused(String pickle) {
        assertThrows(SecurityException.class, () -> SER.deserializeData(text("\u0080\u0002" + pickle), P4));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c__builtin__\nbytearray\nJ\u0000\u00ca\u009a\u003b\u0085R.",  // bytearray(10**9): no allocation
        "c__builtin__\nbytes\nJ\u0000\u00ca\u009a\u003b\u0085R.",
        "X\u0002\u0000\u0000\u0000id\u0085R.",                           // REDUCE on a str
        "c__builtin__\nset\nX\u0002\u0000\u0000\u0000idR.",             // args not a tuple
        "c__builtin__\nobject\n)R.",                                      // object() is no value
        "c__builtin__\nint\n.",                                           // a class object as the value
        "c__builtin__\nValueError\n)\u0081X\u0001\u0000\u0000\u0000xb.",  // BUILD with a str state
        "c_codecs\nencode\nX\u0002\u0000\u0000\u0000idX\u0005\u0000\u0000\u0000rot13\u0086R.",
        "cdecimal\nDecimal\n(c__builtin__\nobject\ntR.",
        "cPyro4.core\nURI\n)\u0081X\u0002\u0000\u0000\u0000idb.",
        "cPyro4.core\nURI\n(X\u0005\u0000\u0000\u0000nonsenstR."})
    void whitelistedCallablesRefuseOtherArguments(String pickle) {
        assertThrows(SerializeException.class, () -> SER.deserializeData(text("\u0080\u0002" + pickle), P4));
    }

    @Test
    void persistentIdsAndExtensionsAreRefused() {
        for (String p : List.of("Pfoo\n.", "X\u0001\u0000\u0000\u0000aQ.", "\u0082\u0001.", "\u0097.")) {
            assertThrows(SerializeException.class, () -> SER.deserializeData(text("\u0080\u0004" + p), P4), p);
        }
    }

    @Test
    void pickleDoesNotExistInPyro5() {
        assertEquals(-1, SER.id(ProtocolVersion.PYRO5));
        assertEquals(4, SER.id(P4));
        assertThrows(SerializeException.class, () -> SER.deserializeData(text("\u0080\u0002N."),
                ProtocolVersion.PYRO5));
        assertThrows(SerializeException.class, () -> SER.serializeData("x", ProtocolVersion.PYRO5));
    }

    @Test
    void exceptionTypeNamesCannotInjectGlobals() {
        var hostile = new org.jpyro.api.PyroRemoteException("os\nsystem", List.of("id"), java.util.Map.of());
        assertThrows(SerializeException.class, () -> SER.serializeData(hostile, P4));
        var dotted = new org.jpyro.api.PyroRemoteException("os.system(1)", List.of(), java.util.Map.of());
        assertThrows(SerializeException.class, () -> SER.serializeData(dotted, P4));
    }
}
