/**
 * The marshal serializer: {@link org.jpyro.serializer.marshal.MarshalSerializer}, Python's own marshal
 * format (version 4) as Pyro uses it (Pyro4 id 3, Pyro5 id 2), registered for {@link java.util.ServiceLoader}
 * and as an OSGi service.
 */
@Export
@Version("1.0.0")
package org.jpyro.serializer.marshal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
