package org.jpyro.client.impl;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.PyroException;
import org.jpyro.api.TimeoutException;

/** Turns what a socket read or write throws into the Pyro exception a caller sees. */
final class WireErrors {
    private WireErrors() {
    }

    /**
     * The Pyro exception for a failure while {@code action} ("sending", "receiving"): Pyro exceptions as they
     * are, read timeouts as {@link TimeoutException}, every other I/O failure as
     * {@link ConnectionClosedException}.
     */
    static RuntimeException translate(Throwable failure, String action) {
        Throwable t = failure instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : failure;
        if (t instanceof PyroException p) {
            return p;
        }
        if (t instanceof SocketTimeoutException) {
            return new TimeoutException(action + ": timeout", t);
        }
        if (t instanceof EOFException) {
            return new ConnectionClosedException(action + ": not enough data", t);
        }
        if (t instanceof IOException) {
            return new ConnectionClosedException(action + ": connection lost: " + t.getMessage(), t);
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new PyroException(action + ": " + t, t);
    }
}
