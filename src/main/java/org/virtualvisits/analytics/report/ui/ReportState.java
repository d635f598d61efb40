package org.virtualvisits.analytics.report.ui;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * What the report shows, as it travels in the URL so a report can be bookmarked and shared:
 * {@code ?days=30} or {@code ?from=2026-10-01&to=2026-10-31}, plus {@code tz}, {@code department},
 * {@code kind}, {@code status}, {@code tab} and the grid's {@code sort} and {@code order}. Anything
 * unreadable falls back to the default (and is reported in {@link #problems()}), never to an
 * error page.
 *
 * @param days  7, 30 or 90 for a rolling range ending today; null for the custom from/to
 */
public record ReportState(Integer days, LocalDate from, LocalDate to, ZoneId zone, String department,
        AppointmentKind appointmentKind, VisitStatus status, ReportTab tab, VisitColumn sort, boolean descending,
        List<String> problems) {

    public static final List<Integer> PRESETS = List.of(7, 30, 90);
    public static final int DEFAULT_DAYS = 30;

    public ReportState {
        zone = zone == null ? ZoneOffset.UTC : zone.normalized(); // "UTC", "Etc/UTC" and "Z" are one zone
        tab = tab == null ? ReportTab.VISITS : tab;
        descending = sort != null && descending; // no sort: the grid's default, start time ascending
        problems = problems == null ? List.of() : List.copyOf(problems);
        if (days == null && (from == null || to == null)) {
            days = DEFAULT_DAYS;
        }
    }

    /** The zone as shown to people: "UTC" rather than "Z". */
    public String zoneName() {
        return zoneName(zone);
    }

    static String zoneName(ZoneId zone) {
        return ZoneOffset.UTC.equals(zone) ? "UTC" : zone.getId();
    }

    public static ReportState defaults() {
        return new ReportState(DEFAULT_DAYS, null, null, ZoneOffset.UTC, null, null, null, ReportTab.VISITS, null,
                false, List.of());
    }

    /** The range of days this state covers, relative to today in the state's zone. */
    public ReportRange range(LocalDate todayInZone) {
        if (days != null) {
            return ReportRange.lastDays(days, todayInZone, zone);
        }
        return new ReportRange(from, to, zone);
    }

    public VisitFilter filter() {
        return new VisitFilter(tab.meetingType(), department, appointmentKind, status);
    }

    public ReportState withTab(ReportTab newTab) {
        return new ReportState(days, from, to, zone, department, appointmentKind, status, newTab, sort, descending,
                List.of());
    }

    /** The grid's sort (null: the default order), kept when the report runs again and in the URL. */
    public ReportState withSort(VisitColumn newSort, boolean newDescending) {
        return new ReportState(days, from, to, zone, department, appointmentKind, status, tab, newSort, newDescending,
                List.of());
    }

    public Map<String, String> toParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (days != null) {
            parameters.put("days", days.toString());
        } else {
            parameters.put("from", from.toString());
            parameters.put("to", to.toString());
        }
        if (!ZoneOffset.UTC.equals(zone)) {
            parameters.put("tz", zone.getId());
        }
        if (department != null) {
            parameters.put("department", department);
        }
        if (appointmentKind != null) {
            parameters.put("kind", appointmentKind.name());
        }
        if (status != null) {
            parameters.put("status", status.name());
        }
        if (tab != ReportTab.VISITS) {
            parameters.put("tab", tab.urlName());
        }
        if (sort != null) {
            parameters.put("sort", sort.name().toLowerCase());
            if (descending) {
                parameters.put("order", "desc");
            }
        }
        return parameters;
    }

    /** Reads the URL's parameters (first value of each); unreadable ones are dropped and reported. */
    public static ReportState fromParameters(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        Integer days = null;
        LocalDate from = null;
        LocalDate to = null;
        String daysText = parameters.get("days");
        if (daysText != null) {
            try {
                days = Integer.valueOf(daysText);
                if (!PRESETS.contains(days)) {
                    problems.add("days");
                    days = null;
                }
            } catch (NumberFormatException e) {
                problems.add("days");
            }
        }
        if (days == null && (parameters.containsKey("from") || parameters.containsKey("to"))) {
            from = date(parameters.get("from")).orElse(null);
            to = date(parameters.get("to")).orElse(null);
            if (from == null || to == null) {
                problems.add("from/to");
                from = null;
                to = null;
            } else {
                try {
                    new ReportRange(from, to, ZoneOffset.UTC);
                } catch (IllegalArgumentException e) {
                    problems.add("from/to");
                    from = null;
                    to = null;
                }
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (parameters.containsKey("tz")) {
            try {
                zone = ZoneId.of(parameters.get("tz"));
                // Only named zones (and UTC), as the picker offers: PostgreSQL reads a bare offset such
                // as "+05:30" in POSIX style, east and west swapped, so the days would be 11 h off.
                if (zone.normalized() instanceof ZoneOffset offset && !offset.equals(ZoneOffset.UTC)) {
                    zone = ZoneOffset.UTC;
                    problems.add("tz");
                }
            } catch (DateTimeException e) {
                problems.add("tz");
            }
        }
        String department = parameters.get("department");
        if (department != null && (department.isBlank() || department.length() > 200)) {
            problems.add("department");
            department = null;
        }
        AppointmentKind kind = enumValue(AppointmentKind.class, parameters.get("kind"), "kind", problems);
        VisitStatus status = enumValue(VisitStatus.class, parameters.get("status"), "status", problems);
        ReportTab tab = null;
        if (parameters.containsKey("tab")) {
            tab = enumValue(ReportTab.class, parameters.get("tab").toUpperCase(), "tab", problems);
        }
        VisitColumn sort = null;
        boolean descending = false;
        if (parameters.containsKey("sort")) {
            sort = enumValue(VisitColumn.class, parameters.get("sort").toUpperCase(), "sort", problems);
            if (sort != null && sort.sort() == null) {
                problems.add("sort"); // a column that does not sort
                sort = null;
            }
        }
        String order = parameters.get("order");
        if (order != null) {
            if (order.equals("desc") || order.equals("asc")) {
                descending = order.equals("desc");
            } else {
                problems.add("order");
            }
        }
        return new ReportState(days, from, to, zone, department, kind, status, tab, sort, descending, problems);
    }

    private static Optional<LocalDate> date(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String name, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            problems.add(name);
            return null;
        }
    }
}
