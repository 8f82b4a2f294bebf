package org.jpyro.serializer.json;

import static org.jpyro.api.testing.Py.assertPyEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.testing.RandomValues;
import org.junit.jupiter.api.Test;

/** Random nested values (fixed seed) come back from json as the same value of the same type, and re-encode exactly. */
class RandomRoundTripTest {
    private static final JsonSerializer JSON = new JsonSerializer();

    @Test
    void randomValuesRoundTrip() {
        RandomValues values = new RandomValues(0x15011L);
        for (int i = 0; i < 5000; i++) {
            Object v = values.value(4);
            ProtocolVersion version = i % 2 == 0 ? ProtocolVersion.PYRO5 : ProtocolVersion.PYRO4;
            byte[] data = JSON.serializeData(v, version);
            Object back = JSON.deserializeData(data, version);
            assertPyEquals(v, back, "value #" + i + ": " + v);
            assertArrayEquals(data, JSON.serializeData(back, version), "value #" + i);
        }
    }

    @Test
    void randomCallsRoundTrip() {
        RandomValues values = new RandomValues(42L);
        for (int i = 0; i < 2000; i++) {
            List<Object> vargs = values.list(3);
            Map<String, Object> kwargs = i % 3 == 0 ? null : values.strDict(2);
            Call call = new Call(values.string(), values.string(), vargs, kwargs);
            ProtocolVersion version = i % 2 == 0 ? ProtocolVersion.PYRO5 : ProtocolVersion.PYRO4;
            byte[] data = JSON.serializeCall(call, version);
            Call back = JSON.deserializeCall(data, version);
            assertEquals(call.objectId(), back.objectId());
            assertEquals(call.method(), back.method());
            assertPyEquals(new ArrayList<>(vargs), back.args(), "call #" + i);
            assertPyEquals(kwargs, back.kwargs(), "call #" + i);
            assertArrayEquals(data, JSON.serializeCall(back, version), "call #" + i);
        }
    }
}
