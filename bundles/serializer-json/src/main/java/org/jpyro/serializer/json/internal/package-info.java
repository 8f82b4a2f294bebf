/**
 * Implementation of the json serializer: a writer on Jackson's {@code JsonGenerator} with Python's separators,
 * string escapes and float repr, and a reader on Jackson's {@code JsonParser} into jpyro's value model. Not
 * exported.
 */
package org.jpyro.serializer.json.internal;
