package org.jpyro.tools;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Logging for the command line tools, as Pyro does it: quiet unless {@code PYRO_LOGLEVEL} names a level
 * ({@code DEBUG}, {@code INFO}, {@code WARNING}, {@code ERROR}), one line per record on standard error.
 * jpyro logs through {@link System.Logger}, which goes to {@code java.util.logging} in the plain JDK.
 */
final class ToolLogging {
    private ToolLogging() {
    }

    static void configure(String pyroLogLevel) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        Level level = level(pyroLogLevel);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new SimpleFormatter() {
            @Override
            public String format(LogRecord r) {
                String text = String.format(Locale.ROOT, "%1$tF %1$tT [%2$s] %3$s %4$s%n", r.getMillis(),
                        r.getLevel().getName(), r.getLoggerName(), formatMessage(r));
                if (r.getThrown() != null) {
                    java.io.StringWriter sw = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                    text += sw;
                }
                return text;
            }
        });
        root.addHandler(handler);
        root.setLevel(level);
    }

    private static Level level(String name) {
        if (name == null || name.isBlank()) {
            return Level.WARNING;
        }
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "DEBUG": return Level.FINE;
            case "INFO": return Level.INFO;
            case "WARN": case "WARNING": return Level.WARNING;
            case "ERROR": case "CRITICAL": return Level.SEVERE;
            default: return Level.parse(name.trim().toUpperCase(Locale.ROOT));
        }
    }
}
