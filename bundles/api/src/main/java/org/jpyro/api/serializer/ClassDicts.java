package org.jpyro.api.serializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jpyro.api.CommunicationException;
import org.jpyro.api.ConnectionClosedException;
import org.jpyro.api.DaemonException;
import org.jpyro.api.HasProxyState;
import org.jpyro.api.MessageTooLargeException;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SecurityException;
import org.jpyro.api.SerializeException;
import org.jpyro.api.TimeoutException;
import org.jpyro.api.Tuple;

/**
 * Pyro's class dicts ({@code {'__class__': ..., ...}}) for the objects every serializer must carry: URIs,
 * proxies, exceptions and batch exception wrappers, with the class names and state shapes of each protocol
 * version. Serializers call {@link #toClassDict} for any value that is not a plain Python value and
 * {@link #fromClassDict} for every decoded dict that has a {@code __class__} key.
 *
 * <h2>Converters for your own classes</h2>
 * The Java side of Pyro's {@code register_class_to_dict} / {@code register_dict_to_class}:
 * {@link #registerClassToDict} tells every serializer how to send instances of a class (and its subclasses)
 * as a dict, {@link #registerDictToClass} how to turn a received class dict with a given {@code __class__}
 * name into a Java object. Without a converter, records and JavaBeans are sent as class dicts named after
 * their Java class (see {@link PythonValues#normalize}) and received class dicts stay {@link Map}s. The
 * registrations are process-wide (like Pyro's), thread-safe, and take effect for the next value serialized.
 */
public final class ClassDicts {
    public static final String CLASS = "__class__";

    private ClassDicts() {
    }

