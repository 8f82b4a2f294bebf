package org.jpyro.api;

/** A name could not be registered, found or resolved. Python: {@code NamingError}. */
public class NamingException extends PyroException {
    private static final long serialVersionUID = 1L;

    public NamingException(String message) {
        super(message);
    }

    public NamingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "NamingError";
    }
}
