/**
 * The Pyro daemon: {@link org.jpyro.daemon.Daemon} hosts Java objects for Pyro4 and Pyro5 clients (Python or
 * Java) on one TCP port or Unix domain socket. Expose members with {@link org.jpyro.api.Expose}, mark oneway
 * methods with {@link org.jpyro.api.Oneway}; arguments are converted to the declared parameter types with
 * {@link org.jpyro.api.convert.ValueConverter}.
 */
@Export
@Version("1.0.0")
package org.jpyro.daemon;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
