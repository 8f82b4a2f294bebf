package org.jpyro.tools;

import java.io.PrintStream;

import org.jpyro.api.PyroConfig;

/** {@code check-config}: prints the version and the active configuration, like {@code pyro4-check-config}. */
final class CheckConfigTool implements Tool {
    @Override
    public String name() {
        return "check-config";
    }

    @Override
    public String summary() {
        return "print jpyro's version and the active configuration (defaults + PYRO_* overrides)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Options options = new Options("jpyro check-config");
        if (Options.wantsHelp(args)) {
            out.print(options.help());
            return 0;
        }
        options.parse(args, 0);
        if (!options.positional().isEmpty()) {
            throw new Options.UsageException("unexpected arguments: " + options.positional());
        }
        PyroConfig config = PyroConfig.fromEnvironment();
        String version = Main.class.getPackage().getImplementationVersion();
        out.println("jpyro version: " + (version == null ? "development" : version));
        out.println("Java version: " + System.getProperty("java.vm.name") + " " + Runtime.version());
        out.println("Protocol version: " + config.protocolVersion().number() + " (daemons serve 48 and 502)");
        out.println("Currently active global configuration settings:");
        out.print(config.dump());
        return 0;
    }
}
