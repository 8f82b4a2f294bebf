/**
 * The msgpack serializer: {@link org.jpyro.serializer.msgpack.MsgpackSerializer} (Pyro4 id 6, Pyro5 id 4),
 * msgpack as Pyro writes it, with Pyro's extension types for complex numbers, big ints, datetimes and dates.
 * Registered for {@link java.util.ServiceLoader} and as an OSGi service.
 */
@Export
@Version("1.0.0")
package org.jpyro.serializer.msgpack;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
