package org.jpyro.api;

/** A network operation took longer than COMMTIMEOUT. Python: {@code TimeoutError}. */
public class TimeoutException extends CommunicationException {
    private static final long serialVersionUID = 1L;

    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "TimeoutError";
    }
}
