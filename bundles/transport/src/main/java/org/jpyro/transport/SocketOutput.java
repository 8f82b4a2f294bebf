package org.jpyro.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The buffered output of a {@link Connection}: like {@link java.io.BufferedOutputStream} without its locking.
 * Writes collect in the buffer until {@link #flush()} (one socket write per frame); a write that does not fit
 * flushes what is buffered and, when it is at least a buffer's worth, goes straight to the socket. Not
 * thread-safe (a connection has one writer at a time).
 */
final class SocketOutput extends OutputStream {
    private final OutputStream target;
    private final byte[] buf;
    private int count;

    SocketOutput(OutputStream target, int size) {
        this.target = target;
        this.buf = new byte[size];
    }

    private void drain() throws IOException {
        if (count > 0) {
            target.write(buf, 0, count);
            count = 0;
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            drain();
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > buf.length - count) {
            drain();
            if (len >= buf.length) {
                target.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        drain();
        target.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            target.close();
        }
    }
}
