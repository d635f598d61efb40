package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExportValuesTest {

    @Test
    void minutesTextHasAtMostThreeDecimalsAndNoTrailingZeros() {
        assertThat(ExportValues.minutesText(0)).isEqualTo("0");
        assertThat(ExportValues.minutesText(180)).isEqualTo("3");
        assertThat(ExportValues.minutesText(30)).isEqualTo("0.5");
        assertThat(ExportValues.minutesText(3)).isEqualTo("0.05");
        assertThat(ExportValues.minutesText(1625)).isEqualTo("27.083");
        assertThat(ExportValues.minutesText(61)).isEqualTo("1.017");
        assertThat(ExportValues.minutesText(86_400 * 3)).isEqualTo("4320");
    }

    @Test
    void minutesTextKeepsEveryWholeSecond() {
        for (long seconds = 0; seconds < 20_000; seconds++) {
            BigDecimal minutes = new BigDecimal(ExportValues.minutesText(seconds));
            assertThat(minutes.multiply(BigDecimal.valueOf(60)).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact()).isEqualTo(seconds);
            assertThat(ExportValues.minutes(seconds) * 60)
                    .isCloseTo(seconds, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void isoTimesCarryTheZonesOffset() {
        Instant instant = Instant.parse("2026-11-20T10:04:00Z");
        assertThat(ExportValues.isoTime(instant, ZoneOffset.UTC)).isEqualTo("2026-11-20T10:04:00Z");
        assertThat(ExportValues.isoTime(instant, ZoneId.of("UTC"))).isEqualTo("2026-11-20T10:04:00Z");
        assertThat(ExportValues.isoTime(instant, ZoneId.of("Europe/Paris"))).isEqualTo("2026-11-20T11:04:00+01:00");
        assertThat(ExportValues.isoTime(instant, ZoneId.of("America/New_York")))
                .isEqualTo("2026-11-20T05:04:00-05:00");
        Instant withMillis = Instant.parse("2026-07-01T10:04:00.250Z");
        String text = ExportValues.isoTime(withMillis, ZoneId.of("Europe/Paris"));
        assertThat(text).isEqualTo("2026-07-01T12:04:00.25+02:00");
        assertThat(OffsetDateTime.parse(text).toInstant()).isEqualTo(withMillis);
    }
}
