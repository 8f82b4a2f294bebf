package org.jpyro.serializer.pickle.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.ClassDicts;

/**
 * Completes the objects a pickle builds in several steps (NEWOBJ or REDUCE, then BUILD with the state Pyro's
 * {@code __getstate__} returns): Pyro4's URI (state {@code (protocol, object, sockname, host, port)}), Proxy (the
 * 9-item state, with a URI object and sets), {@code _ExceptionWrapper} ({@code {'exception': ...}}), exceptions
 * (args, then their {@code __dict__} with {@code _pyroTraceback}) and {@code uuid.UUID} ({@code {'int': n}}).
 * Pyro's objects go through {@link ClassDicts#fromClassDict}, so they come out exactly as from any serializer.
 */
final class PyroObjects {
    private PyroObjects() {
    }

    static Object complete(PyGlobal type, List<Object> args, Object state) {
        switch (type.kind()) {
            case PYRO_URI:
                if (state != null) {
                    return ClassDicts.fromClassDict(classDict("Pyro4.core.URI", "state", state));
                }
                return uri(args.isEmpty() ? null : args.get(0));
            case PYRO_PROXY:
                if (state != null) {
                    if (!(state instanceof List) || ((List<?>) state).size() < 8) {
                        throw new SerializeException("invalid Pyro4.core.Proxy state");
                    }
                    List<Object> s = new ArrayList<>((List<?>) state);
                    s.set(0, uri(s.get(0)).toString());
                    return ClassDicts.fromClassDict(classDict("Pyro4.core.Proxy", "state", Tuple.copyOf(s)));
                }
                return ProxyState.of(uri(args.isEmpty() ? null : args.get(0)));
            case PYRO_EXCEPTION_WRAPPER: {
                Map<?, ?> dict = instanceDict(type, state);
                return ClassDicts.fromClassDict(classDict("Pyro4.futures._ExceptionWrapper", "exception",
                        dict.get("exception")));
            }
            case BUILTIN_EXCEPTION:
            case PYRO_ERROR: {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put(ClassDicts.CLASS, type.qualifiedName());
                d.put("__exception__", Boolean.TRUE);
                d.put("args", Tuple.copyOf(args));
                d.put("attributes", state == null ? Map.of() : instanceDict(type, state));
                return ClassDicts.fromClassDict(d);
            }
            case UUID:
                return PythonObjects.uuidFromInt(instanceDict(type, state).get("int"));
            default:
                throw new SerializeException("cannot complete " + type.qualifiedName());
        }
    }

    private static PyroURI uri(Object o) {
        if (o instanceof PyroURI) {
            return (PyroURI) o;
        }
        if (o instanceof String) {
            try {
                return PyroURI.parse((String) o);
            } catch (PyroException e) {
                throw new SerializeException("invalid Pyro URI in pickle: " + e.getMessage(), e);
            }
        }
        throw new SerializeException("expected a Pyro URI, got " + Hashing.describe(o));
    }

    /** The instance dict from a BUILD state: a dict, or Python's {@code (dict, slots)} pair. */
    private static Map<?, ?> instanceDict(PyGlobal type, Object state) {
        if (state instanceof Map) {
            return (Map<?, ?>) state;
        }
        if (state instanceof List && ((List<?>) state).size() == 2) {
            List<?> pair = (List<?>) state;
            Map<Object, Object> merged = new LinkedHashMap<>();
            for (Object part : pair) {
                if (part instanceof Map) {
                    merged.putAll((Map<?, ?>) part);
                } else if (part != null) {
                    throw new SerializeException("invalid state for " + type.qualifiedName());
                }
            }
            return merged;
        }
        throw new SerializeException("invalid state for " + type.qualifiedName() + ": " + Hashing.describe(state));
    }

    private static Map<String, Object> classDict(String cls, String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(ClassDicts.CLASS, cls);
        d.put(key, value);
        return d;
    }
}
