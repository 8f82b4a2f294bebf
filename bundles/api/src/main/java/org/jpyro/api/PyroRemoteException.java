package org.jpyro.api;

import java.util.List;
import java.util.Map;

/**
 * A Python exception raised by a remote object that has no jpyro class of its own, such as
 * {@code builtins.ValueError}: its Python type name, constructor args and instance attributes as sent.
 * Sending it back to a Python peer reproduces the same exception.
 */
public class PyroRemoteException extends PyroException {
    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final transient List<Object> args;
    private final transient Map<String, Object> attributes;

    public PyroRemoteException(String pythonType, List<Object> args, Map<String, Object> attributes) {
        super(render(args));
        this.pythonType = pythonType;
        this.args = args == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
        this.attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    /** The qualified Python class name, e.g. {@code builtins.ValueError}. */
    public String pythonType() {
        return pythonType;
    }

    /** The class name without its module, e.g. {@code ValueError}. */
    @Override
    public String pythonName() {
        int dot = pythonType.lastIndexOf('.');
        return dot < 0 ? pythonType : pythonType.substring(dot + 1);
    }

    /** The exception's {@code args} tuple. */
    public List<Object> args() {
        return args;
    }

    /** The exception's instance attributes other than the traceback. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return pythonType + ": " + getMessage();
    }

    /** Python's {@code str(exception)}: empty, the single argument, or the args tuple. */
    private static String render(List<Object> args) {
        if (args == null || args.isEmpty()) {
            return "";
        }
        if (args.size() == 1) {
            return String.valueOf(args.get(0));
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object a = args.get(i);
            sb.append(a instanceof String ? "'" + a + "'" : String.valueOf(a));
        }
        return sb.append(')').toString();
    }
}
