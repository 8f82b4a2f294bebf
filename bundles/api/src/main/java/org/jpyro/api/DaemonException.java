package org.jpyro.api;

/** The daemon refused a request (unknown object, bad registration...). Python: {@code DaemonError}. */
public class DaemonException extends PyroException {
    private static final long serialVersionUID = 1L;

    public DaemonException(String message) {
        super(message);
    }

    public DaemonException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "DaemonError";
    }
}
