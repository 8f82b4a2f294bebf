package org.jpyro.protocol;

import java.nio.ByteBuffer;

import org.jpyro.api.ProtocolException;
import org.jpyro.api.ProtocolVersion;

/**
 * Cuts frames out of a byte stream without ever blocking, for non-blocking (NIO) servers and clients: feed it
 * whatever bytes arrived and it returns a frame once one is complete. Each frame's header is validated
 * (including the size limit) as soon as it is complete, before any body memory is allocated; the body is then
 * collected straight into arrays of its exact size. The protocol version is fixed at construction or detected
 * from the first frame of the stream; later frames must have the same version.
 *
 * <p>One decoder per connection; not thread-safe. After it has thrown, the stream is out of step: every later
 * call throws too, and the connection should be closed.
 */
public final class FrameDecoder {
    private static final byte[] EMPTY = new byte[0];
    private static final int START = AbstractFrameCodec.START_SIZE;

    private final WireOptions options;
    private final byte[] header = new byte[Math.max(Pyro5Codec.HEADER_SIZE, Pyro4Codec.HEADER_SIZE)];
    private AbstractFrameCodec codec;
    private int headerFill;
    private FrameHeader current;
    private byte[] annotations;
    private int annotationsFill;
    private byte[] data;
    private int dataFill;
    private boolean failed;

    /** A decoder that detects the version from the first frame. */
    public FrameDecoder(WireOptions options) {
        this.options = options;
    }

    /** A decoder for frames of one version only. */
    public FrameDecoder(ProtocolVersion version, WireOptions options) {
        this.options = options;
        this.codec = (AbstractFrameCodec) FrameCodec.of(version);
    }

    /** The version of the stream, or {@code null} while it is still unknown. */
    public ProtocolVersion version() {
        return codec == null ? null : codec.version();
    }

    /** Whether part of a frame has been taken in and waits for more bytes (an end of stream now is premature). */
    public boolean hasPartialFrame() {
        return headerFill > 0;
    }

    /**
     * Takes bytes from {@code in} until one frame is complete and returns it; returns {@code null} when
     * {@code in} ran dry first (the bytes taken are kept for the next call). Never takes bytes beyond the end
     * of the frame it returns.
     *
     * @throws ProtocolException                      a malformed frame, or an earlier call failed
     * @throws org.jpyro.api.MessageTooLargeException the frame exceeds {@link WireOptions#maxMessageSize()}
     * @throws org.jpyro.api.SecurityException        Pyro4 HMAC missing, wrong, or configured on one side only
     */
    public Message decode(ByteBuffer in) {
        if (failed) {
            throw new ProtocolException("stream out of step after an earlier protocol error");
        }
        try {
            return step(in);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private Message step(ByteBuffer in) {
        if (current == null) {
            if (headerFill < START) {
                headerFill = fill(in, header, headerFill, START);
                if (headerFill < START) {
                    return null;
                }
                if (codec == null) {
                    codec = (AbstractFrameCodec) FrameCodec.of(ProtocolDetector.detect(header, 0));
                }
                codec.checkStart(header, 0);
            }
            int size = codec.headerSize();
            headerFill = fill(in, header, headerFill, size);
            if (headerFill < size) {
                return null;
            }
            current = codec.decodeHeader(header, 0, options);
            annotations = current.annotationsLength() == 0 ? EMPTY : new byte[current.annotationsLength()];
            data = current.dataLength() == 0 ? EMPTY : new byte[current.dataLength()];
        }
        annotationsFill = fill(in, annotations, annotationsFill, annotations.length);
        if (annotationsFill < annotations.length) {
            return null;
        }
        dataFill = fill(in, data, dataFill, data.length);
        if (dataFill < data.length) {
            return null;
        }
        FrameHeader h = current;
        byte[] a = annotations;
        byte[] d = data;
        current = null;
        annotations = null;
        data = null;
        headerFill = 0;
        annotationsFill = 0;
        dataFill = 0;
        return codec.decode(h, a, 0, d, 0, options, true);
    }

    /** Copies up to {@code want - filled} bytes; returns the new fill level. */
    private static int fill(ByteBuffer in, byte[] target, int filled, int want) {
        int n = Math.min(want - filled, in.remaining());
        if (n > 0) {
            in.get(target, filled, n);
        }
        return filled + n;
    }
}
