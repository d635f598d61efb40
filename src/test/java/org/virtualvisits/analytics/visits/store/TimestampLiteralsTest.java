package org.virtualvisits.analytics.visits.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TimestampLiteralsTest {

    private static final DateTimeFormatter EXPECTED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

    @Test
    void writesTheSameAsTheJdkFormatterForAnyMicrosecondOfYears1To9999() {
        Random random = new Random(7);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000) * 1000L);
            assertThat(TimestampLiterals.literal(instant)).isEqualTo(EXPECTED.format(instant));
        }
        assertThat(TimestampLiterals.literal(Instant.parse("2026-11-20T10:04:00Z"))).isEqualTo("2026-11-20 10:04:00.000000+00");
        assertThat(TimestampLiterals.literal(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01 00:00:00.000000+00");
        assertThat(TimestampLiterals.literal(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEqualTo("9999-12-31 23:59:59.999999+00");
    }

    @Test
    void hasNoLiteralForWhatItCannotSayExactly() {
        assertThat(TimestampLiterals.literal(Instant.parse("2026-11-20T10:04:00.000000001Z"))).as("nanoseconds").isNull();
        assertThat(TimestampLiterals.literal(Instant.parse("0000-12-31T23:59:59Z"))).as("1 BC").isNull();
        assertThat(TimestampLiterals.literal(Instant.parse("+10000-01-01T00:00:00Z"))).as("year 10000").isNull();
    }

    @Test
    void aBatchHasLiteralsOnlyIfEveryInstantHasOne() {
        Instant plain = Instant.parse("2026-11-20T10:04:00Z");
        Instant nanos = Instant.parse("2026-11-20T10:04:00.5000001Z");
        assertThat(TimestampLiterals.of(List.of(plain, plain), Function.identity()))
                .containsExactly("2026-11-20 10:04:00.000000+00", "2026-11-20 10:04:00.000000+00");
        assertThat(TimestampLiterals.of(List.of(plain, nanos), Function.identity())).isNull();
    }
}
