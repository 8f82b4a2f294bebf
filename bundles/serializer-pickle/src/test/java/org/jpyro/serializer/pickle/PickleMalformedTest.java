package org.jpyro.serializer.pickle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroException;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed pickles give a {@link SerializeException} (or a {@link SecurityException} for a refused class) and
 * nothing else: no hang, no huge allocation, no StackOverflowError, no other exception type.
 */
class PickleMalformedTest {
    private static final ProtocolVersion P4 = ProtocolVersion.PYRO4;
    private static final PickleSerializer SER = new PickleSerializer();

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertRefused(byte[] pickle) {
        try {
            SER.deserializeData(pickle, P4);
            SER.deserializeCall(pickle, P4);
        } catch (SerializeException | SecurityException expected) {
            return;
        } catch (Throwable t) {
            fail("expected SerializeException, got " + t, t);
        }
    }

    private static void assertOnlyPyroErrors(byte[] pickle) {
        try {
            SER.deserializeData(pickle, P4);
        } catch (SerializeException | SecurityException expected) {
            // fine
        } catch (Throwable t) {
            fail("expected a SerializeException at most, got " + t, t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "\u0080", "\u0080\u0002", "\u0080\u0009N.", "N", "NN", ".", "N.N", "(.", "(t.", "0.", "1.", "2.",
        "t.", "\u0085.", "\u0086.", "\u0087.", "N\u0086.", "a.", "]Na", "]N(a.", "}N.", "}Ns.", "}(Nu.",
        "}(NNNu.", "N(u.", "Ne.", "\u008f(N\u0090.", "N(\u0090.", "h\u0005.", "j\u0005\u0000\u0000\u0000.",
        "g5\n.", "gx\n.", "p\n.", "q", "r\u0001\u0000", "X\u00ff\u00ff\u00ff\u007f.", "X\u00ff\u00ff\u00ff\u00ff.",
        "\u008d\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u007f.", "\u008e\u0000\u0000\u0000\u0000\u0001\u0000\u0000\u0000.",
        "B\u0000\u0000\u0000\u0080.", "C\u0010abc.", "T\u0010\u0000\u0000\u0000abc.", "U\u0005ab.",
        "\u008a\u0010\u0001.", "\u008b\u0000\u0000\u0000\u0080.", "\u008b\u00ff\u00ff\u00ff\u00ff.",
        "Inope\n.", "I12", "Fxyz\n.", "F1e5000x\n.", "L12x\n.", "Sabc\n.", "Vabc", "\u0095\u0001\u0000.",
        "c\n\n.", "cfoo", "\u0093.", "N\u0093.", "NN\u0093.", "R.", "NNR.", "N)\u0081.", "N)}\u0092.", "Nb.",
        "N)b.", "\u0094.", "(\u0094.", "2.", "1N.", "N1.", "(N1t.", "\u0080\u0002K\u0001K\u0002.",
        "}q\u0000h\u0000h\u0000s.", "]q\u0000h\u0000a.", "\u008f\u0094h\u0000\u0091.", "(]\u0091.",
        "]K\u0001\u0085\u0090.", "}]K\u0001s.", "}}K\u0001s.", "}\u008fK\u0001s.", "\u0088\u0088\u0088\u0088"})
    void malformed(String pickle) {
        assertRefused(text(pickle));
    }

    @Test
    void recursiveStructuresAreRefused() {
        assertRefused(text("\u0080\u0004]\u0094h\u0000a."));                   // l = []; l.append(l)
        assertRefused(text("\u0080\u0004}\u0094K\u0001h\u0000s."));            // d = {}; d[1] = d
        assertRefused(text("\u0080\u0004]\u0094h\u0000\u0085\u0094a."));        // l.append((l,))
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        deep.write(0x80);
        deep.write(2);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            deep.write(']');
        }
        for (int i = 0; i < n - 1; i++) {
            deep.write('a');
        }
        deep.write('.');
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRefused(deep.toByteArray()));
        ByteArrayOutputStream tuples = new ByteArrayOutputStream();
        tuples.write(')');
        for (int i = 0; i < n; i++) {
            tuples.write(0x85);
        }
        tuples.write('.');
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRefused(tuples.toByteArray()));
        // a deeply nested tuple as a dict key: refused before Java hashes it
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        key.write('}');
        key.write(')');
        for (int i = 0; i < n; i++) {
            key.write(0x85);
        }
        key.write('N');
        key.write('s');
        key.write('.');
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRefused(key.toByteArray()));
    }

    @Test
    void sharedReferencesStayLinear() {
        // x = [1]; then 60 levels of [x, x]: 2^60 leaves as a tree, 60 containers as a graph
        StringBuilder sb = new StringBuilder("\u0080\u0004]\u0094K\u0001a");
        for (int i = 0; i < 60; i++) {
            sb.append("\u0094h").append((char) (i + 1)).append("h").append((char) (i + 1)).append("\u0086");
        }
        sb.append('.');
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SER.deserializeData(text(sb.toString()), P4));
    }

    @Test
    void longIntTextIsBounded() {
        assertRefused(text("L" + "9".repeat(5000) + "\n."));
        assertRefused(text("I" + "9".repeat(5000) + "\n."));
    }

    @Test
    void everyTruncationOfRealPicklesIsRefused() {
        for (String file : List.of("pyro4-pickle-autoproxy.json", "pyro4-pickle-exception.json",
                "pyro4-pickle-batch.json", "pyro4-pickle-values-protocol2.json")) {
            for (Vectors.Frame f : Vectors.frames(file, "pickle")) {
                byte[] p = f.payload();
                for (int len = 0; len < p.length; len++) {
                    byte[] cut = java.util.Arrays.copyOf(p, len);
                    assertRefused(cut);
                }
            }
        }
    }

    @Test
    void randomMutationsGiveOnlyPyroErrors() {
        Random random = new Random(20261123);
        List<byte[]> samples = new ArrayList<>();
        for (String file : PickleVectorTest.files()) {
            for (Vectors.Frame f : Vectors.frames(file, "pickle")) {
                samples.add(f.payload());
            }
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] p = samples.get(random.nextInt(samples.size())).clone();
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    p[random.nextInt(p.length)] = (byte) random.nextInt(256);
                }
                assertOnlyPyroErrors(p);
            }
            for (int i = 0; i < 5_000; i++) {
                byte[] p = new byte[1 + random.nextInt(64)];
                random.nextBytes(p);
                assertOnlyPyroErrors(p);
            }
        });
    }

    @Test
    void nullAndEmpty() {
        assertThrows(SerializeException.class, () -> SER.deserializeData(new byte[0], P4));
        assertThrows(SerializeException.class, () -> SER.deserializeData(null, P4));
        assertThrows(PyroException.class, () -> SER.deserializeCall(text("\u0080\u0002N."), P4));
        assertThrows(SerializeException.class, () -> SER.deserializeCall(text("\u0080\u0002(NNNNt."), P4));
    }
}
