package org.jpyro.serializer.json.internal;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** Read-only list views of primitive arrays (boxing element by element, no reflection per element). */
final class PrimitiveArrays {
    private PrimitiveArrays() {
    }

    /** The array's items as a list; {@code array} must be an array of a primitive type other than char. */
    static List<Object> asList(Object array) {
        if (array instanceof int[]) {
            int[] a = (int[]) array;
            return view(a.length, i -> a[i]);
        } else if (array instanceof long[]) {
            long[] a = (long[]) array;
            return view(a.length, i -> a[i]);
        } else if (array instanceof double[]) {
            double[] a = (double[]) array;
            return view(a.length, i -> a[i]);
        } else if (array instanceof boolean[]) {
            boolean[] a = (boolean[]) array;
            return view(a.length, i -> a[i]);
        } else if (array instanceof float[]) {
            float[] a = (float[]) array;
            return view(a.length, i -> a[i]);
        } else if (array instanceof short[]) {
            short[] a = (short[]) array;
            return view(a.length, i -> a[i]);
        } else if (array instanceof byte[]) {
            byte[] a = (byte[]) array;
            return view(a.length, i -> a[i]);
        }
        throw new IllegalArgumentException("not a primitive array: " + array.getClass().getName());
    }

    private static List<Object> view(int size, java.util.function.IntFunction<Object> item) {
        return new View(size, item);
    }

    private static final class View extends AbstractList<Object> implements RandomAccess {
        private final int size;
        private final java.util.function.IntFunction<Object> item;

        View(int size, java.util.function.IntFunction<Object> item) {
            this.size = size;
            this.item = item;
        }

        @Override
        public Object get(int index) {
            return item.apply(index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
