package org.jpyro.serializer.serpent;

import static org.jpyro.api.testing.Py.assertPyEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.testing.RandomValues;
import org.jpyro.api.testing.RandomValues.Feature;
import org.junit.jupiter.api.Test;

/** Random nested values (fixed seed) come back from serpent as the same value of the same type. */
class RandomRoundTripTest {
    private static final SerpentSerializer SERPENT = new SerpentSerializer();

    @Test
    void randomValuesRoundTrip() {
        RandomValues values = new RandomValues(0x5e59e47L, EnumSet.of(Feature.PYTHON_TYPES, Feature.ZERO_COMPLEX_PARTS));
        for (int i = 0; i < 3000; i++) {
            Object v = values.value(4);
            ProtocolVersion version = i % 2 == 0 ? ProtocolVersion.PYRO5 : ProtocolVersion.PYRO4;
            byte[] data = SERPENT.serializeData(v, version);
            assertPyEquals(v, SERPENT.deserializeData(data, version), "value #" + i + ": " + v);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void randomCallsRoundTrip() {
        RandomValues values = new RandomValues(42L, EnumSet.of(Feature.PYTHON_TYPES, Feature.ZERO_COMPLEX_PARTS));
        for (int i = 0; i < 1000; i++) {
            Object args = values.value(3);
            List<Object> vargs = args instanceof List ? (List<Object>) args : List.of(args == null ? "" : args);
            Map<String, Object> kwargs = null;
            if (i % 3 != 0) {
                kwargs = new java.util.LinkedHashMap<>();
                for (int k = i % 4; k > 0; k--) {
                    kwargs.put(values.string(), values.value(2));
                }
            }
            Call call = new Call(values.string(), values.string(), vargs, kwargs);
            byte[] data = SERPENT.serializeCall(call, ProtocolVersion.PYRO5);
            Call back = SERPENT.deserializeCall(data, ProtocolVersion.PYRO5);
            assertPyEquals(call.objectId(), back.objectId());
            assertPyEquals(call.method(), back.method());
            assertPyEquals(vargs instanceof java.util.ArrayList ? vargs : org.jpyro.api.Tuple.copyOf(vargs),
                    back.args(), "call #" + i);
            assertPyEquals(kwargs, back.kwargs(), "call #" + i);
        }
    }
}
