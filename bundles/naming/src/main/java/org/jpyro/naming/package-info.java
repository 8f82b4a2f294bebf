/**
 * The Pyro name server: {@link org.jpyro.naming.NameServer} (served under {@code Pyro.NameServer} to Pyro4 and
 * Pyro5 clients alike), its {@link org.jpyro.naming.NameServerStorage} SPI, the UDP broadcast responder and
 * {@link org.jpyro.naming.NameServerLocator}.
 */
@Export
@Version("1.1.0")
package org.jpyro.naming;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
