package org.jpyro.api.serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.ConcurrentModificationException;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;

/**
 * How Java exceptions look to Python and back: the Python class a Java exception travels as, and Pyro's
 * remote traceback format for Java stack traces.
 *
 * <table>
 * <caption>Java exceptions as Python sees them</caption>
 * <tr><th>Java</th><th>Python</th></tr>
 * <tr><td>{@link IllegalArgumentException} (and {@link NumberFormatException})</td><td>ValueError</td></tr>
 * <tr><td>{@link IndexOutOfBoundsException}</td><td>IndexError</td></tr>
 * <tr><td>{@link NoSuchElementException}</td><td>KeyError</td></tr>
 * <tr><td>{@link ClassCastException}</td><td>TypeError</td></tr>
 * <tr><td>{@link UnsupportedOperationException}</td><td>NotImplementedError</td></tr>
 * <tr><td>{@link ArithmeticException}</td><td>ZeroDivisionError</td></tr>
 * <tr><td>{@link IllegalStateException}, {@link ConcurrentModificationException}</td><td>RuntimeError</td></tr>
 * <tr><td>{@link java.util.concurrent.TimeoutException}</td><td>TimeoutError</td></tr>
 * <tr><td>{@link IOException}, {@link UncheckedIOException}</td><td>OSError</td></tr>
 * <tr><td>{@link OutOfMemoryError}</td><td>MemoryError</td></tr>
 * <tr><td>{@link StackOverflowError}</td><td>RecursionError</td></tr>
 * <tr><td>a jpyro {@link PyroException}</td><td>the Pyro error of the same name ({@code Pyro5.errors.DaemonError}...)</td></tr>
 * <tr><td>a {@link PyroRemoteException}</td><td>the Python exception it was made from</td></tr>
 * <tr><td>anything else</td><td>Exception</td></tr>
 * </table>
 */
public final class PythonExceptions {
    private static final int MAX_FRAMES = 64;
    /** Frames below the first one in this package are the daemon's machinery, not the user's code. */
    private static final String DISPATCH_PACKAGE = "org.jpyro.daemon.";

    private static final Map<Class<?>, String> BUILTINS = new LinkedHashMap<>();

    static {
        BUILTINS.put(IllegalArgumentException.class, "ValueError");
        BUILTINS.put(IndexOutOfBoundsException.class, "IndexError");
        BUILTINS.put(NoSuchElementException.class, "KeyError");
        BUILTINS.put(ClassCastException.class, "TypeError");
        BUILTINS.put(UnsupportedOperationException.class, "NotImplementedError");
        BUILTINS.put(ArithmeticException.class, "ZeroDivisionError");
        BUILTINS.put(IllegalStateException.class, "RuntimeError");
        BUILTINS.put(ConcurrentModificationException.class, "RuntimeError");
        BUILTINS.put(java.util.concurrent.TimeoutException.class, "TimeoutError");
        BUILTINS.put(IOException.class, "OSError");
        BUILTINS.put(UncheckedIOException.class, "OSError");
        BUILTINS.put(OutOfMemoryError.class, "MemoryError");
        BUILTINS.put(StackOverflowError.class, "RecursionError");
    }

    private PythonExceptions() {
    }

    /** The qualified Python class name a Java exception travels as, e.g. {@code builtins.ValueError}. */
    public static String pythonType(Throwable t, org.jpyro.api.ProtocolVersion version) {
        if (t instanceof PyroRemoteException) {
            return ((PyroRemoteException) t).pythonType();
        }
        if (t instanceof PyroException) {
            return version.libraryName() + ".errors." + ((PyroException) t).pythonName();
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            String name = BUILTINS.get(c);
            if (name != null) {
                return "builtins." + name;
            }
        }
        return "builtins.Exception";
    }

    /**
     * How many of the innermost frames matter: those down to and including the daemon's dispatch frame that
     * called the user's code (like Pyro's {@code handleRequest} line), or all when no daemon frame is present.
     */
    private static int relevantFrames(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(DISPATCH_PACKAGE)) {
                return i + 1;
            }
        }
        return frames.length;
    }

    /** The exception's Python {@code args}: the remote args, or the message alone, or nothing. */
    public static List<Object> args(Throwable t) {
        if (t instanceof PyroRemoteException) {
            return ((PyroRemoteException) t).args();
        }
        String msg = t.getMessage();
        return msg == null ? List.of() : List.of(msg);
    }

    /**
     * The remote traceback to send for an exception: the one it arrived with, or its Java stack trace in
     * Pyro's format ({@code Traceback (most recent call last):}, one {@code File} line per frame, most
     * recent last, then {@code <java class>: <message>}), causes included as Python chains them.
     */
    public static List<String> traceback(Throwable t) {
        if (t instanceof PyroException && ((PyroException) t).remoteTraceback() != null) {
            return ((PyroException) t).remoteTraceback();
        }
        Deque<Throwable> chain = new ArrayDeque<>();
        for (Throwable c = t; c != null && chain.size() < 8 && !chain.contains(c); c = c.getCause()) {
            chain.push(c);
        }
        List<String> lines = new ArrayList<>();
        boolean first = true;
        for (Throwable c : chain) {
            if (!first) {
                lines.add("\nThe above exception was the direct cause of the following exception:\n\n");
            }
            first = false;
            lines.add("Traceback (most recent call last):\n");
            StackTraceElement[] frames = c.getStackTrace();
            int n = Math.min(relevantFrames(frames), MAX_FRAMES);
            for (int i = n - 1; i >= 0; i--) {
                StackTraceElement f = frames[i];
                String file = f.getFileName() == null ? "<unknown>" : f.getFileName();
                lines.add("  File \"" + file + "\", line " + Math.max(f.getLineNumber(), 0) + ", in "
                        + f.getClassName() + "." + f.getMethodName() + "\n");
            }
            String msg = c.getMessage();
            lines.add(c.getClass().getName() + (msg == null ? "" : ": " + msg) + "\n");
        }
        return lines;
    }
}
