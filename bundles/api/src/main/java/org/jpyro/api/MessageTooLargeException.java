package org.jpyro.api;

/** A frame exceeded MAX_MESSAGE_SIZE; nothing was allocated for it. Python: {@code MessageTooLargeError}. */
public class MessageTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(String message) {
        super(message);
    }

    public MessageTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "MessageTooLargeError";
    }
}
