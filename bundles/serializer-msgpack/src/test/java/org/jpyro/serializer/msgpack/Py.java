package org.jpyro.serializer.msgpack;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Deep equality of decoded values: content of {@code byte[]}, NaN equal to NaN, lists and maps item by item, same types. */
final class Py {
    private Py() {
    }

    static void assertPyEquals(Object expected, Object actual, String message) {
        String diff = difference(expected, actual, "value");
        if (diff != null) {
            fail(message + ": " + diff);
        }
    }

    static String difference(Object e, Object a, String path) {
        if (e == null || a == null) {
            return e == a ? null : path + ": expected " + e + ", got " + a;
        }
        if (e instanceof byte[] && a instanceof byte[]) {
            return Arrays.equals((byte[]) e, (byte[]) a) ? null
                    : path + ": bytes " + Arrays.toString((byte[]) e) + " vs " + Arrays.toString((byte[]) a);
        }
        if (e.getClass() != a.getClass() && !(e instanceof List && a instanceof List) && !(e instanceof Map && a instanceof Map)) {
            return path + ": expected " + e.getClass().getSimpleName() + " " + e + ", got " + a.getClass().getSimpleName() + " " + a;
        }
        if (e instanceof Double) {
            double x = (Double) e;
            double y = (Double) a;
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y) ? null : path + ": " + x + " vs " + y;
        }
        if (e instanceof List) {
            List<?> x = (List<?>) e;
            List<?> y = (List<?>) a;
            if (x.size() != y.size()) {
                return path + ": " + x.size() + " items vs " + y.size() + ": " + x + " vs " + y;
            }
            for (int i = 0; i < x.size(); i++) {
                String d = difference(x.get(i), y.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (e instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) e;
            Map<?, ?> y = (Map<?, ?>) a;
            if (x.size() != y.size()) {
                return path + ": " + x.size() + " entries vs " + y.size() + ": " + x + " vs " + y;
            }
            Iterator<? extends Map.Entry<?, ?>> ix = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> iy = y.entrySet().iterator();
            while (ix.hasNext()) {
                Map.Entry<?, ?> ex = ix.next();
                Map.Entry<?, ?> ey = iy.next();
                String d = difference(ex.getKey(), ey.getKey(), path + " key");
                if (d == null) {
                    d = difference(ex.getValue(), ey.getValue(), path + "[" + ex.getKey() + "]");
                }
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return e.equals(a) ? null : path + ": expected " + e + ", got " + a;
    }
}
