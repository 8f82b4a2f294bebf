/**
 * JMH benchmarks: {@link org.jpyro.benchmarks.CallBenchmark} (sequential jpyro calls over loopback, Pyro4 and
 * Pyro5) beside {@link org.jpyro.benchmarks.RawSocketBenchmark} (a raw socket ping-pong of the same frame sizes,
 * the physical limit). Run {@code benchmarks/run.sh}.
 */
package org.jpyro.benchmarks;
