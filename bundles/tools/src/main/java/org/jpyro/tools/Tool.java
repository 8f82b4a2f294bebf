package org.jpyro.tools;

import java.io.PrintStream;

/** One command of {@code jpyro.jar}. */
interface Tool {
    /** The name that selects it: {@code echoserver}, {@code check-config}... */
    String name();

    /** One line for the tool list. */
    String summary();

    /**
     * Runs the tool.
     *
     * @return the process exit code
     */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
