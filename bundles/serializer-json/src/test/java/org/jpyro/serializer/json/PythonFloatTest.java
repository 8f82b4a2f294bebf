package org.jpyro.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.jpyro.serializer.json.internal.PythonFloat;
import org.junit.jupiter.api.Test;

/** Floats are written as CPython 3.11's {@code json.dumps} writes them (expectations produced by CPython). */
class PythonFloatTest {
    private static void check(String python, double value) {
        assertEquals(python, PythonFloat.json(value), Double.toString(value));
    }

    @Test
    void likeCPython() {
        check("0.1", 0x1.999999999999ap-4);
        check("1e+16", 0x1.1c37937e08000p+53);
        check("1000000000000000.0", 0x1.c6bf526340000p+49);
        check("1.2345678901234568e+17", 0x1.b69b4ba630f35p+56);
        check("0.0001", 0x1.a36e2eb1c432dp-14);
        check("1e-05", 0x1.4f8b588e368f1p-17);
        check("0.00012345", 0x1.02e4b6ce5dc68p-13);
        check("5e-324", 0x0.0000000000001p-1022);
        check("1.7976931348623157e+308", 0x1.fffffffffffffp+1023);
        check("2.82879384806159e+17", 0x1.f67ea69ed3795p+57);
        check("1e+23", 0x1.52d02c7e14af6p+76);
        check("0.002", 0x1.0624dd2f1a9fcp-9);
        check("-0.0", -0x0.0p+0);
        check("0.0", 0.0);
        check("100.0", 0x1.9000000000000p+6);
        check("1e+22", 0x1.0f0cf064dd592p+73);
        check("9007199254740992.0", 0x1.0000000000000p+53);
        check("0.3333333333333333", 0x1.5555555555555p-2);
        check("1.5e-323", 0x0.0000000000003p-1022);
        check("4.35", 0x1.1666666666666p+2);
        check("0.3", 0x1.3333333333333p-2);
        check("2.5e-05", 0x1.a36e2eb1c432dp-16);
        check("1234560000000.0", 0x1.1f7182a000000p+40);
        check("-1.989032661366619e+244", -0x1.74de452e6b438p+811);
        check("7.761117632285041e+178", 0x1.3270e269e0d37p+594);
        check("3.980498358697587e-249", 0x1.c7fd0a6a3a450p-826);
        check("-1.5432835417340557e+88", -0x1.f0824128b2f33p+292);
        check("1.3647584518757569e-192", 0x1.8e811892f902bp-638);
        check("-1.3701135617873088e-206", -0x1.1985d5d9dc9f8p-684);
        check("-1.7160537630466207e+197", -0x1.25d940ed90475p+655);
        check("6.294675241195386e-44", 0x1.675cc81e74ef5p-144);
        check("1.0613447212142254e-202", 0x1.0a35a099950d8p-671);
        check("4.708325160387546e+207", 0x1.d549b6f03675ap+689);
        check("6.387016158513563e-12", 0x1.c172411e20b8fp-38);
        check("-9.973130378568733e-246", -0x1.16ece1738f7d9p-814);
        check("NaN", Double.NaN);
        check("Infinity", Double.POSITIVE_INFINITY);
        check("-Infinity", Double.NEGATIVE_INFINITY);
    }

    @Test
    void everyReprReadsBackAsTheSameDouble() {
        Random random = new Random(1234);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String repr = PythonFloat.repr(d);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(repr)), repr);
        }
    }
}
