package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkOutputStreamTest {

    @Test
    void splitsIntoFullChunksAndAShortLastOne() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        ChunkOutputStream out = new ChunkOutputStream(1024, (seq, bytes) -> {
            seqs.add(seq);
            chunks.add(bytes.clone());
        });
        byte[] data = new byte[1024 * 3 + 100];
        new Random(1).nextBytes(data);
        out.write(data, 0, 1000);
        out.write(data[1000]);
        out.write(data, 1001, data.length - 1001);
        out.close();

        assertThat(seqs).containsExactly(0, 1, 2, 3);
        assertThat(chunks).extracting(c -> c.length).containsExactly(1024, 1024, 1024, 100);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            joined.write(chunk);
        }
        assertThat(joined.toByteArray()).isEqualTo(data);
        assertThat(out.size()).isEqualTo(data.length);
        assertThat(out.chunks()).isEqualTo(4);
    }

    @Test
    void anExactMultipleHasNoEmptyLastChunk() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        ChunkOutputStream out = new ChunkOutputStream(1024, (seq, bytes) -> sizes.add(bytes.length));
        out.write(new byte[2048]);
        out.close();
        out.close();
        assertThat(sizes).containsExactly(1024, 1024);
    }

    @Test
    void nothingWrittenIsNoChunk() throws Exception {
        ChunkOutputStream out = new ChunkOutputStream(1024, (seq, bytes) -> {
            throw new AssertionError("no chunk expected");
        });
        out.close();
        assertThat(out.size()).isZero();
    }
}
