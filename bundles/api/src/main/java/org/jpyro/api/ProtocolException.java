package org.jpyro.api;

/** A frame broke the Pyro wire protocol (bad header, checksum, sequence, size...). Python: {@code ProtocolError}. */
public class ProtocolException extends CommunicationException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "ProtocolError";
    }
}
