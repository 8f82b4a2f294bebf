package org.jpyro.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The buffered input of a {@link Connection}: like {@link java.io.BufferedInputStream} without its locking, its
 * mark support and its extra {@code available()} calls, so a frame read ({@code org.jpyro.protocol.MessageIO}:
 * header, annotations, payload) costs one socket read and a few array copies. A read that wants at least a
 * buffer's worth goes straight to the socket. Not thread-safe (a connection has one reader at a time).
 */
final class SocketInput extends InputStream {
    private final InputStream source;
    private final byte[] buf;
    private int pos;
    private int limit;

    SocketInput(InputStream source, int size) {
        this.source = source;
        this.buf = new byte[size];
    }

    /** Refills the empty buffer with one read of the source; the bytes read, or -1 at the end of the stream. */
    private int fill() throws IOException {
        pos = 0;
        limit = 0;
        int n = source.read(buf, 0, buf.length);
        if (n > 0) {
            limit = n;
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && fill() <= 0) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int buffered = limit - pos;
        if (buffered == 0) {
            if (len >= buf.length) {
                return source.read(b, off, len);
            }
            if (fill() <= 0) {
                return -1;
            }
            buffered = limit;
        }
        int n = Math.min(buffered, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int readNBytes(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int done = 0;
        while (done < len) {
            int buffered = limit - pos;
            if (buffered > 0) {
                int n = Math.min(buffered, len - done);
                System.arraycopy(buf, pos, b, off + done, n);
                pos += n;
                done += n;
            } else if (len - done >= buf.length) {
                int n = source.read(b, off + done, len - done);
                if (n < 0) {
                    break;
                }
                done += n;
            } else if (fill() < 0) {
                break;
            }
        }
        return done;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        int buffered = limit - pos;
        if (buffered > 0) {
            int k = (int) Math.min(buffered, n);
            pos += k;
            return k;
        }
        return source.skip(n);
    }

    @Override
    public int available() throws IOException {
        int buffered = limit - pos;
        return buffered > 0 ? buffered : source.available();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