    /**
     * The class dict for a URI, proxy, exception or {@link ExceptionWrapper}; {@code null} if the value is
     * none of these (the serializer then decides, usually with a {@link SerializeException}).
     */
    public static Map<String, Object> toClassDict(Object value, ProtocolVersion version) {
        if (value instanceof PyroURI) {
            PyroURI u = (PyroURI) value;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(CLASS, version.libraryName() + ".core.URI");
            d.put("state", Tuple.of(u.protocol(), u.object(), u.sockname(), u.host(), u.port()));
            return d;
        }
        if (value instanceof HasProxyState) {
            value = ((HasProxyState) value).proxyState();
        }
        if (value instanceof ProxyState) {
            return proxyDict((ProxyState) value, version);
        }
        if (value instanceof ExceptionWrapper) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(CLASS, version == ProtocolVersion.PYRO4 ? "Pyro4.futures._ExceptionWrapper" : "Pyro5.core._ExceptionWrapper");
            d.put("exception", exceptionDict(((ExceptionWrapper) value).exception(), version));
            return d;
        }
        if (value instanceof Throwable) {
            return exceptionDict((Throwable) value, version);
        }
        return null;
    }

    /**
     * Registers how instances of {@code type} (and of its subclasses) are sent: the converter's dict, which
     * should carry a {@code __class__} entry naming the class for the receiver. Replaces an earlier converter
     * for the same class. The converter of the value's exact class wins; otherwise that of the first
     * registered supertype (Pyro's {@code isinstance} lookup in registration order). Pyro's own types (URIs,
     * proxies, exceptions) and the values a serializer writes natively (numbers, strings, collections...) are
     * not affected.
     */
    public static <T> void registerClassToDict(Class<T> type, Function<? super T, Map<String, Object>> converter) {
        ClassDictConverters.registerClassToDict(type, converter);
    }

    /** Removes the class-to-dict converter registered for exactly this class; whether there was one. */
    public static boolean unregisterClassToDict(Class<?> type) {
        return ClassDictConverters.unregisterClassToDict(type);
    }

    /**
     * Registers how a received class dict whose {@code __class__} is {@code pythonClassName} becomes a Java
     * object: the converter gets the whole dict (with {@code __class__}). Consulted for every class name but
     * Pyro's URI, proxy and exception wrapper, also for exceptions. Replaces an earlier converter of that name.
     */
    public static void registerDictToClass(String pythonClassName, Function<Map<String, Object>, Object> converter) {
        ClassDictConverters.registerDictToClass(pythonClassName, converter);
    }

    /** Removes the dict-to-class converter of that Python class name; whether there was one. */
    public static boolean unregisterDictToClass(String pythonClassName) {
        return ClassDictConverters.unregisterDictToClass(pythonClassName);
    }

    /**
     * The dict of a registered class-to-dict converter for this value, or {@code null} if none applies.
     *
     * @throws SerializeException when the converter fails or returns {@code null}
     */
    public static Map<String, Object> convertedClassDict(Object value) {
        if (value == null) {
            return null;
        }
        Function<Object, Map<String, Object>> converter = ClassDictConverters.classToDict(value.getClass());
        if (converter == null) {
            return null;
        }
        Map<String, Object> d;
        try {
            d = converter.apply(value);
        } catch (SerializeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("class-to-dict converter for " + value.getClass().getName() + " failed: " + e, e);
        }
        if (d == null) {
            throw new SerializeException("class-to-dict converter for " + value.getClass().getName() + " returned null");
        }
        return d;
    }

    /** Pyro's exception dict: {@code __class__}, {@code __exception__}, {@code args}, {@code attributes}. */
    public static Map<String, Object> exceptionDict(Throwable t, ProtocolVersion version) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (t instanceof PyroRemoteException) {
            attributes.putAll(((PyroRemoteException) t).attributes());
        }
        attributes.put("_pyroTraceback", PythonExceptions.traceback(t));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(CLASS, PythonExceptions.pythonType(t, version));
        d.put("__exception__", Boolean.TRUE);
        d.put("args", Tuple.copyOf(PythonExceptions.args(t)));
        d.put("attributes", attributes);
        return d;
    }

    private static Map<String, Object> proxyDict(ProxyState p, ProtocolVersion version) {
        Map<String, Object> d = new LinkedHashMap<>();
        Tuple oneway = Tuple.copyOf(p.oneway());
        Tuple methods = Tuple.copyOf(p.methods());
        Tuple attrs = Tuple.copyOf(p.attrs());
        if (version == ProtocolVersion.PYRO4) {
            d.put(CLASS, "Pyro4.core.Proxy");
            String hmac = p.hmacKey() == null ? null : "b64:" + Base64.getEncoder().encodeToString(p.hmacKey());
            d.put("state", Tuple.of(p.uri().toString(), oneway, methods, attrs, p.timeout(), hmac, p.handshake(),
                    p.maxRetries(), p.serializer()));
        } else {
            d.put(CLASS, "Pyro5.client.Proxy");
            d.put("state", Tuple.of(p.uri().toString(), oneway, methods, attrs, p.handshake(), p.serializer()));
        }
        return d;
    }

    /**
     * The Java object for a decoded class dict: {@link PyroURI}, {@link ProxyState}, a {@link PyroException}
     * (Pyro errors as jpyro's own classes, other exceptions as {@link PyroRemoteException}) or an
     * {@link ExceptionWrapper}; for other class names the result of a converter registered with
     * {@link #registerDictToClass}, if any; any other dict is returned unchanged.
     *
     * @throws SerializeException when a known class dict is malformed or a registered converter fails
     */
    public static Object fromClassDict(Map<?, ?> dict) {
        Object cls = dict.get(CLASS);
        if (!(cls instanceof String)) {
            return dict;
        }
        String name = (String) cls;
        try {
            switch (name) {
                case "Pyro5.core.URI":
                case "Pyro4.core.URI":
                    return uri(list(dict.get("state")));
                case "Pyro5.client.Proxy":
                case "Pyro4.core.Proxy":
                    return proxy(list(dict.get("state")));
                case "Pyro5.core._ExceptionWrapper":
                case "Pyro4.futures._ExceptionWrapper": {
                    Object inner = dict.get("exception");
                    Object ex = inner instanceof Map ? fromClassDict((Map<?, ?>) inner) : inner;
                    if (!(ex instanceof Throwable)) {
                        throw new SerializeException("invalid _ExceptionWrapper: " + dict);
                    }
                    return new ExceptionWrapper((Throwable) ex);
                }
                default:
                    Function<Map<String, Object>, Object> converter = ClassDictConverters.dictToClass(name);
                    if (converter != null) {
                        return converted(converter, name, dict);
                    }
                    if (Boolean.TRUE.equals(dict.get("__exception__"))) {
                        return exception(name, dict);
                    }
                    return dict;
            }
        } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
            throw new SerializeException("invalid " + name + " class dict: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object converted(Function<Map<String, Object>, Object> converter, String name, Map<?, ?> dict) {
        try {
            return converter.apply((Map<String, Object>) dict);
        } catch (SerializeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializeException("dict-to-class converter for " + name + " failed: " + e, e);
        }
    }

    private static PyroURI uri(List<?> s) {
        String protocol = (String) s.get(0);
        String object = (String) s.get(1);
        String sockname = (String) s.get(2);
        String host = (String) s.get(3);
        int port = s.get(4) == null ? 0 : ((Number) s.get(4)).intValue();
        try {
            return sockname != null ? new PyroURI(protocol, object, null, 0, sockname)
                    : new PyroURI(protocol, object, host, port, null);
        } catch (PyroException e) {
            throw new SerializeException("invalid uri state " + s + ": " + e.getMessage(), e);
        }
    }

    private static ProxyState proxy(List<?> s) {
        PyroURI uri = PyroURI.parse((String) s.get(0));
        Set<String> oneway = names(s.get(1));
        Set<String> methods = names(s.get(2));
        Set<String> attrs = names(s.get(3));
        if (s.size() >= 8) {
            double timeout = s.get(4) == null ? 0.0 : ((Number) s.get(4)).doubleValue();
            byte[] hmac = null;
            Object h = s.get(5);
            if (h instanceof String && ((String) h).startsWith("b64:")) {
                hmac = Base64.getDecoder().decode(((String) h).substring(4));
            } else if (h instanceof String) {
                hmac = ((String) h).getBytes(StandardCharsets.UTF_8);
            } else if (h instanceof byte[]) {
                hmac = (byte[]) h;
            }
            Object handshake = s.get(6);
            int retries = s.get(7) == null ? 0 : ((Number) s.get(7)).intValue();
            String serializer = s.size() > 8 ? (String) s.get(8) : null;
            return new ProxyState(uri, oneway, methods, attrs, handshake, serializer, timeout, hmac, retries);
        }
        return new ProxyState(uri, oneway, methods, attrs, s.get(4), s.size() > 5 ? (String) s.get(5) : null, 0.0, null, 0);
    }

    private static Set<String> names(Object o) {
        Set<String> set = new LinkedHashSet<>();
        if (o instanceof Collection) {
            for (Object x : (Collection<?>) o) {
                set.add(String.valueOf(x));
            }
        } else if (o instanceof Object[]) {
            for (Object x : (Object[]) o) {
                set.add(String.valueOf(x));
            }
        }
        return set;
    }

    private static List<?> list(Object o) {
        if (o instanceof List) {
            return (List<?>) o;
        }
        if (o instanceof Object[]) {
            return List.of((Object[]) o);
        }
        throw new SerializeException("expected a state tuple, got " + o);
    }

    private static PyroException exception(String type, Map<?, ?> dict) {
        List<Object> args = new ArrayList<>();
        Object a = dict.get("args");
        if (a instanceof Collection) {
            args.addAll((Collection<?>) a);
        } else if (a instanceof Object[]) {
            args.addAll(List.of((Object[]) a));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        Object at = dict.get("attributes");
        if (at instanceof Map) {
            ((Map<?, ?>) at).forEach((k, v) -> attributes.put(String.valueOf(k), v));
        }
        Object tb = attributes.remove("_pyroTraceback");
        List<String> traceback = null;
        if (tb instanceof Collection) {
            traceback = new ArrayList<>();
            for (Object line : (Collection<?>) tb) {
                traceback.add(String.valueOf(line));
            }
        } else if (tb instanceof String) {
            traceback = List.of((String) tb);
        }
        if (type.contains("__")) {
            throw new SecurityException("refused to deserialize types with double underscores in their name: " + type);
        }
        PyroException ex = pyroError(type, args);
        if (ex == null) {
            ex = new PyroRemoteException(type, args, attributes);
        }
        ex.withRemoteTraceback(traceback);
        return ex;
    }

    private static PyroException pyroError(String type, List<Object> args) {
        if (!type.startsWith("Pyro4.errors.") && !type.startsWith("Pyro5.errors.")) {
            return null;
        }
        String message = args.isEmpty() ? "" : String.valueOf(args.get(0));
        switch (type.substring(13)) {
            case "PyroError": return new PyroException(message);
            case "CommunicationError": return new CommunicationException(message);
            case "ConnectionClosedError": return new ConnectionClosedException(message);
            case "TimeoutError": return new TimeoutException(message);
            case "ProtocolError": return new ProtocolException(message);
            case "MessageTooLargeError": return new MessageTooLargeException(message);
            case "SerializeError": return new SerializeException(message);
            case "NamingError": return new NamingException(message);
            case "DaemonError": return new DaemonException(message);
            case "SecurityError": return new SecurityException(message);
            default: return null;
        }
    }
}
