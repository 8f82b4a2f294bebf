package org.jpyro.daemon.impl;

import java.util.List;

import org.jpyro.api.PyroRemoteException;

/** Python builtin exceptions the daemon raises itself (as {@link PyroRemoteException}s of that Python type). */
public final class PythonErrors {
    private PythonErrors() {
    }

    /** {@code builtins.AttributeError(message)}. */
    public static PyroRemoteException attributeError(String message) {
        return of("builtins.AttributeError", message);
    }

    /** {@code builtins.TypeError(message)}. */
    public static PyroRemoteException typeError(String message) {
        return of("builtins.TypeError", message);
    }

    /** {@code builtins.StopIteration()}: the end of an item stream. */
    public static PyroRemoteException stopIteration() {
        return new PyroRemoteException("builtins.StopIteration", List.of(), null);
    }

    private static PyroRemoteException of(String type, String message) {
        return new PyroRemoteException(type, List.of(message), null);
    }
}
