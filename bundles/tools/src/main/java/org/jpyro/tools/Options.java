package org.jpyro.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small getopt-style parser for the tools: declared short and long options, flags or with a value
 * ({@code -p 9090}, {@code -p9090}, {@code --port 9090}, {@code --port=9090}), bundled flags ({@code -vq}),
 * and positional arguments.
 */
final class Options {
    private final String usage;
    private final Map<String, Option> byName = new HashMap<>();
    private final Map<Option, String> values = new LinkedHashMap<>();
    private final Set<Option> flags = new HashSet<>();
    private final List<Option> declared = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    private record Option(String shortName, String longName, boolean takesValue, String help) {
    }

    Options(String usage) {
        this.usage = usage;
    }

    Options flag(String shortName, String longName, String help) {
        return add(new Option(shortName, longName, false, help));
    }

    Options value(String shortName, String longName, String help) {
        return add(new Option(shortName, longName, true, help));
    }

    private Options add(Option o) {
        declared.add(o);
        if (o.shortName() != null) {
            byName.put("-" + o.shortName(), o);
        }
        byName.put("--" + o.longName(), o);
        return this;
    }

    /** Whether the arguments ask for help ({@code -h}/{@code --help}) before anything else is checked. */
    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("-h") || a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /** Parses the arguments; throws {@link UsageException} on anything unknown or incomplete. */
    Options parse(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                positional.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                Option o = lookup(eq < 0 ? a : a.substring(0, eq));
                if (o.takesValue()) {
                    if (eq >= 0) {
                        values.put(o, a.substring(eq + 1));
                    } else if (i + 1 < args.length) {
                        values.put(o, args[++i]);
                    } else {
                        throw new UsageException("option " + a + " requires an argument");
                    }
                } else if (eq >= 0) {
                    throw new UsageException("option " + a.substring(0, eq) + " takes no argument");
                } else {
                    flags.add(o);
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int c = 1; c < a.length(); c++) {
                    Option o = lookup("-" + a.charAt(c));
                    if (o.takesValue()) {
                        String rest = a.substring(c + 1);
                        if (!rest.isEmpty()) {
                            values.put(o, rest);
                        } else if (i + 1 < args.length) {
                            values.put(o, args[++i]);
                        } else {
                            throw new UsageException("option -" + a.charAt(c) + " requires an argument");
                        }
                        break;
                    }
                    flags.add(o);
                }
            } else {
                positional.add(a);
            }
        }
        return this;
    }

    private Option lookup(String name) {
        Option o = byName.get(name);
        if (o == null) {
            throw new UsageException("no such option: " + name);
        }
        return o;
    }

    boolean has(String longName) {
        Option o = byName.get("--" + longName);
        return flags.contains(o) || values.containsKey(o);
    }

    String get(String longName, String defaultValue) {
        String v = values.get(byName.get("--" + longName));
        return v == null ? defaultValue : v;
    }

    int getInt(String longName, int defaultValue) {
        String v = get(longName, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + longName + ": invalid integer value: '" + v + "'");
        }
    }

    List<String> positional() {
        return positional;
    }

    String help() {
        StringBuilder sb = new StringBuilder("Usage: ").append(usage).append("\n\nOptions:\n");
        sb.append(String.format("  %-28s %s%n", "-h, --help", "show this help message and exit"));
        for (Option o : declared) {
            String names = (o.shortName() != null ? "-" + o.shortName() + ", " : "    ") + "--" + o.longName()
                    + (o.takesValue() ? "=" + o.longName().toUpperCase(java.util.Locale.ROOT) : "");
            sb.append(String.format("  %-28s %s%n", names, o.help()));
        }
        return sb.toString();
    }

    /** Bad command line; the message is shown with the tool's usage. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
