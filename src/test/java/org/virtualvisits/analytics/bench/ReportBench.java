package org.virtualvisits.analytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.HeadlineComparison;
import org.virtualvisits.analytics.report.Headlines;
import org.virtualvisits.analytics.report.rollup.MeetingIdBuckets;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportService;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * Issue 4's report benchmark: one organisation with 1,000,000 visits, the 90-day report as
 * {@code ReportView.runReport} asks for it, deep grid pages for every sort, and the raw
 * reference queries. Not a test: it measures and prints (it only fails if the report's
 * figures differ from the same figures computed over the raw visits). Run with
 *
 * <pre>mvn -Pbench test -Dtest=ReportBench</pre>
 *
 * System properties: {@code bench.visits} (1000000), {@code bench.runs} (15 timed runs after
 * {@code bench.warmup}, 3; one only when it takes over a second), {@code bench.itemSeconds} (a
 * slow item stops after this many seconds of timed runs, but never before 3 runs; 10),
 * {@code bench.deepOffset} (500000), {@code bench.label} (names the results file,
 * bench/report/results/raw/LABEL.md, ignored by git; "latest"), {@code bench.pg} (PostgreSQL settings to try without
 * touching the application, e.g. {@code work_mem=64MB,plan_cache_mode=force_custom_plan}: set with
 * ALTER SYSTEM on the throw-away database).
 */
@IntegrationTest
@Tag("bench")
class ReportBench {

