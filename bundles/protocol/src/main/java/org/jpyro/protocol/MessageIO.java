package org.jpyro.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.jpyro.api.ConnectionClosedException;

/**
 * Reads and writes whole frames on blocking streams. A read takes exactly one frame off the stream: the first
 * 6 bytes (checked before anything else is read, so a peer speaking another version is refused at once), the
 * rest of the header (validated, including the size limit, before the body is allocated), then the annotations
 * and the payload, each into an array of its exact size. Use buffered streams: a read issues several small
 * reads.
 */
public final class MessageIO {
    private static final byte[] EMPTY = new byte[0];
    private static final int START = AbstractFrameCodec.START_SIZE;

    private MessageIO() {
    }

    /**
     * Reads one frame of the codec's version.
     *
     * @throws ConnectionClosedException the stream ended before or inside the frame
     * @throws org.jpyro.api.ProtocolException        the frame is malformed or of another version
     * @throws org.jpyro.api.MessageTooLargeException the frame exceeds {@link WireOptions#maxMessageSize()}
     * @throws org.jpyro.api.SecurityException        Pyro4 HMAC missing, wrong, or configured on one side only
     * @throws IOException                            the stream failed (including a read timeout)
     */
    public static Message read(InputStream in, FrameCodec codec, WireOptions options) throws IOException {
        byte[] header = new byte[codec.headerSize()];
        readFully(in, header, 0, START);
        if (codec instanceof AbstractFrameCodec known) {
            known.checkStart(header, 0);
        }
        return readRest(in, codec, header, options);
    }

    /**
     * Reads the first frame of a connection whose version is not known yet, detected from its first 6 bytes
     * (for a daemon serving Pyro4 and Pyro5 on one port). Read the following frames with
     * {@link #read(InputStream, FrameCodec, WireOptions)} and {@code FrameCodec.of(message.version())}.
     *
     * @throws ConnectionClosedException the stream ended before or inside the frame
     * @throws org.jpyro.api.ProtocolException neither a Pyro4 nor a Pyro5 frame, or malformed
     * @throws IOException                     the stream failed
     */
    public static Message readFirst(InputStream in, WireOptions options) throws IOException {
        byte[] header = new byte[Math.max(Pyro5Codec.HEADER_SIZE, Pyro4Codec.HEADER_SIZE)];
        readFully(in, header, 0, START);
        FrameCodec codec = FrameCodec.of(ProtocolDetector.detect(header, 0));
        return readRest(in, codec, header, options);
    }

    /** Writes the encoded frame with one write and flushes. */
    public static void write(OutputStream out, Message message, WireOptions options) throws IOException {
        out.write(FrameCodec.of(message.version()).encode(message, options));
        out.flush();
    }

    private static Message readRest(InputStream in, FrameCodec codec, byte[] header, WireOptions options)
            throws IOException {
        readFully(in, header, START, codec.headerSize() - START);
        FrameHeader h = codec.decodeHeader(header, 0, options);
        if (!(codec instanceof AbstractFrameCodec known)) {
            byte[] body = new byte[h.bodyLength()];
            readFully(in, body, 0, body.length);
            return codec.decodeBody(h, body, 0, options);
        }
        byte[] annotations = h.annotationsLength() == 0 ? EMPTY : new byte[h.annotationsLength()];
        readFully(in, annotations, 0, annotations.length);
        byte[] data = h.dataLength() == 0 ? EMPTY : new byte[h.dataLength()];
        readFully(in, data, 0, data.length);
        return known.decode(h, annotations, 0, data, 0, options, true);
    }

    private static void readFully(InputStream in, byte[] buf, int offset, int length) throws IOException {
        if (in.readNBytes(buf, offset, length) < length) {
            throw new ConnectionClosedException("receiving: not enough data");
        }
    }
}
