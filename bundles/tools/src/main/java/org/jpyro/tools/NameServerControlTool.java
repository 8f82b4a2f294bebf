package org.jpyro.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroException;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.client.Proxy;
import org.jpyro.naming.NameServerLocator;

/**
 * {@code nsc}: Pyro's name server control tool, with Pyro's commands (Pyro4's and Pyro5's), options and output.
 * {@code listmeta_all}/{@code listmeta_any} (Pyro4) and {@code yplookup_all}/{@code yplookup_any} (Pyro5,
 * {@code yplookup} = {@code yplookup_all}) do the same search.
 */
final class NameServerControlTool implements Tool {
    private static final List<String> COMMANDS = List.of("register", "remove", "removematching", "list",
            "listmatching", "lookup", "listmeta_all", "listmeta_any", "yplookup", "yplookup_all", "yplookup_any",
            "setmeta", "ping");

    @Override
    public String name() {
        return "nsc";
    }

    @Override
    public String summary() {
        return "name server control: " + String.join(" ", COMMANDS);
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        PyroConfig config = PyroConfig.fromEnvironment();
        Options options = new Options("jpyro nsc [options] command [arguments]\nCommands: "
                + String.join(" ", COMMANDS))
                .value("n", "host", "hostname of the NS")
                .value("p", "port", "port of the NS (or bc-port if host isn't specified)")
                .value("u", "unixsocket", "Unix domain socket name of the NS")
                .flag("v", "verbose", "verbose output");
        if (Options.wantsHelp(args)) {
            out.print(options.help());
            return 0;
        }
        options.parse(args, 0);
        List<String> rest = options.positional();
        if (rest.isEmpty() || !COMMANDS.contains(rest.get(0))) {
            throw new Options.UsageException("invalid or missing command");
        }
        boolean verbose = options.has("verbose");
        if (verbose) {
            out.println("Locating name server...");
        }
        String host = options.get("host", null);
        if (options.has("unixsocket")) {
            host = "./u:" + options.get("unixsocket", null);
        }
        Proxy ns;
        try {
            ns = new NameServerLocator(config).locate(host, options.getInt("port", 0), true);
        } catch (PyroException e) {
            out.println("Error: " + e.getMessage());
            return 1;
        }
        try (ns) {
            if (verbose) {
                out.println("Name server found: " + ns.uri());
            }
            try {
                command(ns, rest.get(0), rest.subList(1, rest.size()), out);
            } catch (SystemExit e) {
                err.println(e.getMessage());
                return 1;
            } catch (PyroException e) {
                out.println("Error: " + typeName(e) + " - " + e.getMessage());
                return 1;
            }
            if (verbose) {
                out.println("Done.");
            }
        }
        out.flush();
        return 0;
    }

    /** Like Python's {@code raise SystemExit(message)}. */
    private static final class SystemExit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SystemExit(String message) {
            super(message);
        }
    }

    private static void command(Proxy ns, String cmd, List<String> a, PrintStream out) throws Exception {
        switch (cmd) {
            case "ping" -> {
                ns.call("ping");
                out.println("Name server ping ok.");
            }
            case "list" -> {
                if (a.isEmpty()) {
                    printList(out, ns.callKw("list", List.of(), Map.of("return_metadata", true)), "");
                } else {
                    printList(out, ns.callKw("list", List.of(), Map.of("prefix", a.get(0), "return_metadata", true)),
                            "- prefix '" + a.get(0) + "'");
                }
            }
            case "listmatching" -> {
                require(a.size() == 1, "requires one argument: pattern");
                printList(out, ns.callKw("list", List.of(), Map.of("regex", a.get(0), "return_metadata", true)),
                        "- regex '" + a.get(0) + "'");
            }
            case "lookup" -> {
                require(a.size() == 1, "requires one argument: name");
                List<?> result = (List<?>) ns.callKw("lookup", List.of(a.get(0)), Map.of("return_metadata", true));
                out.println(result.get(0));
                if (!isEmpty(result.get(1))) {
                    out.println("metadata: " + repr(result.get(1)));
                }
            }
            case "register" -> {
                require(a.size() == 2, "requires two arguments: name uri");
                ns.callKw("register", List.of(a.get(0), a.get(1)), Map.of("safe", true));
                out.println("Registered " + a.get(0));
            }
            case "remove" -> {
                require(a.size() == 1, "requires one argument: name");
                int count = ((Number) ns.call("remove", a.get(0))).intValue();
                out.println(count > 0 ? "Removed " + a.get(0) : "Nothing removed");
            }
            case "removematching" -> {
                require(a.size() == 1, "requires one argument: pattern");
                out.print("Potentially removing lots of items from the Name server. Are you sure (y/n)?");
                out.flush();
                String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
                String sure = line == null ? "" : line.strip();
                if (sure.equals("y") || sure.equals("Y")) {
                    int count = ((Number) ns.callKw("remove", List.of(), Map.of("regex", a.get(0)))).intValue();
                    out.println(count + " items removed.");
                }
            }
            case "setmeta" -> {
                require(!a.isEmpty(), "requires arguments: uri and zero or more meta tags");
                Set<String> metadata = new LinkedHashSet<>(a.subList(1, a.size()));
                ns.call("set_metadata", a.get(0), metadata);
                out.println(metadata.isEmpty() ? "Metadata cleared" : "Metadata updated");
            }
            case "listmeta_all", "listmeta_any", "yplookup", "yplookup_all", "yplookup_any" -> {
                require(!a.isEmpty(), "requires at least one metadata tag argument");
                boolean any = cmd.endsWith("_any");
                Set<String> tags = new LinkedHashSet<>(a);
                Object result = ns.methods().contains("yplookup")
                        ? ns.callKw("yplookup", List.of(), Map.of(any ? "meta_any" : "meta_all", tags,
                                "return_metadata", true))
                        : ns.callKw("list", List.of(), Map.of(any ? "metadata_any" : "metadata_all", tags,
                                "return_metadata", true));
                printList(out, result, " - searched by metadata");
            }
            default -> throw new SystemExit("invalid command " + cmd);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new SystemExit(message);
        }
    }

    private static void printList(PrintStream out, Object result, String title) {
        out.println("--------START LIST " + title);
        for (Map.Entry<String, Object> e : sorted(result).entrySet()) {
            List<?> pair = (List<?>) e.getValue();
            out.println(e.getKey() + " --> " + pair.get(0));
            if (!isEmpty(pair.get(1))) {
                out.println("    metadata: " + repr(pair.get(1)));
            }
        }
        out.println("--------END LIST " + title);
    }

    private static Map<String, Object> sorted(Object result) {
        Map<String, Object> sorted = new TreeMap<>();
        ((Map<?, ?>) result).forEach((k, v) -> sorted.put(String.valueOf(k), v));
        return sorted;
    }

    private static boolean isEmpty(Object v) {
        return v == null || (v instanceof Collection<?> c && c.isEmpty());
    }

    /** Python's repr of a set or list of strings (sets sorted, for a stable output). */
    static String repr(Object v) {
        if (v instanceof Set<?> s) {
            List<String> items = new ArrayList<>();
            s.forEach(i -> items.add(repr(i)));
            items.sort(null);
            return "{" + String.join(", ", items) + "}";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Iterator<?> it = l.iterator(); it.hasNext();) {
                sb.append(repr(it.next()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append(']').toString();
        }
        if (v instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return String.valueOf(v);
    }

    private static String typeName(PyroException e) {
        String name = e instanceof PyroRemoteException r ? r.pythonType() : e.pythonName();
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }
}
