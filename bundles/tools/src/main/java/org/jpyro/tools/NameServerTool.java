package org.jpyro.tools;

import java.io.PrintStream;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.naming.NameServerHandle;
import org.jpyro.naming.NameServerStorage;
import org.jpyro.naming.NameServers;

/** {@code ns}: the Pyro name server, with Pyro's options and output; serves Pyro4 and Pyro5 clients on one port. */
final class NameServerTool implements Tool {
    @Override
    public String name() {
        return "ns";
    }

    @Override
    public String summary() {
        return "the Pyro name server (Pyro.NameServer) for Pyro4 and Pyro5 clients, with broadcast responder";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        PyroConfig config = PyroConfig.fromEnvironment();
        Options options = new Options("jpyro ns [options]")
                .value("n", "host", "hostname to bind server on (default=" + config.getString(ConfigItem.HOST) + ")")
                .value("p", "port", "port to bind server on (0=random, default=" + config.getInt(ConfigItem.NS_PORT) + ")")
                .value("u", "unixsocket", "Unix domain socket name to bind server on")
                .value("s", "storage", "storage system to use: memory (default), embedded:PATH (one file, survives"
                        + " restarts; Pyro's sql:PATH and dbm:PATH are aliases) or jdbc:URL (e.g."
                        + " jdbc:postgresql://host/db?user=u&password=p, shared by several name servers)")
                .value(null, "bchost", "hostname to bind broadcast server on (default is \"\")")
                .value(null, "bcport", "port to bind broadcast server on (0=random, default="
                        + config.getInt(ConfigItem.NS_BCPORT) + ")")
                .value(null, "nathost", "external hostname in case of NAT")
                .value(null, "natport", "external port in case of NAT")
                .flag("x", "nobc", "don't start a broadcast server");
        if (Options.wantsHelp(args)) {
            out.print(options.help());
            return 0;
        }
        options.parse(args, 0);
        if (!options.positional().isEmpty()) {
            throw new Options.UsageException("unexpected arguments: " + options.positional());
        }
        String storageSpec = options.get("storage", "memory");
        if (!storageSpec.equals("memory") && !storageSpec.matches("(embedded|sql|dbm|jdbc):.+")) {
            throw new Options.UsageException("invalid storage type '" + storageSpec
                    + "' (use memory, embedded:PATH or jdbc:URL)");
        }
        NameServerStorage storage = NameServers.storage(storageSpec);
        NameServers.Builder builder = NameServers.builder().config(config).broadcast(!options.has("nobc"))
                .storage(storage);
        boolean unix = options.has("unixsocket");
        if (unix) {
            builder.unixSocket(options.get("unixsocket", null));
        } else {
            builder.host(options.get("host", config.getString(ConfigItem.HOST)))
                    .port(options.getInt("port", config.getInt(ConfigItem.NS_PORT)));
        }
        if (options.has("bchost")) {
            builder.bcHost(options.get("bchost", null));
        }
        if (options.has("bcport")) {
            builder.bcPort(options.getInt("bcport", 0));
        }
        if (options.has("nathost")) {
            builder.natHost(options.get("nathost", null));
        }
        if (options.has("natport")) {
            builder.natPort(options.getInt("natport", 0));
        }
        NameServerHandle started;
        try {
            started = builder.start();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        try (NameServerHandle ns = started) {
            String hostIp;
            if (unix) {
                hostIp = "Unix domain socket";
            } else {
                hostIp = ns.internalUri().host();
                if (hostIp.contains(":")) {
                    out.println("Not starting broadcast server for IPv6.");
                } else if (hostIp.startsWith("127.")) {
                    out.println("Not starting broadcast server for localhost.");
                }
            }
            if (ns.broadcast() != null) {
                out.println("Broadcast server running on " + ns.broadcast().locationStr());
            }
            int existing = ns.nameServer().count();
            if (existing > 1) { // not counting the name server's own entry, as Pyro
                out.println("Persistent store contains " + existing + " existing registrations.");
            }
            out.println("NS running on " + ns.daemon().locationStr() + " (" + hostIp + ")");
            if (ns.daemon().natLocationStr() != null) {
                out.println("internal URI = " + ns.internalUri());
                out.println("external URI = " + ns.uri());
            } else {
                out.println("URI = " + ns.uri());
            }
            out.flush();
            ns.requestLoop();
        }
        out.println("NS shut down.");
        return 0;
    }
}
