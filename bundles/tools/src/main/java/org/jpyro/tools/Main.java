package org.jpyro.tools;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code jpyro.jar}: {@code java -jar jpyro.jar <tool> [options]}.
 */
public final class Main {
    private static final List<Tool> TOOLS = List.of(new EchoServerTool(), new CheckConfigTool(), new NameServerTool(), new NameServerControlTool(), new BenchTool());

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        ToolLogging.configure(System.getenv("PYRO_LOGLEVEL"));
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a tool and returns its exit code (for tests and embedding). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        for (Tool tool : TOOLS) {
            if (tool.name().equals(args[0])) {
                String[] rest = Arrays.copyOfRange(args, 1, args.length);
                try {
                    return tool.run(rest, out, err);
                } catch (Options.UsageException e) {
                    err.println(tool.name() + ": error: " + e.getMessage());
                    return 2;
                }
            }
        }
        err.println("unknown tool: " + args[0]);
        err.print(usage());
        return 2;
    }

    private static String usage() {
        StringBuilder sb = new StringBuilder("Usage: java -jar jpyro.jar <tool> [options]   (<tool> -h for its options)\n\nTools:\n");
        for (Tool t : TOOLS) {
            sb.append(String.format("  %-14s %s%n", t.name(), t.summary()));
        }
        return sb.toString();
    }
}
