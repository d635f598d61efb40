package org.virtualvisits.analytics.visits.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format (the "Binary Format" section of the {@code COPY}
 * documentation): a signature and two zero words, then per row a 16-bit field count and per field a 32-bit
 * length (-1 for null) and the value in the type's binary form, then a 16-bit -1. Only the types the event
 * insert needs: {@code bigint}, {@code text} (UTF-8, the connection's encoding) and {@code timestamptz}
 * (microseconds since 2000-01-01 UTC). Binary because PostgreSQL then neither parses timestamps from text
 * nor unescapes anything.
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in seconds since 1970. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

    private byte[] bytes;
    private int length;

    BinaryCopyRows(int expectedBytes) {
        bytes = new byte[Math.max(64, expectedBytes)];
        write(SIGNATURE, 0, SIGNATURE.length);
        int32(0); // flags: no OIDs
        int32(0); // header extension length
    }

    BinaryCopyRows row(int fields) {
        int16(fields);
        return this;
    }

    BinaryCopyRows bigint(long value) {
        int32(8);
        int64(value);
        return this;
    }

    BinaryCopyRows text(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        write(utf8, 0, utf8.length);
        return this;
    }

    /** Rounded to the microsecond, half up, as pgjdbc rounds an instant it sends. */
    BinaryCopyRows timestamptz(Instant value) {
        if (value == null) {
            return nullValue();
        }
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L),
                (value.getNano() + 500) / 1000);
        int32(8);
        int64(micros);
        return this;
    }

    private BinaryCopyRows nullValue() {
        int32(-1);
        return this;
    }

    /** The rows followed by the trailer; the returned array may be longer than {@link #length()}. */
    byte[] finish() {
        int16(-1);
        return bytes;
    }

    int length() {
        return length;
    }

    private void int16(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void int32(int value) {
        ensure(4);
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void int64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    private void write(byte[] source, int from, int count) {
        ensure(count);
        System.arraycopy(source, from, bytes, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
