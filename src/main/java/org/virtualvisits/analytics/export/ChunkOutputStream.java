package org.virtualvisits.analytics.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Stores what is written as numbered chunks of a fixed size (the last one shorter), so that
 * a file of any size passes through one chunk-sized buffer.
 */
final class ChunkOutputStream extends OutputStream {

    /** Where chunks go: (sequence number from 0, exactly the chunk's bytes). */
    interface ChunkSink {
        void accept(int seq, byte[] chunk) throws IOException;
    }

    private final ChunkSink sink;
    private final byte[] buffer;
    private int filled;
    private int chunks;
    private long size;
    private boolean closed;

    ChunkOutputStream(int chunkSize, ChunkSink sink) {
        this.sink = sink;
        this.buffer = new byte[chunkSize];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        buffer[filled++] = (byte) b;
        size++;
        if (filled == buffer.length) {
            emit();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        while (length > 0) {
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            size += n;
            if (filled == buffer.length) {
                emit();
            }
        }
    }

    private void emit() throws IOException {
        // The full buffer is handed over as is (the sink must not keep it); a short last chunk is copied.
        sink.accept(chunks++, filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled));
        filled = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
    }

    /** Stores the last, partial chunk. Flushing before that would only make more, smaller chunks. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (filled > 0) {
                emit();
            }
        }
    }

    int chunks() {
        return chunks;
    }

    long size() {
        return size;
    }
}
