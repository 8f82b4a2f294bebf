package org.jpyro.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/**
 * PREFER_IP_VERSION's choice among a host name's addresses, with a name that has both families (this machine's
 * {@code localhost} may have only one, so the daemon test of it cannot run everywhere).
 */
class BindAddressesTest {
    private static final InetAddress V4 = address(new byte[] {127, 0, 0, 1});
    private static final InetAddress V6 = address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    @Test
    void preferredFamilyWinsWhateverTheResolverOrder() {
        for (InetAddress[] all : new InetAddress[][] {{V4, V6}, {V6, V4}}) {
            assertEquals(V4, BindAddresses.pick(all, 4));
            assertEquals(V6, BindAddresses.pick(all, 6));
            assertEquals(all[0], BindAddresses.pick(all, 0), "0: the resolver's first address");
        }
    }

    @Test
    void aMissingPreferredFamilyFallsBackToTheFirstAddress() {
        assertEquals(V4, BindAddresses.pick(new InetAddress[] {V4}, 6));
        assertEquals(V6, BindAddresses.pick(new InetAddress[] {V6}, 4));
    }

    @Test
    void locationsBracketIpv6() {
        assertEquals("[::1]:9090", BindAddresses.location("::1", V6, 9090));
        assertEquals("localhost:9090", BindAddresses.location("localhost", V4, 9090));
        assertEquals("127.0.0.1:9090", BindAddresses.location("", V4, 9090));
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress("dual.example", bytes);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
