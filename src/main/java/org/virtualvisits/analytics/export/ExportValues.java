package org.virtualvisits.analytics.export;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * How visit values are written: durations and waits as spreadsheet durations in xlsx and whole
 * seconds in CSV (the unit is in the header), start times in the chosen zone.
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

    /**
     * Seconds as a spreadsheet duration: a fraction of a day, which a "[h]:mm:ss" cell shows as
     * "0:04:58" and which Excel can still sum and average.
     */
    static double spreadsheetDuration(long seconds) {
        return seconds / 86_400.0;
    }

    static Double spreadsheetDuration(Double seconds) {
        return seconds == null ? null : seconds / 86_400.0;
    }

    static String isoTime(Instant instant, ZoneId zone) {
        return ISO_OFFSET.format(instant.atZone(zone).toOffsetDateTime());
    }
}
