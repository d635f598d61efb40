package org.virtualvisits.analytics.export;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * How visit values are written, the same way in both formats: durations and waits in
 * minutes with decimals (the unit is in the header), start times in the chosen zone.
 */
final class ExportValues {

    /** ISO-8601 with the zone's offset ("Z" for UTC), seconds always, fractions only when present. */
    static final DateTimeFormatter ISO_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private ExportValues() {
    }

    /** Seconds as minutes, for a numeric cell. */
    static double minutes(long seconds) {
        return seconds / 60.0;
    }

    /**
     * Seconds as minutes with at most three decimals ("27.083", "3", "0.5"): 0.06 s resolution,
     * so the whole seconds can always be recovered; no exponent, point as decimal separator.
     */
    static String minutesText(long seconds) {
        long thousandths = Math.round(seconds * 1000 / 60.0);
        long whole = thousandths / 1000;
        int fraction = (int) (thousandths % 1000);
        if (fraction == 0) {
            return Long.toString(whole);
        }
        StringBuilder text = new StringBuilder(12).append(whole).append('.').append(fraction / 100);
        int tenths = (fraction / 10) % 10;
        int units = fraction % 10;
        if (tenths != 0 || units != 0) {
            text.append(tenths);
        }
        if (units != 0) {
            text.append(units);
        }
        return text.toString();
    }

    static String isoTime(Instant instant, ZoneId zone) {
        return ISO_OFFSET.format(instant.atZone(zone).toOffsetDateTime());
    }
}
