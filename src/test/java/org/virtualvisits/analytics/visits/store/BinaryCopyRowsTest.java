package org.virtualvisits.analytics.visits.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The byte layout of PostgreSQL's binary COPY format; EventsApiTest checks what PostgreSQL makes of it. */
class BinaryCopyRowsTest {

    @Test
    void headerRowsAndTrailerAreLaidOutAsPostgresqlDocumentsThem() {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(3).bigint(42).text("é✓\uD83E\uDE7A").text(null);
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(rows.finish(), rows.length()));

        byte[] signature = new byte[11];
        b.get(signature);
        assertThat(signature).containsExactly('P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xFF, '\r', '\n', 0);
        assertThat(b.getInt()).as("flags").isZero();
        assertThat(b.getInt()).as("header extension").isZero();
        assertThat(b.getShort()).as("fields").isEqualTo((short) 3);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.getLong()).isEqualTo(42);
        byte[] utf8 = "é✓\uD83E\uDE7A".getBytes(StandardCharsets.UTF_8);
        assertThat(b.getInt()).isEqualTo(utf8.length).isEqualTo(2 + 3 + 4);
        byte[] text = new byte[utf8.length];
        b.get(text);
        assertThat(text).isEqualTo(utf8);
        assertThat(b.getInt()).as("null").isEqualTo(-1);
        assertThat(b.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void timestampsAreMicrosecondsSince2000RoundedHalfUp() {
        assertThat(micros("2000-01-01T00:00:00Z")).isZero();
        assertThat(micros("2000-01-01T00:00:00.000001Z")).isEqualTo(1);
        assertThat(micros("1999-12-31T23:59:59.5Z")).isEqualTo(-500_000);
        assertThat(micros("1970-01-01T00:00:00Z")).isEqualTo(-946_684_800_000_000L);
        assertThat(micros("1970-01-01T00:00:00.000000499Z")).isEqualTo(-946_684_800_000_000L);
        assertThat(micros("1970-01-01T00:00:00.000000500Z")).isEqualTo(-946_684_799_999_999L);
        assertThat(micros("1999-12-31T23:59:59.9999995Z")).as("carries into the next second").isZero();
        assertThat(micros("2026-11-20T10:04:00.123456789Z")).isEqualTo(848_484_240_123_457L);
    }

    private static long micros(String instant) {
        BinaryCopyRows rows = new BinaryCopyRows(0);
        rows.row(1).timestamptz(Instant.parse(instant));
        ByteBuffer b = ByteBuffer.wrap(rows.finish());
        b.position(11 + 4 + 4 + 2);
        assertThat(b.getInt()).isEqualTo(8);
        return b.getLong();
    }
}
