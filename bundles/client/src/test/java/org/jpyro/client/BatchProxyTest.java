package org.jpyro.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroRemoteException;

/**
 * {@link BatchProxy} against the recorded Python sessions {@code pyro{4,5}-serpent-batch.json}: the batch
 * requests must equal Python's byte for byte, and the results (with the exception where the daemon stopped)
 * come back in order.
 */
class BatchProxyTest {

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void replaysTheRecordedBatches(ProtocolVersion v) throws Exception {
        VectorReplayTest.replay(v, "batch", port -> {
            try (Proxy p = VectorReplayTest.proxy(v, port, "test.service")) {
                p.bind();

                BatchProxy batch = p.batch();
                batch.call("echo", 1).call("add", 2, 3).call("fail", "in batch", 7).call("echo", "not reached");
                assertEquals(4, batch.size());
                BatchResults results = batch.execute();
                assertEquals(0, batch.size(), "sent calls are cleared");
                assertEquals(3, results.size());
                assertTrue(results.failed());
                Iterator<Object> it = results.iterator();
                assertEquals(1, it.next());
                assertEquals(5, it.next());
                assertTrue(it.hasNext());
                PyroRemoteException e = assertThrows(PyroRemoteException.class, it::next);
                assertEquals("builtins.ValueError", e.pythonType());
                assertEquals(List.of("in batch", 7), List.copyOf(e.args()));
                assertFalse(e.remoteTraceback().isEmpty());
                assertFalse(it.hasNext());
                assertThrows(PyroRemoteException.class, results::toList);
                assertEquals(5, results.get(1));

                BatchProxy second = new BatchProxy(p);
                second.call("echo", 1).call("add", 2, 3).callKw("kw", List.of(1), Map.of("extra", "x"));
                BatchResults ok = second.execute();
                assertFalse(ok.failed());
                assertEquals(List.of(1, 5, Map.of("a", 1, "b", 2, "kwargs", Map.of("extra", "x"))), ok.toList());

                BatchProxy oneway = p.batch().call("echo", 1).call("store", "stored by a oneway batch");
                oneway.executeOneway();
                assertEquals("stored by a oneway batch", p.call("stored"));
            }
        });
    }
}
