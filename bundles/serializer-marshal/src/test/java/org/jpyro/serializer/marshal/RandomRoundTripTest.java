package org.jpyro.serializer.marshal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.testing.Py;
import org.jpyro.api.testing.RandomValues;
import org.jpyro.api.testing.RandomValues.Feature;
import org.junit.jupiter.api.Test;

/** Random nested values (fixed seeds, bounded size) survive writing and reading with their types. */
class RandomRoundTripTest {
    private final MarshalSerializer marshal = new MarshalSerializer();

    @Test
    void values() {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            RandomValues random = new RandomValues(version.ordinal() + 17, EnumSet.allOf(Feature.class));
            for (int i = 0; i < 2000; i++) {
                Object value = random.value(5);
                byte[] data = marshal.serializeData(value, version);
                Py.assertPyEquals(value, marshal.deserializeData(data, version), "value " + i);
            }
        }
    }

    @Test
    void calls() {
        RandomValues random = new RandomValues(5, EnumSet.allOf(Feature.class));
        for (int i = 0; i < 500; i++) {
            List<Object> args = new ArrayList<>();
            int n = i % 4;
            for (int a = 0; a < n; a++) {
                args.add(random.value(3));
            }
            Map<String, Object> kwargs = null;
            if (i % 3 != 0) {
                kwargs = new LinkedHashMap<>();
                for (int k = 0; k < i % 5; k++) {
                    kwargs.put(random.string(), random.value(2));
                }
            }
            Call call = new Call("obj" + i, "method_" + i, args, kwargs);
            Call back = marshal.deserializeCall(marshal.serializeCall(call, ProtocolVersion.PYRO4), ProtocolVersion.PYRO4);
            assertEquals(call.objectId(), back.objectId());
            assertEquals(call.method(), back.method());
            Py.assertPyEquals(args, back.args(), "args " + i);
            if (kwargs == null) {
                assertNull(back.kwargs());
            } else {
                Py.assertPyEquals(kwargs, back.kwargs(), "kwargs " + i);
            }
        }
    }
}
