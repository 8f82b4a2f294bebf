/**
 * The daemon's machinery, not API: per-class exposure tables and overload binding
 * ({@link org.jpyro.daemon.impl.ExposedClass}, {@link org.jpyro.daemon.impl.RemoteMethod},
 * {@link org.jpyro.daemon.impl.Overload}), the object registry ({@link org.jpyro.daemon.impl.ObjectRegistry}: its
 * {@link org.jpyro.daemon.impl.Registration}s and per-connection {@link org.jpyro.daemon.impl.SessionScope}s),
 * item streams ({@link org.jpyro.daemon.impl.ItemStreams}: lifetime, linger, cap), the {@code Pyro.Daemon} object,
 * and the per-connection protocol session (one frame in, zero or one reply frame out) that
 * {@link org.jpyro.daemon.impl.DaemonCore} runs on a worker of the thread server or feeds from the selector loop
 * of the multiplex server.
 */
package org.jpyro.daemon.impl;
