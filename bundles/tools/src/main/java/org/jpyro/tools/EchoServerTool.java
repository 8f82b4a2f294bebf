package org.jpyro.tools;

import java.io.PrintStream;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;
import org.jpyro.client.Proxy;
import org.jpyro.daemon.Daemon;
import org.jpyro.naming.NameServerHandle;
import org.jpyro.naming.NameServers;

/**
 * {@code echoserver}: Pyro's test echo server, with Pyro's options and output. One port serves Pyro4 and Pyro5
 * clients.
 */
final class EchoServerTool implements Tool {
    @Override
    public String name() {
        return "echoserver";
    }

    @Override
    public String summary() {
        return "Pyro's test echo server (object test.echoserver), for Pyro4 and Pyro5 clients on one port";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        PyroConfig config = PyroConfig.fromEnvironment();
        Options options = new Options("jpyro echoserver [options]")
                .value("H", "host", "hostname to bind server on (default=" + config.getString(ConfigItem.HOST) + ")")
                .value("p", "port", "port to bind server on (0 = any free port)")
                .value("u", "unixsocket", "Unix domain socket name to bind server on")
                .flag("n", "naming", "register with the name server (PYRO_NS_HOST, PYRO_NS_PORT)")
                .flag("N", "nameserver", "also start a name server (on the same host, port NS_PORT) and register in it")
                .flag("v", "verbose", "verbose output")
                .flag("q", "quiet", "don't output anything");
        if (Options.wantsHelp(args)) {
            out.print(options.help());
            return 0;
        }
        options.parse(args, 0);
        if (!options.positional().isEmpty()) {
            throw new Options.UsageException("unexpected arguments: " + options.positional());
        }
        boolean verbose = options.has("verbose");
        boolean quiet = options.has("quiet") && !verbose;
        if (!quiet) {
            out.println("Starting jpyro's built-in test echo server.");
        }
        EchoServer echo = new EchoServer(out, 5000);
        echo.setVerbose(verbose);
        Daemon.Builder builder = Daemon.builder().config(config);
        if (options.has("unixsocket")) {
            builder.unixSocket(options.get("unixsocket", null));
        } else {
            builder.host(options.get("host", config.getString(ConfigItem.HOST))).port(options.getInt("port", 0));
        }
        String host = options.get("host", config.getString(ConfigItem.HOST));
        boolean startNameServer = options.has("nameserver");
        try (NameServerHandle nameServer = startNameServer
                ? NameServers.builder().host(host).port(config.getInt(ConfigItem.NS_PORT)).config(config).start() : null;
             Daemon daemon = builder.build()) {
            PyroURI uri = daemon.register(echo, EchoServer.OBJECT_ID);
            daemon.start();
            if (options.has("naming") || startNameServer) {
                PyroURI ns = startNameServer ? nameServer.uri()
                        : PyroURI.of("Pyro.NameServer", config.getString(ConfigItem.NS_HOST), config.getInt(ConfigItem.NS_PORT));
                try (Proxy nameServerProxy = new Proxy(ns, config)) {
                    nameServerProxy.call("register", EchoServer.OBJECT_ID, uri);
                }
                if (!quiet && startNameServer) {
                    out.println("name server uri: " + ns);
                }
                if (verbose) {
                    out.println("using name server at " + ns);
                }
            } else if (verbose) {
                out.println("not using a name server.");
            }
            if (!quiet) {
                out.println("object name: " + EchoServer.OBJECT_ID);
                out.println("echo uri: " + uri);
                out.println("echoserver running.");
            }
            out.flush();
            daemon.requestLoop(() -> !echo.mustShutdown());
        }
        return 0;
    }
}
