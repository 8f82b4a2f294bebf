/**
 * Implementation of the serpent serializer: the writer (a subclass of the serpent library's writer, with
 * Python-exact strings, floats, bytes and dicts, into a UTF-8 byte buffer) and a one-pass parser from
 * UTF-8 bytes to jpyro's value model. Not exported.
 */
package org.jpyro.serializer.serpent.internal;
