/**
 * Pyro clients: {@link org.jpyro.client.Proxy} calls the objects of a Pyro daemon (Python Pyro4/Pyro5 or jpyro)
 * untyped with {@link org.jpyro.client.Proxy#call} or through a Java interface with
 * {@link org.jpyro.client.Proxy#create}; a remote call that returns an iterator yields a
 * {@link org.jpyro.client.RemoteIterator}. {@link org.jpyro.client.AsyncResult} is Pyro4's {@code FutureResult}
 * over {@link org.jpyro.client.Proxy#callAsync}; {@link org.jpyro.client.NameServerFinder} locates a name server
 * as Python's {@code locate_ns} does.
 */
@Export
@Version("1.1.0")
package org.jpyro.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
