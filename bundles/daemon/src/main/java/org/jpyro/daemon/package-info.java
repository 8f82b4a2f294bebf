/**
 * The Pyro daemon: {@link org.jpyro.daemon.Daemon} hosts Java objects for Pyro4 and Pyro5 clients (Python or
 * Java) on one TCP port or Unix domain socket. Expose members with {@link org.jpyro.api.Expose}, mark oneway
 * methods with {@link org.jpyro.api.Oneway}; arguments are converted to the declared parameter types with
 * {@link org.jpyro.api.convert.ValueConverter}.
 * <h2>Objects</h2>
 * <ul>
 * <li>{@code register(object)} serves one object; {@code register(Foo.class)} serves a class through instances made
 * per its {@link org.jpyro.api.Behavior @Behavior} {@link org.jpyro.api.InstanceMode}: SESSION (default, one per
 * client connection, closed with it when {@link AutoCloseable}), SINGLE (one, made on first use) or PERCALL;
 * {@code registerWeak} does not keep the object alive.</li>
 * <li>Autoproxy (AUTOPROXY, default on): registered objects travel as Pyro proxies in results and in arguments
 * proxies send ({@link org.jpyro.api.serializer.AutoProxies}), which is how callbacks work: register the callback
 * in a daemon of your own and pass the object itself.</li>
 * <li>{@link org.jpyro.daemon.CurrentCall#trackResource} closes resources when the calling client goes away.</li>
 * <li>{@link org.jpyro.api.Callback @Callback} methods also log the exceptions they throw.</li>
 * <li>Methods returning an {@link java.util.Iterator}, {@link java.util.stream.Stream} or non-collection
 * {@link Iterable} stream their items; streams end with ITER_STREAM_LIFETIME and linger ITER_STREAM_LINGER seconds
 * after their client went away, so a reconnected proxy can resume them.</li>
 * <li>A call that fits no method raises Python's {@code TypeError} with Python's own wording (positional counts
 * include {@code self}); for overloaded methods the Java overloads follow.</li>
 * </ul>
 * <h2>Servers</h2>
 * Server types (config SERVERTYPE): {@code thread} (default) serves each client connection on a worker of a
 * bounded pool (THREADPOOL_SIZE; a connection finding every worker busy gets CONNECTFAIL "no free workers");
 * {@code multiplex} serves all connections on one selector thread, one request at a time (the called method
 * included), holds thousands of idle connections cheaply, and lets several daemons share that loop
 * ({@link org.jpyro.daemon.Daemon#combine}); it does not do SSL. Both call the daemon's
 * {@link org.jpyro.daemon.Daemon#housekeeping()} every POLLTIMEOUT and its
 * {@link org.jpyro.daemon.Daemon#clientDisconnect(org.jpyro.daemon.ClientInfo)} when a connection ends; both run
 * {@link org.jpyro.daemon.Daemon#validateHandshake} with the call context of the CONNECT set.
 */
@Export
@Version("1.1.0")
package org.jpyro.daemon;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
