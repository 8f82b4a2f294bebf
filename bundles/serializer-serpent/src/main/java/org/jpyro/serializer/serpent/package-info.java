/**
 * The serpent serializer: {@link org.jpyro.serializer.serpent.SerpentSerializer}, Pyro's default wire
 * format (Python literal expressions), registered for {@link java.util.ServiceLoader} and as an OSGi
 * service. Its helper {@link org.jpyro.serializer.serpent.SerpentSerializer#toBytes(Object)} turns
 * serpent's bytes dict into a {@code byte[]}.
 */
@Export
@Version("1.0.0")
package org.jpyro.serializer.serpent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
