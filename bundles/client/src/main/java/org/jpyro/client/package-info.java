/**
 * Pyro clients: {@link org.jpyro.client.Proxy} calls the objects of a Pyro daemon (Python Pyro4/Pyro5 or jpyro)
 * untyped with {@link org.jpyro.client.Proxy#call} or through a Java interface with
 * {@link org.jpyro.client.Proxy#create}; a remote call that returns an iterator yields a
 * {@link org.jpyro.client.RemoteIterator}.
 */
@Export
@Version("1.0.0")
package org.jpyro.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
