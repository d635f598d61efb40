package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExportValuesTest {

    @Test
    void durationsAreFractionsOfADaySoSpreadsheetsCanSumThem() {
        assertThat(ExportValues.spreadsheetDuration(0)).isZero();
        assertThat(ExportValues.spreadsheetDuration(86_400)).isEqualTo(1.0);
        assertThat(ExportValues.spreadsheetDuration(43_200)).isEqualTo(0.5);
        assertThat(ExportValues.spreadsheetDuration((Double) null)).isNull();
        for (long seconds = 0; seconds < 20_000; seconds++) {
            assertThat(Math.round(ExportValues.spreadsheetDuration(seconds) * 86_400)).isEqualTo(seconds);
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
