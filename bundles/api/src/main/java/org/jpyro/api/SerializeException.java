package org.jpyro.api;

/** A value could not be serialized or a payload could not be deserialized. Python: {@code SerializeError}. */
public class SerializeException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public SerializeException(String message) {
        super(message);
    }

    public SerializeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String pythonName() {
        return "SerializeError";
    }
}
