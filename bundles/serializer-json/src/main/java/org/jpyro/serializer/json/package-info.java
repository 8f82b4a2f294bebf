/**
 * The json serializer: {@link org.jpyro.serializer.json.JsonSerializer}, Pyro's json wire format (Pyro4 id 2,
 * Pyro5 id 3) on Jackson's streaming API, registered for {@link java.util.ServiceLoader} and as an OSGi DS
 * component. Its helper {@link org.jpyro.serializer.json.JsonSerializer#toBytes(Object)} turns the base64 bytes
 * dict back into a {@code byte[]}.
 */
@Export
@Version("1.0.0")
package org.jpyro.serializer.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
