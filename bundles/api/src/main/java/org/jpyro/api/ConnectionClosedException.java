package org.jpyro.api;

/** The other side closed the connection. Python: {@code ConnectionClosedError}. */
public class ConnectionClosedException extends CommunicationException {
    private static final long serialVersionUID = 1L;

    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "ConnectionClosedError";
    }
}
