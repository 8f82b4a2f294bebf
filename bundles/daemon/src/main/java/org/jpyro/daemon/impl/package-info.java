/**
 * The daemon's machinery, not API: per-class exposure tables and overload binding
 * ({@link org.jpyro.daemon.impl.ExposedClass}, {@link org.jpyro.daemon.impl.RemoteMethod},
 * {@link org.jpyro.daemon.impl.Overload}), the object registry, item streams, the {@code Pyro.Daemon} object,
 * and the per-connection protocol session run by {@link org.jpyro.daemon.impl.DaemonCore}.
 */
package org.jpyro.daemon.impl;
