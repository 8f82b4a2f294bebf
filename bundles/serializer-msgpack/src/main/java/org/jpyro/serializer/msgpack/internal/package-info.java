/**
 * Implementation of the msgpack serializer: the writer and reader over msgpack-core's
 * {@code MessageBufferPacker}/{@code MessageUnpacker}, and Pyro's extension types with their byte order rule.
 * Not exported.
 */
package org.jpyro.serializer.msgpack.internal;
