package org.jpyro.api;

import java.util.List;

/**
 * Root of jpyro's exceptions; Python's {@code PyroError}. Unchecked, like every remote failure in jpyro.
 * An exception that arrived from a remote daemon carries the remote traceback (Pyro's
 * {@code _pyroTraceback}) as {@link #remoteTraceback()}.
 */
public class PyroException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private volatile List<String> remoteTraceback;

    public PyroException(String message) {
        super(message);
    }

    public PyroException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The Python class name (without module) this exception travels as, e.g. {@code PyroError}. */
    public String pythonName() {
        return "PyroError";
    }

    /** The remote traceback lines (each ending in a newline), or {@code null} for a local exception. */
    public List<String> remoteTraceback() {
        return remoteTraceback;
    }

    /** Attaches the traceback lines received from the remote side. */
    public PyroException withRemoteTraceback(List<String> lines) {
        this.remoteTraceback = lines == null ? null : List.copyOf(lines);
        return this;
    }

    /** The remote traceback as one text, as Python's {@code Pyro.util.getPyroTraceback} prints it. */
    public String formattedRemoteTraceback() {
        if (remoteTraceback == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" +--- This exception occured remotely (Pyro) - Remote traceback:\n");
        for (String line : remoteTraceback) {
            for (String l : line.split("\n", -1)) {
                if (!l.isEmpty()) {
                    sb.append(" | ").append(l).append('\n');
                }
            }
        }
        return sb.append(" +--- End of remote traceback\n").toString();
    }
}
