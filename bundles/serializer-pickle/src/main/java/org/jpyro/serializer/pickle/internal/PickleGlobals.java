package org.jpyro.serializer.pickle.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.SecurityException;
import org.jpyro.serializer.pickle.internal.PyGlobal.Kind;

/**
 * The whitelist of Python globals a pickle may name (GLOBAL, STACK_GLOBAL, INST, OBJ): Python's builtin
 * containers, complex and exceptions, {@code datetime}, {@code decimal.Decimal}, {@code uuid.UUID}, the basic
 * {@code collections} types, {@code array}, and Pyro4's URI, Proxy, {@code _ExceptionWrapper} and errors.
 * Every other name is refused with a {@link SecurityException}: nothing is ever looked up by name in Java, so a
 * pickle can neither run code nor make an arbitrary Java object. Python 2 module names ({@code __builtin__},
 * {@code exceptions}, {@code copy_reg}) are read as their Python 3 names, as Python's unpickler does.
 */
final class PickleGlobals {
    private static final Set<String> BUILTIN_EXCEPTIONS = Set.of(
            "BaseException", "Exception", "ArithmeticError", "AssertionError", "AttributeError", "BlockingIOError",
            "BrokenPipeError", "BufferError", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
            "ConnectionRefusedError", "ConnectionResetError", "EOFError", "EnvironmentError", "FileExistsError",
            "FileNotFoundError", "FloatingPointError", "GeneratorExit", "IOError", "ImportError",
            "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError",
            "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError",
            "NotADirectoryError", "NotImplementedError", "OSError", "OverflowError", "PermissionError",
            "ProcessLookupError", "RecursionError", "ReferenceError", "RuntimeError", "StopAsyncIteration",
            "StopIteration", "SyntaxError", "SystemError", "SystemExit", "TabError", "TimeoutError", "TypeError",
            "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
            "UnicodeTranslateError", "ValueError", "ZeroDivisionError", "Warning", "UserWarning",
            "DeprecationWarning", "PendingDeprecationWarning", "RuntimeWarning", "SyntaxWarning",
            "FutureWarning", "ImportWarning", "UnicodeWarning", "BytesWarning", "ResourceWarning",
            "StandardError");

    private static final Set<String> PYRO_ERRORS = Set.of("PyroError", "CommunicationError",
            "ConnectionClosedError", "TimeoutError", "ProtocolError", "MessageTooLargeError", "NamingError",
            "DaemonError", "SecurityError", "SerializeError");

    private static final Map<String, PyGlobal> FIXED = new HashMap<>();

    static {
        builtin("set", Kind.SET);
        builtin("frozenset", Kind.FROZENSET);
        builtin("bytearray", Kind.BYTEARRAY);
        builtin("bytes", Kind.BYTES);
        builtin("complex", Kind.COMPLEX);
        builtin("object", Kind.OBJECT);
        builtin("list", Kind.LIST);
        builtin("dict", Kind.DICT);
        builtin("tuple", Kind.TUPLE);
        for (String t : new String[] {"int", "float", "str", "bool", "unicode", "long"}) {
            builtin(t, Kind.TYPE_ONLY);
        }
        fixed("_codecs", "encode", Kind.CODECS_ENCODE);
        fixed("copyreg", "_reconstructor", Kind.RECONSTRUCTOR);
        fixed("datetime", "datetime", Kind.DATETIME);
        fixed("datetime", "date", Kind.DATE);
        fixed("datetime", "time", Kind.TIME);
        fixed("datetime", "timedelta", Kind.TIMEDELTA);
        fixed("datetime", "timezone", Kind.TIMEZONE);
        fixed("decimal", "Decimal", Kind.DECIMAL);
        fixed("uuid", "UUID", Kind.UUID);
        fixed("collections", "OrderedDict", Kind.ORDERED_DICT);
        fixed("collections", "Counter", Kind.COUNTER);
        fixed("collections", "defaultdict", Kind.DEFAULT_DICT);
        fixed("collections", "deque", Kind.DEQUE);
        fixed("array", "array", Kind.ARRAY);
        fixed("array", "_array_reconstructor", Kind.ARRAY_RECONSTRUCTOR);
        fixed("Pyro4.core", "URI", Kind.PYRO_URI);
        fixed("Pyro4.core", "Proxy", Kind.PYRO_PROXY);
        fixed("Pyro4.futures", "_ExceptionWrapper", Kind.PYRO_EXCEPTION_WRAPPER);
        for (String e : BUILTIN_EXCEPTIONS) {
            builtin(e, Kind.BUILTIN_EXCEPTION);
        }
        for (String e : PYRO_ERRORS) {
            fixed("Pyro4.errors", e, Kind.PYRO_ERROR);
        }
    }

    private PickleGlobals() {
    }

    private static void builtin(String name, Kind kind) {
        fixed("builtins", name, kind);
    }

    private static void fixed(String module, String name, Kind kind) {
        FIXED.put(module + "." + name, new PyGlobal(module, name, kind));
    }

    /**
     * The whitelisted global of that name.
     *
     * @throws SecurityException for any name not on the whitelist
     */
    static PyGlobal lookup(String module, String name) {
        String m = python3Module(module);
        PyGlobal g = FIXED.get(m + "." + name);
        if (g == null) {
            throw new SecurityException("refused to unpickle " + printable(module) + "." + printable(name)
                    + ": not a whitelisted class");
        }
        return g;
    }

    private static String python3Module(String module) {
        switch (module) {
            case "__builtin__":
            case "exceptions":
                return "builtins";
            case "copy_reg":
                return "copyreg";
            default:
                return module;
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 80));
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 80 ? sb.append("...").toString() : sb.toString();
    }
}
