/**
 * JMH benchmarks: {@link org.jpyro.benchmarks.CallBenchmark} (jpyro proxy to jpyro daemon over loopback on the
 * thread and the multiplex server, Pyro5 and Pyro4: sequential, 4 and 32 threads, a shared proxy, connect +
 * handshake + call, oneway, batch) beside {@link org.jpyro.benchmarks.RawSocketBenchmark} (a raw socket ping-pong
 * of the same frame sizes and threads, the physical limit) and {@link org.jpyro.benchmarks.RmiBenchmark} (the same
 * echo over Java RMI); {@link org.jpyro.benchmarks.SerializerBenchmark} (serializers without sockets);
 * {@link org.jpyro.benchmarks.IdleConnections} (heap of a multiplex daemon holding 10,000 idle connections) and
 * {@link org.jpyro.benchmarks.ResultTable} (the table of {@code benchmarks/run.sh}). Run {@code benchmarks/run.sh}.
 */
package org.jpyro.benchmarks;
