package org.jpyro.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The unsynchronized buffered streams of {@link Connection}: bytes in order, reads and writes as counted. */
class SocketStreamsTest {

    /** A source that hands out at most {@code chunk} bytes per read and counts the reads. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream data;
        private final int chunk;
        int reads;

        Trickle(byte[] bytes, int chunk) {
            this.data = new ByteArrayInputStream(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            reads++;
            return data.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            reads++;
            return data.read(b, off, Math.min(len, chunk));
        }
    }

    /** A target that records the length of every write. */
    private static final class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        int flushes;

        @Override
        public void write(int b) {
            writes.add(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void readNBytesSpansRefillsAndReadsLargeRestsDirectly() throws IOException {
        byte[] data = random(1000);
        Trickle source = new Trickle(data, 70);
        SocketInput in = new SocketInput(source, 64);
        byte[] first = new byte[40];
        assertEquals(40, in.readNBytes(first, 0, 40));
        byte[] second = new byte[500];
        assertEquals(500, in.readNBytes(second, 0, 500));
        assertEquals(data[540] & 0xFF, in.read());
        byte[] rest = new byte[1000];
        assertEquals(459, in.readNBytes(rest, 0, 1000));
        assertEquals(-1, in.read());
        assertEquals(0, in.readNBytes(rest, 0, 10));
        byte[] all = new byte[1000];
        System.arraycopy(first, 0, all, 0, 40);
        System.arraycopy(second, 0, all, 40, 500);
        all[540] = data[540];
        System.arraycopy(rest, 0, all, 541, 459);
        assertArrayEquals(data, all);
    }

    @Test
    void oneSocketReadServesASmallFrameThatArrivedWhole() throws IOException {
        Trickle source = new Trickle(random(113), 1 << 16);
        SocketInput in = new SocketInput(source, 1024);
        assertEquals(40, in.readNBytes(new byte[40], 0, 40));
        assertEquals(0, in.readNBytes(new byte[0], 0, 0));
        assertEquals(73, in.readNBytes(new byte[73], 0, 73));
        assertEquals(1, source.reads);
    }

    @Test
    void readReturnsWhatIsBufferedWithoutBlockingForMore() throws IOException {
        byte[] data = random(100);
        SocketInput in = new SocketInput(new Trickle(data, 30), 64);
        byte[] b = new byte[50];
        assertEquals(30, in.read(b, 0, 50));
        assertEquals(30, in.read(b, 30, 20) + 10);
        assertEquals(10, in.available());
        assertEquals(5, in.skip(5));
        assertEquals(data[55] & 0xFF, in.read());
    }

    @Test
    void aFrameIsOneWriteAtFlushAndBigOnesGoStraightThrough() throws IOException {
        Recording target = new Recording();
        SocketOutput out = new SocketOutput(target, 64);
        byte[] small = random(40);
        byte[] body = random(20);
        out.write(small);
        out.write(body);
        out.write(7);
        assertEquals(List.of(), target.writes);
        out.flush();
        assertEquals(List.of(61), target.writes);
        assertEquals(1, target.flushes);
        byte[] big = random(200);
        out.write(small, 0, 10);
        out.write(big);
        out.flush();
        assertEquals(List.of(61, 10, 200), target.writes);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(small);
        expected.write(body);
        expected.write(7);
        expected.write(small, 0, 10);
        expected.write(big);
        assertArrayEquals(expected.toByteArray(), target.bytes.toByteArray());
    }

    @Test
    void writesThatOverflowTheBufferFlushItFirst() throws IOException {
        Recording target = new Recording();
        SocketOutput out = new SocketOutput(target, 64);
        out.write(random(50));
        out.write(random(30));
        assertEquals(List.of(50), target.writes);
        out.flush();
        assertEquals(List.of(50, 30), target.writes);
    }
}
