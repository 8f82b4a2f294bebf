package org.jpyro.api;

/** A security check failed (HMAC mismatch, forbidden class, untrusted peer). Python: {@code SecurityError}. */
public class SecurityException extends PyroException {
    private static final long serialVersionUID = 1L;

    public SecurityException(String message) {
        super(message);
    }

    public SecurityException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "SecurityError";
    }
}
