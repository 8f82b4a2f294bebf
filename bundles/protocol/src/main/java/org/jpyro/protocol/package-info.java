/**
 * The Pyro wire: frames of Pyro5 (protocol 502, 40-byte header) and Pyro4 (protocol 48, 24-byte header with
 * checksum and optional HMAC), their annotation chunks, flags, compression and size limits. Pure functions
 * over bytes: no sockets, no threads. {@link org.jpyro.protocol.Message} is the decoded frame, with flags in
 * version-neutral bits ({@link org.jpyro.protocol.Flags}) and the payload always uncompressed;
 * {@link org.jpyro.protocol.FrameCodec} encodes and decodes one protocol version;
 * {@link org.jpyro.protocol.FrameDecoder} cuts frames out of a byte stream without ever blocking;
 * {@link org.jpyro.protocol.MessageIO} reads and writes frames on blocking streams.
 */
@Export
@Version("1.0.0")
package org.jpyro.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