    private static final int VISITS = Integer.getInteger("bench.visits", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 15);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3);
    private static final int MIN_RUNS = 3;
    private static final double ITEM_SECONDS = Double.parseDouble(System.getProperty("bench.itemSeconds", "10"));
    private static final long DEEP_OFFSET = Long.getLong("bench.deepOffset", 500_000L);
    private static final String LABEL = System.getProperty("bench.label", "latest");
    private static final String PG_SETTINGS = System.getProperty("bench.pg", "");
    private static final int PAGE = 100;
    private static final Path DIR = Path.of("bench", "report");

    @Autowired
    Organisations organisations;
    @Autowired
    ReportService reports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    MeetingIdBuckets meetingIdBuckets;

    private final List<Row> rows = new ArrayList<>();
    private long bucketMillis;
    private final List<String> checks = new ArrayList<>();

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void report() throws Exception {
        String load0 = uptime();
        for (String setting : PG_SETTINGS.split(",")) {
            if (!setting.isBlank()) {
                String[] nameValue = setting.split("=", 2);
                jdbc.sql("alter system set " + nameValue[0].trim() + " = '" + nameValue[1].trim() + "'").update();
            }
        }
        jdbc.sql("select pg_reload_conf()").query(Boolean.class).single();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Organisation org = organisations.createIfMissing("bench-report-" + VISITS, "Report bench", true, true);
        long generateMillis = generate(org.id(), today);
        // What the meeting-id bucket job (every 10 minutes) does after such a load.
        long bucketsStart = System.nanoTime();
        meetingIdBuckets.rebalanceWhereNeeded();
        bucketMillis = (System.nanoTime() - bucketsStart) / 1_000_000;
        visibility = settleVisibilityMap();
        signIn(org.id());

        ReportRange range = ReportRange.lastDays(90, today, ZoneOffset.UTC);
        VisitFilter none = VisitFilter.NONE;

        // Correctness first (and it warms the caches): every figure equals the raw query's.
        verify(org, range, none, "UTC, no filter");
        verify(org, ReportRange.lastDays(90, today, ZoneId.of("Europe/Paris")), none, "Europe/Paris");
        verify(org, ReportRange.lastDays(90, today, ZoneId.of("Asia/Kolkata")), none, "Asia/Kolkata");
        verify(org, range, new VisitFilter(null, "Cardiology", null, null), "department filter");

        // (a) the whole 90-day report as ReportView.runReport + showTab asks for it.
        section("a", "90-day report (UTC, no filter), as the view runs it");
        time("a", "headlines, current + previous period", () -> reports.headlines(range, none));
        time("a", "  of which: headlines, current period", () -> headlinesOf(range, none));
        time("a", "  of which: headlines, previous period", () -> headlinesOf(range.previous(), none));
        time("a", "daily series (90 points)", () -> reports.dailySeries(range, none));
        time("a", "  grid count (not run by the view: it sums the series)", () -> reports.countVisits(range, none));
        time("a", "grid first page (100 rows, start time)",
                () -> reports.visits(range, none, VisitSort.START_TIME, false, 0, PAGE));
        Row whole = time("a", "WHOLE REPORT (headlines, series, first page, in sequence)",
                () -> wholeReport(range, none));
        double sum = rows.stream().filter(r -> r.section.equals("a") && r.runs > 0 && !r.name.startsWith(" ")
                && r != whole).mapToDouble(r -> r.median).sum();
        rows.add(new Row("a", "sum of the parts' medians", sum, Double.NaN, 0, 200));

        section("a'", "90-day report, other cases");
        time("a'", "whole report, department filter (Cardiology)",
                () -> wholeReport(range, new VisitFilter(null, "Cardiology", null, null)));
        time("a'", "whole report, status filter (COMPLETED)",
                () -> wholeReport(range, new VisitFilter(null, null, null,
                        VisitStatus.COMPLETED)));
        time("a'", "whole report, Bookings tab", () -> wholeReport(range, VisitFilter.ofType(
                MeetingType.BOOKINGS)));
        ReportRange paris = ReportRange.lastDays(90, today, ZoneId.of("Europe/Paris"));
        time("a'", "whole report, zone Europe/Paris", () -> wholeReport(paris, none));
        ReportRange kolkata = ReportRange.lastDays(90, today, ZoneId.of("Asia/Kolkata"));
        time("a'", "whole report, zone Asia/Kolkata (+05:30)", () -> wholeReport(kolkata, none));
        ReportRange week = ReportRange.lastDays(7, today, ZoneOffset.UTC);
        time("a'", "whole report, last 7 days", () -> wholeReport(week, none));

        // (b) a grid page deep in the range, every sort, both directions.
        long total = reports.countVisits(range, none);
        long offset = Math.min(DEEP_OFFSET, Math.max(0, total - PAGE));
        section("b", "grid page at offset " + offset + " of " + total + ", " + PAGE + " rows");
        for (VisitSort sort : VisitSort.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                time("b", "sort " + sort + (descending ? " desc" : " asc"),
                        () -> reports.visits(range, none, sort, descending, offset, PAGE), 50);
            }
        }
        checkDeepPage(org, range, none, VisitSort.START_TIME, false, offset);
        checkDeepPage(org, range, none, VisitSort.START_TIME, true, offset);
        checkDeepPage(org, range, none, VisitSort.LOBBY_WAIT, false, offset);
        checkDeepPage(org, range, none, VisitSort.STATUS, true, offset);
        checkDeepPage(org, range, none, VisitSort.STATUS, false, offset);
        checkDeepPage(org, range, none, VisitSort.MEETING_TYPE, false, offset);
        checkDeepPage(org, range, none, VisitSort.MEETING_TYPE, true, offset);
        checkDeepPage(org, range, none, VisitSort.MEETING_ID, false, offset);
        checkDeepPage(org, range, none, VisitSort.MEETING_ID, true, offset);
        checkDeepPage(org, range, none, VisitSort.DURATION, true, offset);
        checkDeepPage(org, range, VisitFilter.ofType(MeetingType.BOOKINGS), VisitSort.START_TIME, true, offset / 2);
        // pages that straddle two sort values
        long abandoned = rawCount(org.id(), range, new VisitFilter(null, null, null, VisitStatus.ABANDONED));
        checkDeepPage(org, range, none, VisitSort.STATUS, false, Math.max(0, abandoned - PAGE / 2));
        long bookings = rawCount(org.id(), range, VisitFilter.ofType(MeetingType.BOOKINGS));
        checkDeepPage(org, range, none, VisitSort.MEETING_TYPE, false, Math.max(0, bookings - PAGE / 2));
        checkDeepPage(org, range, none, VisitSort.MEETING_TYPE, true, Math.max(0, total - bookings - PAGE / 2));
        // Positioned from visit_sort_daily (V13): every such sort both ways, a page that straddles the
        // SMS values; and time zones whose days are not UTC days (these skip rows inside the index).
        for (VisitSort sort : List.of(VisitSort.LOBBY_WAIT, VisitSort.DURATION, VisitSort.PARTICIPANTS,
                VisitSort.SMS_SENT)) {
            for (boolean descending : new boolean[] {false, true}) {
                if (sort != VisitSort.LOBBY_WAIT || descending) {
                    checkDeepPage(org, range, none, sort, descending, offset);
                }
            }
        }
        long withoutSms = jdbc.sql("""
                select count(*) from visit where organisation_id = :org and start_time >= :start
                  and start_time < :end and not sms_sent""")
                .param("org", org.id()).param("start", java.sql.Timestamp.from(range.startInclusive()))
                .param("end", java.sql.Timestamp.from(range.endExclusive())).query(Long.class).single();
        checkDeepPage(org, range, none, VisitSort.SMS_SENT, false, Math.max(0, withoutSms - PAGE / 2));
        checkDeepPage(org, range, none, VisitSort.SMS_SENT, true, Math.max(0, total - withoutSms - PAGE / 2));
        checkDeepPage(org, paris, none, VisitSort.DURATION, true, offset);
        checkDeepPage(org, kolkata, none, VisitSort.LOBBY_WAIT, false, offset);
        checkDeepPage(org, kolkata, none, VisitSort.PARTICIPANTS, true, offset);
        long last = Math.max(0, total - PAGE);
        time("b", "sort START_TIME asc, last page (offset " + last + ")",
                () -> reports.visits(range, none, VisitSort.START_TIME, false, last, PAGE), 50);

        // (c) the references: raw queries over the visits, whatever the application does.
        section("c", "reference queries over raw visits (90 days, UTC)");
        time("c", "naive daily GROUP BY over raw visits", () -> rawDaily(org.id(), range, none));
        time("c", "select count(*) of the range", () -> rawCount(org.id(), range, none));
        time("c", "select count(*) of the whole table", () -> jdbc.sql("select count(*) from visit")
                .query(Long.class).single());
        time("c", "raw headlines query (current period)", () -> rawHeadlines(org, range, none));

        String table = table();
        System.out.println(table);
        Path out = DIR.resolve("results").resolve("raw").resolve(LABEL + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, header(generateMillis, load0) + table + "\nChecks (report figures = raw query):\n\n"
                + String.join("\n", checks.stream().map(c -> "- " + c).toList()) + "\n");
        System.out.println("Written to " + out.toAbsolutePath());
        assertThat(checks).allMatch(c -> c.startsWith("OK"));
    }

    // ---------------------------------------------------------------- data

    /** Share of visit's pages marked all-visible when the timed runs start (see settleVisibilityMap). */
    private String visibility = "";

    /**
     * Index-only scans (deep grid pages) skip the table only on pages the visibility map marks
     * all-visible. A VACUUM right after the load cannot mark pages while an older snapshot is still
     * open somewhere (the scheduler's polling, a pool connection), which made the deep pages vary
     * 65-750 ms between identical runs. Autovacuum gets there in a live system for everything but the
     * newest visits, so vacuum again (up to 20 times, a second apart) until 99 % of the pages are
     * marked, and write down what was reached.
     */
    private String settleVisibilityMap() {
        double share = 0;
        int vacuums = 0;
        for (; vacuums < 20; vacuums++) {
            share = jdbc.sql("select coalesce(relallvisible::float / nullif(relpages, 0), 0) from pg_class "
                    + "where relname = 'visit'").query(Double.class).single();
            if (share >= 0.99) {
                break;
            }
            jdbc.sql("vacuum visit").update();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String result = String.format(Locale.ROOT, "%.1f %% of visit's pages all-visible after %d extra vacuum(s)",
                share * 100, vacuums);
        System.out.println("Visibility map: " + result);
        return result;
    }

    /** Inserts the visits with bench/report/generate-visits.sql (one INSERT ... SELECT) and analyzes. */
    private long generate(long organisationId, LocalDate today) throws IOException {
        Long existing = jdbc.sql("select count(*) from visit where organisation_id = :org")
                .param("org", organisationId).query(Long.class).single();
        if (existing >= VISITS) {
            return 0;
        }
        String script = Files.readString(DIR.resolve("generate-visits.sql"))
                .replace(":'today'", "date '" + today + "'")
                .replace(":visits", Integer.toString(VISITS))
                .replace(":org", Long.toString(organisationId));
        long start = System.nanoTime();
        jdbcTemplate.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                String withoutComments = String.join("\n",
                        script.lines().filter(l -> !l.trim().startsWith("--")).toList());
                for (String sql : withoutComments.split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            return null;
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "Generated %,d visits in %,d ms%n", VISITS, millis);
        return millis;
    }

    private void signIn(long organisationId) {
        AppUserPrincipal user = new AppUserPrincipal(0, organisationId, "bench", "Bench", "", Role.GLOBAL_ADMIN,
                Set.of(), true);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()));
    }

    // ---------------------------------------------------------------- what the view does

    /**
     * ReportView.runReport then showTab: headlines, daily series and the grid's first page. The grid's
     * count is the series' total (the view no longer asks for it separately).
     */
    private Object wholeReport(ReportRange range, VisitFilter tabFilter) {
        VisitFilter allTabs = new VisitFilter(null, tabFilter.department(), tabFilter.appointmentKind(),
                tabFilter.status());
        reports.organisation();
        HeadlineComparison headlines = reports.headlines(range, allTabs);
        List<DailyVisits> days = reports.dailySeries(range, tabFilter);
        long count = days.stream().mapToLong(DailyVisits::total).sum();
        List<Visit> page = reports.visits(range, tabFilter, VisitSort.START_TIME, false, 0, PAGE);
        return List.of(headlines, days, count, page);
    }

    /** One period's headlines, through the service (the comparison minus the previous period). */
    private Headlines headlinesOf(ReportRange range, VisitFilter filter) {
        return reports.headlines(range, filter).current();
    }

    // ---------------------------------------------------------------- raw references

    /** Written out here (not taken from the application) so that the reference stays what it is. */
    private static final String RAW_SCOPE = " organisation_id = :org and start_time >= :start and start_time < :end";

    private static String rawScope(VisitFilter filter) {
        return RAW_SCOPE + (filter.meetingType() == null ? "" : " and meeting_type = :type")
                + (filter.department() == null ? "" : " and department = :department")
                + (filter.appointmentKind() == null ? "" : " and appointment_kind = :kind")
                + (filter.status() == null ? "" : " and status = :status");
    }

    private JdbcClient.StatementSpec raw(String sql, long organisationId, ReportRange range, VisitFilter filter) {
        return jdbc.sql(sql.replace("RAW_SCOPE", rawScope(filter))).param("org", organisationId)
                .param("start", java.sql.Timestamp.from(range.startInclusive()))
                .param("end", java.sql.Timestamp.from(range.endExclusive()))
                .param("type", filter.meetingType() == null ? null : filter.meetingType().name())
                .param("department", filter.department())
                .param("kind", filter.appointmentKind() == null ? null : filter.appointmentKind().name())
                .param("status", filter.status() == null ? null : filter.status().name());
    }

    private Map<LocalDate, DailyVisits> rawDaily(long organisationId, ReportRange range, VisitFilter filter) {
        Map<LocalDate, DailyVisits> byDay = new LinkedHashMap<>();
        raw("""
                select (start_time at time zone :zone)::date as day,
                       count(*) as total,
                       count(*) filter (where meeting_type = 'BOOKINGS') as bookings,
                       count(*) filter (where meeting_type = 'EHR') as ehr,
                       avg(duration_seconds) filter (where status = 'COMPLETED') / 60.0 as avg_duration,
                       avg(lobby_wait_seconds) / 60.0 as avg_wait
                from visit where RAW_SCOPE group by 1 order by 1""", organisationId, range, filter)
                .param("zone", range.zone().getId())
                .query((rs, n) -> new DailyVisits(rs.getObject("day", LocalDate.class), rs.getLong("total"),
                        rs.getLong("bookings"), rs.getLong("ehr"), nullable(rs, "avg_duration"),
                        nullable(rs, "avg_wait")))
                .list().forEach(d -> byDay.put(d.date(), d));
        return byDay;
    }

    private long rawCount(long organisationId, ReportRange range, VisitFilter filter) {
        return raw("select count(*) from visit where RAW_SCOPE", organisationId, range, filter)
                .query(Long.class).single();
    }

    private Headlines rawHeadlines(Organisation org, ReportRange range, VisitFilter filter) {
        int threshold = org.lobbyWaitThresholdSeconds();
        return raw("""
                select count(*) as visits,
                       count(*) filter (where status = 'COMPLETED') as completed,
                       count(*) filter (where status = 'NO_SHOW') as no_shows,
                       percentile_cont(0.5) within group (order by lobby_wait_seconds) as median_wait,
                       percentile_cont(0.9) within group (order by lobby_wait_seconds) as p90_wait,
                       count(*) filter (where lobby_wait_seconds > :threshold) as over_threshold
                from visit where RAW_SCOPE""", org.id(), range, filter)
                .param("threshold", threshold)
                .query((rs, n) -> new Headlines(rs.getLong("visits"), rs.getLong("completed"), rs.getLong("no_shows"),
                        nullable(rs, "median_wait"), nullable(rs, "p90_wait"), rs.getLong("over_threshold"),
                        threshold))
                .single();
    }

    private List<String> rawPage(long organisationId, ReportRange range, VisitFilter filter, VisitSort sort,
            boolean descending, long offset) {
        String direction = descending ? " desc" : " asc";
        String nulls = sort != VisitSort.LOBBY_WAIT ? "" : descending ? " nulls last" : " nulls first";
        String orderBy = switch (sort) {
            case START_TIME -> "start_time" + direction + ", meeting_id" + direction;
            case MEETING_ID -> "meeting_id" + direction;
            default -> column(sort) + direction + nulls + ", start_time" + direction + ", meeting_id" + direction;
        };
        return raw("select meeting_id from visit where RAW_SCOPE order by " + orderBy
                + " offset :offset limit :limit", organisationId, range, filter)
                .param("offset", offset).param("limit", PAGE).query(String.class).list();
    }

    private static String column(VisitSort sort) {
        return switch (sort) {
            case START_TIME -> "start_time";
            case MEETING_ID -> "meeting_id";
            case LOBBY_WAIT -> "lobby_wait_seconds";
            case DURATION -> "duration_seconds";
            case STATUS -> "status";
            case MEETING_TYPE -> "meeting_type";
            case PARTICIPANTS -> "participants";
            case SMS_SENT -> "sms_sent";
        };
    }

    // ---------------------------------------------------------------- checks

    private void verify(Organisation org, ReportRange range, VisitFilter filter, String what) {
        HeadlineComparison headlines = reports.headlines(range, filter);
        check("headlines (" + what + ")", headlines.current(), rawHeadlines(org, range, filter));
        check("previous-period headlines (" + what + ")", headlines.previous(),
                rawHeadlines(org, range.previous(), filter));
        Map<LocalDate, DailyVisits> raw = rawDaily(org.id(), range, filter);
        List<DailyVisits> expected = range.days().stream()
                .map(d -> raw.getOrDefault(d, DailyVisits.empty(d))).toList();
        check("daily series (" + what + ")", reports.dailySeries(range, filter), expected);
        check("count (" + what + ")", reports.countVisits(range, filter), rawCount(org.id(), range, filter));
        check("first page (" + what + ")",
                reports.visits(range, filter, VisitSort.START_TIME, false, 0, PAGE).stream()
                        .map(Visit::meetingId).toList(),
                rawPage(org.id(), range, filter, VisitSort.START_TIME, false, 0));
    }

    private void checkDeepPage(Organisation org, ReportRange range, VisitFilter filter, VisitSort sort,
            boolean descending, long offset) {
        check("page at " + offset + " by " + sort + (descending ? " desc" : " asc")
                        + (filter.equals(VisitFilter.NONE) ? "" : " (" + filter + ")"),
                reports.visits(range, filter, sort, descending, offset, PAGE).stream().map(Visit::meetingId)
                        .toList(),
                rawPage(org.id(), range, filter, sort, descending, offset));
    }

    private void check(String what, Object actual, Object expected) {
        String result = (Objects.equals(actual, expected) ? "OK " : "MISMATCH ") + what;
        if (!Objects.equals(actual, expected)) {
            result += ": got " + abbreviate(actual) + ", raw query gives " + abbreviate(expected);
        }
        System.out.println(result);
        checks.add(result);
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    // ---------------------------------------------------------------- timing

    private record Row(String section, String name, double median, double p95, int runs, double target,
            double dbCpu, double jvmCpu) {

        Row(String section, String name, double median, double p95, int runs, double target) {
            this(section, name, median, p95, runs, target, Double.NaN, Double.NaN);
        }
    }

    /** The bench database's postmaster, whose children (backends, parallel workers) run the queries. */
    private long postmasterPid = -1;

    /** CPU time (ms) used so far by every process of the bench database, from /proc; NaN if unknown. */
    private double databaseCpuMillis() {
        try {
            if (postmasterPid < 0) {
                String dataDirectory = jdbc.sql("show data_directory").query(String.class).single();
                postmasterPid = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
            }
            long ticks = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(process.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(process.getFileName().toString());
                        if (pid == postmasterPid || Long.parseLong(fields[1]) == postmasterPid) {
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            return ticks * 10.0; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private void section(String id, String title) {
        rows.add(new Row(id, "## " + title, Double.NaN, Double.NaN, 0, Double.NaN));
        System.out.println("== (" + id + ") " + title);
    }

    private Row time(String section, String name, Callable<?> work) throws Exception {
        return time(section, name, work, section.equals("a") && name.startsWith("WHOLE") ? 200 : Double.NaN);
    }

    /** Warm-up runs, then up to RUNS timed runs (at least MIN_RUNS, at most ITEM_SECONDS of them). */
    private Row time(String section, String name, Callable<?> work, double targetMillis) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            long start = System.nanoTime();
            work.call();
            if (System.nanoTime() - start > 1_000_000_000L) {
                break;
            }
        }
        List<Double> millis = new ArrayList<>();
        var threads = ManagementFactory.getThreadMXBean();
        double db0 = databaseCpuMillis();
        long jvm0 = threads.getCurrentThreadCpuTime();
        long budgetEnd = System.nanoTime() + (long) (ITEM_SECONDS * 1e9);
        while (millis.size() < RUNS && (millis.size() < MIN_RUNS || System.nanoTime() < budgetEnd)) {
            long start = System.nanoTime();
            Object result = work.call();
            millis.add((System.nanoTime() - start) / 1e6);
            Objects.requireNonNull(result);
        }
        double dbCpu = (databaseCpuMillis() - db0) / millis.size();
        double jvmCpu = (threads.getCurrentThreadCpuTime() - jvm0) / 1e6 / millis.size();
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        double p95 = sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
        Row row = new Row(section, name, median, p95, sorted.length, targetMillis, dbCpu, jvmCpu);
        rows.add(row);
        System.out.printf(Locale.ROOT, "  %-55s median %9.1f ms  p95 %9.1f ms  (%d runs; CPU/run: db %.0f ms, jvm %.0f ms)%n",
                name, median, p95, sorted.length, dbCpu, jvmCpu);
        return row;
    }

    // ---------------------------------------------------------------- output

    private String table() {
        StringBuilder out = new StringBuilder();
        out.append("| item | median ms | p95 ms | runs | CPU ms/run: db + jvm | target |\n"
                + "|---|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            if (row.name.startsWith("## ")) {
                out.append("| **(").append(row.section).append(") ").append(row.name.substring(3))
                        .append("** | | | | | |\n");
                continue;
            }
            String target = Double.isNaN(row.target) ? ""
                    : (row.median <= row.target ? "≤ " + (int) row.target + " ms: met"
                            : "≤ " + (int) row.target + " ms: MISSED");
            String cpu = Double.isNaN(row.dbCpu) ? ""
                    : String.format(Locale.ROOT, "%.0f + %.0f", row.dbCpu, row.jvmCpu);
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %s |%n", row.name.replace("|", "/"),
                    row.median, Double.isNaN(row.p95) ? "" : String.format(Locale.ROOT, "%.1f", row.p95),
                    row.runs == 0 ? "" : Integer.toString(row.runs), cpu, target));
        }
        return out.toString();
    }

    private String header(long generateMillis, String load0) {
        String settings = String.join(", ", jdbc.sql("""
                select name || '=' || current_setting(name) from pg_settings
                where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit',
                               'random_page_cost', 'effective_cache_size', 'plan_cache_mode')
                order by name""").query(String.class).list());
        String version = jdbc.sql("select version()").query(String.class).single();
        String collation = jdbc.sql("select datcollate from pg_database where datname = current_database()")
                .query(String.class).single();
        String indexes = String.join("; ", jdbc.sql("""
                select indexname from pg_indexes where tablename like 'visit%' order by 1""")
                .query(String.class).list());
        String tables = String.join(", ", jdbc.sql("""
                select relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)) from pg_class
                where relname like 'visit%' and relkind = 'r' order by 1""").query(String.class).list());
        return "# Report benchmark: " + LABEL + "\n\n"
                + "- date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + memTotal() + "; JVM " + System.getProperty("java.version") + "\n"
                + "- load (uptime) at start: " + load0 + "\n"
                + "- load (uptime) at end: " + uptime() + "\n"
                + "- visibility map before the timed runs: " + visibility + "\n"
                + "- database: " + version.replaceAll(" on .*", "") + ", collation " + collation + "; " + settings
                + "\n"
                + "- data: " + String.format(Locale.ROOT, "%,d", VISITS) + " visits in one organisation"
                + (generateMillis > 0 ? String.format(Locale.ROOT, " (generated in %.1f s)", generateMillis / 1e3) : "")
                + "; meeting-id bucket job after the load: "
                + String.format(Locale.ROOT, "%.1f s", bucketMillis / 1e3)
                + "; tables " + tables + "; indexes " + indexes + "\n"
                + "- settings tried (bench.pg): " + (PG_SETTINGS.isBlank() ? "none" : PG_SETTINGS) + "\n"
                + "- runs: " + WARMUP + " warm-up (1 if over a second), then " + RUNS + " timed (a slow item stops after "
                + ITEM_SECONDS + " s, at least " + MIN_RUNS + " runs); p95 = nearest rank\n"
                + "- times: wall clock around the ReportService call in the application's JVM (JDBC round trip "
                + "and row mapping included). CPU ms/run: CPU time of all the bench database's processes "
                + "(/proc, 10 ms ticks, parallel workers included) + of the calling JVM thread, averaged over the "
                + "timed runs: what the item costs whatever the machine's load (on an idle machine a serial "
                + "plan takes about that long)\n"
                + "- rerun: `mvn -Pbench test -Dtest=ReportBench -Dbench.label=" + LABEL
                + (PG_SETTINGS.isBlank() ? "" : " -Dbench.pg=" + PG_SETTINGS) + "`\n\n";
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB RAM",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "? RAM";
        }
    }

    private static String uptime() {
        try {
            String loadavg = Files.readString(Path.of("/proc/loadavg")).trim();
            return "load average " + String.join(", ", Arrays.copyOf(loadavg.split(" "), 3));
        } catch (IOException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Double nullable(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
