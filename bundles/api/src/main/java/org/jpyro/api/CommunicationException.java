package org.jpyro.api;

/** A network problem: a connection could not be made, was refused or broke. Python: {@code CommunicationError}. */
public class CommunicationException extends PyroException {
    private static final long serialVersionUID = 1L;

    public CommunicationException(String message) {
        super(message);
    }

    public CommunicationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "CommunicationError";
    }
}
