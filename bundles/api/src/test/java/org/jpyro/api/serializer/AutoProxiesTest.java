package org.jpyro.api.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.junit.jupiter.api.Test;

class AutoProxiesTest {
    /** A JavaBean: without autoproxy it travels as a class dict of its properties. */
    public static class Bean {
        public int getX() {
            return 1;
        }
    }

    private static ProxyState state(String id) {
        return ProxyState.of(PyroURI.parse("PYRO:" + id + "@127.0.0.1:9999"));
    }

    @Test
    void registeredObjectsNormalizeToProxyDictsUntilWithdrawn() {
        Bean bean = new Bean();
        Bean other = new Bean();
        ProxyState s = state("bean");
        try (AutoProxies.Registration r = AutoProxies.registerObject(bean, false, () -> s)) {
            assertSame(s, AutoProxies.proxyFor(bean));
            assertNull(AutoProxies.proxyFor(other), "identity, not equality or class");
            Map<?, ?> d = (Map<?, ?>) PythonValues.normalize(bean, ProtocolVersion.PYRO5);
            assertEquals("Pyro5.client.Proxy", d.get("__class__"));
            assertEquals(Tuple.of("PYRO:bean@127.0.0.1:9999", Tuple.of(), Tuple.of(), Tuple.of(), "hello", null),
                    d.get("state"));
            d = (Map<?, ?>) PythonValues.normalize(bean, ProtocolVersion.PYRO4);
            assertEquals("Pyro4.core.Proxy", d.get("__class__"));
            d = (Map<?, ?>) PythonValues.normalize(other, ProtocolVersion.PYRO5);
            assertEquals(Bean.class.getName(), d.get("__class__"), "not registered: a bean dict");
            r.close();
            assertNull(AutoProxies.proxyFor(bean));
            r.close();
        }
    }

    @Test
    void objectsWinOverTheirClassAndDeadRegistrationsDisappear() {
        Bean bean = new Bean();
        AtomicBoolean alive = new AtomicBoolean(true);
        ProxyState classState = state("cls");
        ProxyState objectState = state("obj");
        int before = AutoProxies.size();
        try (AutoProxies.Registration c = AutoProxies.registerClass(Bean.class, () -> alive.get() ? classState : null);
             AutoProxies.Registration o = AutoProxies.registerObject(bean, false, () -> objectState)) {
            assertSame(objectState, AutoProxies.proxyFor(bean));
            assertSame(classState, AutoProxies.proxyFor(new Bean()));
            assertNull(AutoProxies.proxyFor("a string"));
            alive.set(false);
            assertNull(AutoProxies.proxyFor(new Bean()), "its supplier says it is gone");
            assertEquals(before + 1, AutoProxies.size(), "and it was dropped");
        }
        assertEquals(before, AutoProxies.size());
    }

    @Test
    void weakRegistrationsDoNotKeepObjectsAlive() throws InterruptedException {
        Bean bean = new Bean();
        AutoProxies.registerObject(bean, true, () -> state("weak"));
        WeakReference<Bean> ref = new WeakReference<>(bean);
        bean = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "collected although registered");
    }
}
