/**
 * Implementation of the marshal serializer: a writer that produces the bytes CPython 3.11's
 * {@code marshal.dumps(value, 4)} produces for Pyro's values, and a bounded reader for every marshal type
 * code Pyro's values can use. Not exported.
 */
package org.jpyro.serializer.marshal.internal;
