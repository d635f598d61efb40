package org.virtualvisits.analytics.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A ready export that the current user may download, handed out only after the access check.
 * {@link #writeTo} streams it chunk by chunk from the database.
 */
public final class ExportFile {

    /** Reads one stored chunk. */
    interface ChunkSource {
        byte[] chunk(int seq) throws IOException;
    }

    private final long jobId;
    private final String fileName;
    private final String contentType;
    private final long sizeBytes;
    private final int chunkCount;
    private final ChunkSource source;

    ExportFile(long jobId, String fileName, String contentType, long sizeBytes, int chunkCount, ChunkSource source) {
        this.jobId = jobId;
        this.fileName = fileName;
        this.contentType = contentType;
        this.sizeBytes = sizeBytes;
        this.chunkCount = chunkCount;
        this.source = source;
    }

    public long jobId() {
        return jobId;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** Writes the whole file; memory use is one chunk. */
    public void writeTo(OutputStream out) throws IOException {
        for (int seq = 0; seq < chunkCount; seq++) {
            out.write(source.chunk(seq));
        }
        out.flush();
    }
}
