package org.jpyro.tools;

import java.util.Locale;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.PyroURI;

/**
 * What {@code bench} measures: which method of which object, how, how often, with how many threads.
 *
 * @param uri         the object
 * @param method      the method called
 * @param arg         its one argument
 * @param mode        how it is called
 * @param calls       calls per run, all threads together
 * @param threads     client threads
 * @param shared      whether the threads share one proxy
 * @param serializer  the serializer's name
 * @param protocol    the Pyro protocol spoken
 * @param runs        timed runs
 * @param batchSize   calls per batch in {@link Mode#BATCH}
 * @param warmupCalls calls of the untimed warm-up run
 * @param config      the proxies' config
 */
record BenchPlan(PyroURI uri, String method, String arg, Mode mode, int calls, int threads, boolean shared,
        String serializer, ProtocolVersion protocol, int runs, int batchSize, int warmupCalls, PyroConfig config) {

    /** How the method is called. */
    enum Mode {
        /** Normal calls, one at a time per thread. */
        CALL,
        /** Oneway calls; each thread ends with a ping, so the server has read them all when the run ends. */
        ONEWAY,
        /** Calls collected into batches of {@code batchSize}, one request per batch. */
        BATCH,
        /** A new proxy per call: connect, handshake, call, close. */
        CONNECT
    }

    /** The calls of thread {@code index} when a run makes {@code total} calls. */
    int callsOfThread(int index, int total) {
        return total / threads + (index < total % threads ? 1 : 0);
    }

    /** One line about the plan, printed before the runs. */
    String describe() {
        return String.format(Locale.ROOT, "%s('%s') on %s; mode %s%s, %d calls per run, %d thread%s%s, %s, %s; %d run%s after %d warm-up calls",
                method, arg, uri, mode.name().toLowerCase(Locale.ROOT),
                mode == Mode.BATCH ? " (" + batchSize + " calls per batch)" : "", calls, threads, threads == 1 ? "" : "s",
                threads > 1 ? (shared ? " sharing one proxy" : " with a proxy each") : "", serializer,
                protocol.libraryName(), runs, runs == 1 ? "" : "s", warmupCalls);
    }
}
