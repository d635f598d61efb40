package org.virtualvisits.analytics.report.ui;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/** The time zones offered for display: UTC first, then the region zones, sorted. */
final class TimeZones {

    private static final List<String> ALL = Stream.concat(Stream.of("UTC"), ZoneId.getAvailableZoneIds().stream()
                    .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
                    .sorted())
            .toList();

    private TimeZones() {
    }

    static List<String> all() {
        return ALL;
    }
}
