/**
 * Conversion of Python values (the Java types of the value model described in {@link org.jpyro.api}) to the
 * declared Java types of method parameters and return values: {@link org.jpyro.api.convert.ValueConverter}.
 * The daemon uses it for call arguments, typed client proxies for results.
 */
@Export
@Version("1.0.0")
package org.jpyro.api.convert;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
