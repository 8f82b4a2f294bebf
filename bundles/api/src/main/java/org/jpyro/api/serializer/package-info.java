/**
 * The serializer SPI: {@link org.jpyro.api.serializer.Serializer} implementations turn the Python value model
 * (see {@link org.jpyro.api}) into bytes and back; {@link org.jpyro.api.serializer.ClassDicts} gives every
 * serializer the same Pyro class dicts for URIs, proxies and exceptions; the
 * {@link org.jpyro.api.serializer.SerializerRegistry} finds serializers by name or by wire id.
 */
@Export
@Version("1.2.0")
package org.jpyro.api.serializer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
