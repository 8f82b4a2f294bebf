/**
 * The pickle serializer: {@link org.jpyro.serializer.pickle.PickleSerializer}, Pyro4's serializer id 4
 * (Python's pickle format), for Pyro4 peers only. Registered for {@link java.util.ServiceLoader} and as an OSGi
 * service. A daemon accepts it only when SERIALIZERS_ACCEPTED names it.
 */
@Export
@Version("1.0.0")
package org.jpyro.serializer.pickle;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
