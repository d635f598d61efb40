package org.virtualvisits.analytics.report.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.ApiTestSupport;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.base.db.PgArrays;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.Headlines;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitPageRequest;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.EventIngestion;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.RawEvent;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;
import org.virtualvisits.analytics.visits.store.VisitStore;

/**
 * The report rollups (V8: visit_hourly, visit_wait_daily and their triggers) stay exact under any
 * change to the visits, and every figure read from them equals the same figure computed over the
 * raw visits with the plain SQL the report used before the rollups (doubles to the last bit).
 */
@IntegrationTest
class ReportRollupsTest extends ApiTestSupport {

    private static final LocalDate DAY0 = LocalDate.of(2026, 10, 10);
    private static final int DAYS = 30;
    private static final String[] DEPARTMENTS = {"Cardiology", "Oncology", "Paediatrics", null};
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    @Autowired
    Aggregates aggregates;
    @Autowired
    DeepPages pages;
    @Autowired
    VisitStore visitStore;
    @Autowired
    EventIngestion ingestion;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MeetingIdBuckets meetingIdBuckets;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;

    // ------------------------------------------------------------------ exactness of the rollups

    @Test
    void rollupsEqualARebuildAfterRandomInsertsUpdatesAndDeletes() {
        Organisation org = newOrganisation();
        Organisation other = newOrganisation();
        Random random = new Random(20261126);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            visits.add(randomVisit(random, "M" + i));
        }
        upsert(org.id(), visits);
        upsert(other.id(), visits.subList(0, 100));
        assertExact(org.id());
        // Meeting-id boundaries chosen now: the changes below go through the bucket look-up.
        meetingIdBuckets.rebalance(org.id(), 37);
        assertExact(org.id());

        int next = visits.size();
        for (int round = 0; round < 12; round++) {
            // The ingestion's statement: new visits and re-derived ones in one upsert (both triggers).
            List<Visit> batch = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                batch.add(randomVisit(random, "M" + next++));
            }
            Set<Integer> picked = new java.util.TreeSet<>();
            while (picked.size() < 60) {
                picked.add(random.nextInt(visits.size()));
            }
            for (int index : picked) {
                Visit changed = change(random, visits.get(index));
                visits.set(index, changed);
                batch.add(changed);
            }
            visits.addAll(batch.subList(0, 30));
            upsert(org.id(), batch);

            // Plain statements: move start times (across hours and days), change status, wait, department.
            jdbc.sql("""
                    update visit set start_time = start_time + make_interval(mins => :minutes)
                    where organisation_id = :org and meeting_id = any(cast(:ids as text[]))""")
                    .param("minutes", random.nextInt(1500) - 750).param("org", org.id())
                    .param("ids", ids(visits, random, 25)).update();
            jdbc.sql("""
                    update visit set status = case status when 'COMPLETED' then 'NO_SHOW' else 'COMPLETED' end,
                                     lobby_wait_seconds = case when lobby_wait_seconds is null then 42 end,
                                     department = case when department is null then 'Oncology' end,
                                     meeting_type = case meeting_type when 'EHR' then 'BOOKINGS' else 'EHR' end
                    where organisation_id = :org and meeting_id = any(cast(:ids as text[]))""")
                    .param("org", org.id()).param("ids", ids(visits, random, 25)).update();
            // An update that changes nothing V8's rollups count (net zero in every bucket), but every
            // participants bucket of visit_sort_daily.
            jdbc.sql("update visit set participants = participants + 1 where organisation_id = :org")
                    .param("org", org.id()).update();
            // Durations across minute boundaries (whole minutes included), SMS flipped, waits moved.
            jdbc.sql("""
                    update visit set duration_seconds = duration_seconds + :seconds, sms_sent = not sms_sent,
                                     lobby_wait_seconds = lobby_wait_seconds + :seconds
                    where organisation_id = :org and meeting_id = any(cast(:ids as text[]))""")
                    .param("seconds", random.nextInt(130) - 20).param("org", org.id())
                    .param("ids", ids(visits, random, 25)).update();
            String[] gone = ids(visits, random, 15);
            jdbc.sql("delete from visit where organisation_id = :org and meeting_id = any(cast(:ids as text[]))")
                    .param("org", org.id()).param("ids", gone).update();
            Set<String> deleted = new java.util.HashSet<>(List.of(gone));
            visits.removeIf(v -> deleted.contains(v.meetingId()));

            // Several statements in one transaction, and one rolled back.
            transactions.executeWithoutResult(status -> {
                upsert(org.id(), List.of(change(random, visits.get(0)), randomVisit(random, "T" + visits.size())));
                jdbc.sql("delete from visit where organisation_id = :org and meeting_id = :id")
                        .param("org", org.id()).param("id", visits.get(1).meetingId()).update();
            });
            transactions.executeWithoutResult(status -> {
                upsert(org.id(), List.of(change(random, visits.get(2)), randomVisit(random, "R" + visits.size())));
                status.setRollbackOnly();
            });
            // The list only supplies ids (the database is the reference); drop the one deleted.
            visits.remove(1);
            assertExact(org.id());
            if (round == 5) {
                meetingIdBuckets.rebalance(org.id(), 23);
                assertExact(org.id());
            }
        }
        assertExact(other.id());
        long zeroRows = jdbc.sql("select count(*) from visit_hourly where organisation_id = :org and visits = 0")
                .param("org", org.id()).query(Long.class).single();
        assertThat(zeroRows).as("buckets emptied by updates stay as zero rows, with zero sums").isGreaterThan(0);

        // The retention job's delete empties buckets: they go.
        jdbc.sql("delete from visit where organisation_id = :org").param("org", org.id()).update();
        assertExact(org.id());
        assertThat(jdbc.sql("""
                        select (select count(*) from visit_hourly where organisation_id = :org and visits <> 0)
                             + (select count(*) from visit_wait_daily where organisation_id = :org and visits <> 0)
                             + (select count(*) from visit_sort_daily where organisation_id = :org)
                             + (select count(*) from visit_meeting_id_daily where organisation_id = :org)""")
                .param("org", org.id()).query(Long.class).single()).isZero();
    }

    @Test
    void truncateEmptiesTheRollups() {
        Organisation org = newOrganisation();
        upsert(org.id(), List.of(randomVisit(new Random(1), "X1")));
        transactions.executeWithoutResult(status -> {
            jdbc.sql("truncate visit").update();
            assertThat(jdbc.sql("""
                    select (select count(*) from visit_hourly) + (select count(*) from visit_wait_daily)
                         + (select count(*) from visit_sort_daily)
                         + (select count(*) from visit_meeting_id_daily)""").query(Long.class).single()).isZero();
            status.setRollbackOnly();
        });
        assertExact(org.id());
    }

    @Test
    void aVisitThatMovesToAnotherHourAndDayWhenReDerivedLeavesItsOldBuckets() {
        Organisation org = newOrganisation();
        // The staff member joins at 23:50 UTC: the visit starts then (nobody else yet) ...
        ingest(org, ev("MV", 1, "JOINED", "2026-11-20T23:50:00Z", "S", "STAFF"));
        assertThat(startHours(org)).containsExactly(Instant.parse("2026-11-20T23:00:00Z"));
        assertExact(org.id());
        ReportRange range = ReportRange.utc(LocalDate.of(2026, 11, 19), LocalDate.of(2026, 11, 22));
        assertSameAsRaw(org.id(), range, VisitFilter.NONE, Set.of());

        // ... the patient arrives after midnight: now the visit starts together, on the next day.
        ingest(org, ev("MV", 2, "LOBBY_JOINED", "2026-11-20T23:58:00Z", "P", "ATTENDEE"),
                ev("MV", 3, "ADMITTED", "2026-11-21T00:07:00Z", "P", "ATTENDEE"),
                ev("MV", 4, "JOINED", "2026-11-21T00:07:00Z", "P", "ATTENDEE"));
        assertThat(startHours(org)).containsExactly(Instant.parse("2026-11-21T00:00:00Z"));
        assertExact(org.id());
        assertSameAsRaw(org.id(), range, VisitFilter.NONE, Set.of());
        assertThat(aggregates.daily(VisitScope.wholeOrganisation(org.id()), range, VisitFilter.NONE).keySet())
                .containsExactly(LocalDate.of(2026, 11, 21));

        // Late events end it: same hour, other status, a duration.
        ingest(org, ev("MV", 5, "LEFT", "2026-11-21T00:31:00Z", "P", "ATTENDEE"),
                ev("MV", 6, "MEETING_ENDED", "2026-11-21T00:32:00Z", null, null));
        assertExact(org.id());
        assertSameAsRaw(org.id(), range, VisitFilter.NONE, Set.of());
        assertSameAsRaw(org.id(), range, new VisitFilter(null, null, null, VisitStatus.COMPLETED), Set.of());
        Headlines headlines = aggregates.headlines(VisitScope.wholeOrganisation(org.id()), range, VisitFilter.NONE, 60);
        assertThat(headlines.visits()).isEqualTo(1);
        assertThat(headlines.completed()).isEqualTo(1);
        assertThat(headlines.medianLobbyWaitSeconds()).isEqualTo(540.0);
    }

    // ------------------------------------------------------------------ report figures = raw figures

    @Test
    void reportFiguresEqualTheRawQueriesInEveryZoneScopeAndFilter() {
        Organisation org = newOrganisation();
        Random random = new Random(4242);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            visits.add(randomVisit(random, "V" + i));
        }
        upsert(org.id(), visits);
        // Then re-derive some (moves across hours) so that the rollups hold updates, not just inserts.
        List<Visit> moved = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            moved.add(change(random, visits.get(random.nextInt(visits.size()))));
        }
        upsert(org.id(), moved.stream().collect(java.util.stream.Collectors.toMap(Visit::meetingId, v -> v,
                (a, b) -> b, java.util.LinkedHashMap::new)).values().stream().toList());
        assertExact(org.id());

        List<VisitFilter> filters = List.of(VisitFilter.NONE,
                new VisitFilter(null, null, null, VisitStatus.COMPLETED),
                new VisitFilter(null, null, null, VisitStatus.NO_SHOW),
                VisitFilter.ofType(MeetingType.BOOKINGS),
                new VisitFilter(null, "Cardiology", null, null),
                new VisitFilter(MeetingType.EHR, null, AppointmentKind.ON_DEMAND, null));
        List<Set<String>> scopes = List.of(Set.of(), Set.of("Cardiology", "Paediatrics"));
        // Lord Howe Island: +10:30, +11 from 4 October 2026 (a half-hour change of offset).
        for (ZoneId zone : List.of(UTC, PARIS, NEW_YORK, KOLKATA, KATHMANDU, ZoneId.of("Australia/Lord_Howe"))) {
            // 20 days over the end of European (25 Oct) and US (1 Nov) summer time; a single day; a week;
            // and a range from before the first visit over Lord Howe's change.
            for (ReportRange range : List.of(new ReportRange(DAY0.plusDays(8), DAY0.plusDays(27), zone),
                    new ReportRange(DAY0.plusDays(15), DAY0.plusDays(15), zone),
                    new ReportRange(DAY0.plusDays(22), DAY0.plusDays(28), zone),
                    new ReportRange(DAY0.minusDays(8), DAY0.plusDays(3), zone))) {
                for (Set<String> departments : scopes) {
                    for (VisitFilter filter : filters) {
                        assertSameAsRaw(org.id(), range, filter, departments);
                    }
                }
            }
        }
    }

    @Test
    void onlyHalfHourZonesHaveDaysThatCutRollupHours() {
        ReportRange week = new ReportRange(DAY0.plusDays(10), DAY0.plusDays(20), UTC);
        assertThat(wholeHours(week)).isTrue();
        assertThat(wholeHours(new ReportRange(week.from(), week.to(), PARIS))).isTrue();
        assertThat(wholeHours(new ReportRange(week.from(), week.to(), NEW_YORK))).isTrue();
        assertThat(wholeHours(new ReportRange(week.from(), week.to(), KOLKATA))).isFalse();
        assertThat(wholeHours(new ReportRange(week.from(), week.to(), KATHMANDU))).isFalse();
        // Lord Howe Island: +10:30 in winter, +11 in summer (starts first Sunday of October).
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        assertThat(wholeHours(new ReportRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2),
                lordHowe))).isFalse();
    }

    @Test
    void deepPagesEqualOffsetPagesForEverySortFromTheRollupsOrThroughAnIndex() {
        Organisation org = newOrganisation();
        Random random = new Random(77);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            visits.add(randomVisit(random, "P" + i));
        }
        upsert(org.id(), visits);
        List<Visit> moved = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            moved.add(change(random, visits.get(i * 5)));
        }
        upsert(org.id(), moved);
        ReportRange range = new ReportRange(DAY0.plusDays(3), DAY0.plusDays(24), PARIS);
        for (Set<String> departments : List.of(Set.<String>of(), Set.of("Oncology", "Cardiology"))) {
            VisitScope scope = new VisitScope(org.id(), departments);
            for (VisitFilter filter : List.of(VisitFilter.NONE, new VisitFilter(null, null, null, VisitStatus.COMPLETED),
                    VisitFilter.ofType(MeetingType.EHR))) {
                long total = rawCount(scope, range, filter);
                long abandoned = rawCount(scope, range, new VisitFilter(filter.meetingType(), filter.department(),
                        filter.appointmentKind(), VisitStatus.ABANDONED));
                long bookings = rawCount(scope, range, new VisitFilter(MeetingType.BOOKINGS, filter.department(),
                        filter.appointmentKind(), filter.status()));
                for (VisitSort sort : VisitSort.values()) {
                    for (boolean descending : new boolean[] {false, true}) {
                        for (long offset : new long[] {0, 1, 37, total / 2, abandoned - 20, bookings - 20,
                                total - bookings - 20, total - 30, total - 1, total, total + 5}) {
                            if (offset < 0) {
                                continue;
                            }
                            assertThat(pages.page(scope, new VisitPageRequest(range, filter, sort, descending, offset, 50), 0))
                                    .as("%s %s desc=%s offset %d of %d", filter, sort, descending, offset, total)
                                    .isEqualTo(rawPage(scope, range, filter, sort, descending, offset, 50));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aDescendingSortIsTheExactReverseOfTheAscendingOne() {
        Organisation org = newOrganisation();
        List<Visit> visits = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            visits.add(randomVisit(random, "r-" + i));
        }
        upsert(org.id(), visits);
        VisitScope scope = new VisitScope(org.id(), Set.of());
        ReportRange range = new ReportRange(DAY0, DAY0.plusDays(40), ZoneOffset.UTC);
        for (VisitSort sort : VisitSort.values()) {
            List<Visit> ascending = new ArrayList<>(pages.page(scope, new VisitPageRequest(range, VisitFilter.NONE, sort, false, 0, 1000)));
            Collections.reverse(ascending);
            assertThat(ascending).as(sort.name()).hasSizeGreaterThan(100)
                    .isEqualTo(pages.page(scope, new VisitPageRequest(range, VisitFilter.NONE, sort, true, 0, 1000)));
        }
    }

    @Test
    void percentileContOverAHistogramIsPostgresPercentileCont() {
        // values 3 3 10 11 11 11 11: p50 = 11 (row 3), p90 = 11 (row 5.4 -> 11, 11)
        assertThat(histogram(3, 2, 10, 1, 11, 4).percentileCont(0.5)).isEqualTo(11.0);
        assertThat(histogram(3, 2, 10, 1, 11, 4).over(10)).isEqualTo(4);
        assertThat(histogram(3, 1, 10, 1).percentileCont(0.5)).isEqualTo(6.5);
        assertThat(histogram().percentileCont(0.5)).isNull();
        Double fromPostgres = jdbc.sql("""
                select percentile_cont(0.9) within group (order by w)
                from unnest(array[3, 3, 10, 11, 11, 11, 11, 17, 18, 250]) w""").query(Double.class).single();
        assertThat(histogram(3, 2, 10, 1, 11, 4, 17, 1, 18, 1, 250, 1).percentileCont(0.9)).isEqualTo(fromPostgres);
    }

    /** A histogram from (seconds, visits) pairs. */
    private static WaitHistogram histogram(long... pairs) {
        List<WaitHistogram.Bin> bins = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            bins.add(new WaitHistogram.Bin(pairs[i], pairs[i + 1]));
        }
        return new WaitHistogram(bins);
    }

    private static boolean wholeHours(ReportRange range) {
        return RangeCut.of(range).wholeHours();
    }

    @Test
    void sortBucketsInSqlAreTheJavaBuckets() {
        for (SortBuckets buckets : SortBuckets.values()) {
            if (buckets.enumerated()) {
                List<String> reversed = new ArrayList<>(buckets.names());
                Collections.reverse(reversed);
                List<String> fromSql = new ArrayList<>();
                for (String name : reversed) {
                    fromSql.add(jdbc.sql("select " + buckets.bucketSql() + " from (select cast(:name as text) as "
                            + buckets.column() + ") x").param("name", name).query(String.class).single());
                }
                assertThat(fromSql).as(buckets.name()).isEqualTo(reversed.stream()
                        .map(name -> String.valueOf(buckets.bucketOf(name))).toList());
                // The ranks follow PostgreSQL's own order of the names, whatever the database's collation.
                assertThat(jdbc.sql("select n from unnest(cast(:names as text[])) n order by n")
                        .param("names", reversed.toArray(String[]::new))
                        .query(String.class).list()).as(buckets.name()).isEqualTo(buckets.names());
                continue;
            }
            String column = buckets.column();
            List<Long> values = buckets == SortBuckets.SMS_SENT ? List.of(0L, 1L)
                    : java.util.stream.LongStream.rangeClosed(-190, 250).boxed().toList();
            List<Integer> fromSql = jdbc.sql("select " + buckets.bucketSql() + " from (select "
                            + (buckets == SortBuckets.SMS_SENT ? "v = 1" : "v::int") + " as " + column
                            + ", i from unnest(cast(:values as bigint[])) with ordinality u (v, i)) x order by i")
                    .param("values", values.toArray(Long[]::new))
                    .query((rs, row) -> rs.getInt(1)).list();
            assertThat(fromSql).as(buckets.name()).isEqualTo(values.stream().map(buckets::bucketOf).toList());
        }
        assertThat(jdbc.sql("select " + SortBuckets.LOBBY_WAIT.bucketSql() + " from (select null::int as "
                + "lobby_wait_seconds) x").query(Integer.class).optional()).isEmpty();
    }

    @Test
    void deepPagesFromTheSortRollupEqualOffsetPagesAcrossValuesBucketsDaysAndTimeZones() {
        Organisation org = newOrganisation();
        Random random = new Random(1313);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Visit visit = randomVisit(random, "S" + i);
            // Whole-minute durations (exact buckets), no-shows' 0 s, and values in the 59 between.
            long duration = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 60L * random.nextInt(5);
                default -> random.nextInt(300);
            };
            visits.add(new Visit(visit.meetingId(), visit.meetingType(), visit.startTime(), visit.lobbyWaitSeconds(),
                    duration, visit.status(), random.nextInt(4), visit.smsSent(), visit.department(),
                    visit.appointmentKind()));
        }
        upsert(org.id(), visits);
        List<Visit> moved = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            moved.add(change(random, visits.get(i * 7)));
        }
        upsert(org.id(), moved);
        assertExact(org.id());
        VisitScope scope = VisitScope.wholeOrganisation(org.id());
        ZoneId newYork = NEW_YORK;
        for (ReportRange range : List.of(new ReportRange(DAY0.plusDays(2), DAY0.plusDays(25), UTC),
                new ReportRange(DAY0.plusDays(3), DAY0.plusDays(24), PARIS),
                new ReportRange(DAY0.plusDays(20), DAY0.plusDays(24), newYork),
                new ReportRange(DAY0.plusDays(1), DAY0.plusDays(26), KOLKATA),
                new ReportRange(DAY0.plusDays(9), DAY0.plusDays(9), KATHMANDU),
                // London on GMT: its days are UTC days, so the rollup serves it too.
                new ReportRange(DAY0.plusDays(16), DAY0.plusDays(25), ZoneId.of("Europe/London")))) {
            // Other zones' days are not UTC days: their deep pages skip rows inside the index instead.
            assertThat(RangeCut.of(range).wholeUtcDays()).as(range.toString())
                    .isEqualTo(range.zone().equals(UTC) || range.zone().getId().equals("Europe/London"));
            for (SortBuckets buckets : SortBuckets.values()) {
                VisitSort sort = buckets.sort();
                for (boolean descending : new boolean[] {false, true}) {
                    List<Visit> all = rawPage(scope, range, VisitFilter.NONE, sort, descending, 0, 100_000);
                    java.util.TreeSet<Long> offsets = new java.util.TreeSet<>(List.of(0L, 1L, (long) all.size() - 1,
                            (long) all.size(), all.size() + 3L));
                    List<Long> boundaries = new ArrayList<>();
                    for (int i = 1; i < all.size(); i++) {
                        if (!sortKey(buckets, all.get(i - 1)).equals(sortKey(buckets, all.get(i)))) {
                            boundaries.add((long) i);
                        }
                    }
                    // Pages that start just before, at and just after a change of bucket, value or UTC day.
                    for (int i = 0; i < boundaries.size(); i += Math.max(1, boundaries.size() / 25)) {
                        long boundary = boundaries.get(i);
                        offsets.addAll(List.of(Math.max(0, boundary - 3), boundary, boundary + 1));
                    }
                    for (long offset : offsets) {
                        for (int limit : new int[] {7, 60}) {
                            List<Visit> expected = all.subList((int) Math.min(offset, all.size()),
                                    (int) Math.min(offset + limit, all.size()));
                            assertThat(pages.page(scope, new VisitPageRequest(range, VisitFilter.NONE, sort, descending, offset, limit), 0))
                                    .as("%s %s desc=%s offset %d limit %d of %d", range, sort, descending, offset,
                                            limit, all.size())
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void deepPagesSortedByMeetingIdFromItsBucketsEqualOffsetPages() {
        Organisation org = newOrganisation();
        Random random = new Random(4242);
        List<Visit> visits = new ArrayList<>();
        String alphabet = "aAbB09-_.zZé ";
        for (int i = 0; i < 900; i++) {
            StringBuilder id = new StringBuilder();
            for (int c = 1 + random.nextInt(8); c > 0; c--) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            visits.add(randomVisit(random, id + "#" + i));
        }
        for (int i = 0; i < 600; i++) {
            visits.add(randomVisit(random, "BK-2026%04d-%d".formatted(1010 + i / 40, i))); // ids that grow
        }
        upsert(org.id(), visits);
        VisitScope scope = VisitScope.wholeOrganisation(org.id());
        ReportRange utc = new ReportRange(DAY0.plusDays(2), DAY0.plusDays(25), UTC);
        // No boundaries yet: one bucket, so the page skips through the whole index, but still right.
        assertMeetingIdPagesEqualOffsetPages(scope, utc);

        meetingIdBuckets.rebalance(org.id(), 60);
        List<Long> sizes = jdbc.sql("""
                select sum(visits) from visit_meeting_id_daily where organisation_id = :org group by lower_bound""")
                .param("org", org.id()).query(Long.class).list();
        assertThat(sizes).hasSize(25).allSatisfy(size -> assertThat(size).isEqualTo(60));
        assertExact(org.id());
        // Moved, new and deleted visits after the boundaries were chosen.
        List<Visit> moved = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            moved.add(change(random, visits.get(i * 13)));
            moved.add(randomVisit(random, "new-" + i));
        }
        upsert(org.id(), moved);
        jdbc.sql("delete from visit where organisation_id = :org and meeting_id = any(cast(:ids as text[]))")
                .param("org", org.id()).param("ids", ids(visits, random, 40)).update();
        assertExact(org.id());
        for (ReportRange range : List.of(utc, new ReportRange(DAY0.plusDays(16), DAY0.plusDays(25), ZoneId.of("Europe/London")),
                new ReportRange(DAY0.plusDays(9), DAY0.plusDays(9), UTC),
                new ReportRange(DAY0.plusDays(3), DAY0.plusDays(24), PARIS))) {
            assertMeetingIdPagesEqualOffsetPages(scope, range);
        }
    }

    /** Pages before, at and after every bucket's edge, both directions, equal the raw OFFSET pages. */
    private void assertMeetingIdPagesEqualOffsetPages(VisitScope scope, ReportRange range) {
        for (boolean descending : new boolean[] {false, true}) {
            List<Visit> all = rawPage(scope, range, VisitFilter.NONE, VisitSort.MEETING_ID, descending, 0, 100_000);
            List<String> buckets = jdbc.sql("select visit_meeting_id_bucket(:org, meeting_id) from visit where"
                            + rawWhere(scope, VisitFilter.NONE) + " order by " + rawOrderBy(VisitSort.MEETING_ID, descending))
                    .params(rawParameters(scope, range)).query(String.class).list();
            java.util.TreeSet<Long> offsets = new java.util.TreeSet<>(List.of(0L, 1L, (long) all.size() - 1,
                    (long) all.size(), all.size() + 3L));
            for (int i = 1; i < buckets.size(); i++) {
                if (!buckets.get(i - 1).equals(buckets.get(i))) {
                    offsets.addAll(List.of(Math.max(0, i - 3L), (long) i, i + 1L));
                }
            }
            for (long offset : offsets) {
                for (int limit : new int[] {7, 60}) {
                    assertThat(pages.page(scope, new VisitPageRequest(range, VisitFilter.NONE, VisitSort.MEETING_ID, descending, offset, limit), 0))
                            .as("%s desc=%s offset %d limit %d of %d", range, descending, offset, limit, all.size())
                            .isEqualTo(all.subList((int) Math.min(offset, all.size()),
                                    (int) Math.min(offset + limit, all.size())));
                }
            }
        }
    }

    @Test
    void theJobChoosesBoundariesAgainWhenBucketsGrowOrEmpty() {
        Organisation org = newOrganisation();
        Random random = new Random(99);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            visits.add(randomVisit(random, "J" + (1000 + i)));
        }
        upsert(org.id(), visits);
        meetingIdBuckets.rebalance(org.id(), 20);
        assertThat(bucketSizes(org)).hasSize(10);
        // Deletes leave one visit in each bucket: ten buckets for ten visits are too many.
        jdbc.sql("delete from visit where organisation_id = :org and (substr(meeting_id, 2)::int - 1000) % 20 <> 0")
                .param("org", org.id()).update();
        assertThat(bucketSizes(org)).hasSize(10).containsOnly(1L);
        assertThat(meetingIdBuckets.sizes()).filteredOn(s -> s.organisationId() == org.id()).singleElement()
                .satisfies(s -> assertThat(s.needRebalance(20_000)).isTrue());
        meetingIdBuckets.rebalanceWhereNeeded();
        assertThat(bucketSizes(org)).containsExactly(10L);
        assertThat(jdbc.sql("select count(*) from visit_meeting_id_bound where organisation_id = :org")
                .param("org", org.id()).query(Long.class).single()).isZero();
        assertExact(org.id());

        // Boundaries of an organisation whose visits all went are removed too.
        meetingIdBuckets.rebalance(org.id(), 3);
        assertThat(jdbc.sql("select count(*) from visit_meeting_id_bound where organisation_id = :org")
                .param("org", org.id()).query(Long.class).single()).isEqualTo(3);
        jdbc.sql("delete from visit where organisation_id = :org").param("org", org.id()).update();
        meetingIdBuckets.rebalanceWhereNeeded();
        assertThat(jdbc.sql("select count(*) from visit_meeting_id_bound where organisation_id = :org")
                .param("org", org.id()).query(Long.class).single()).isZero();
    }

    @Test
    void countsStayExactWhileTheJobRebalancesDuringIngestion() throws Exception {
        Organisation org = newOrganisation();
        Random random = new Random(7);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            visits.add(randomVisit(random, "C" + random.nextInt(1_000_000)));
        }
        upsert(org.id(), visits);
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> writes = writer.submit(() -> {
                Random own = new Random(8);
                for (int round = 0; round < 40; round++) {
                    List<Visit> batch = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        batch.add(change(own, visits.get(own.nextInt(visits.size()))));
                        batch.add(randomVisit(own, "C" + own.nextInt(1_000_000)));
                    }
                    upsert(org.id(), batch.stream().collect(java.util.stream.Collectors.toMap(Visit::meetingId,
                            v -> v, (a, b) -> a, java.util.LinkedHashMap::new)).values().stream().toList());
                }
            });
            for (int size : new int[] {50, 17, 90, 33, 64, 25}) {
                meetingIdBuckets.rebalance(org.id(), size);
            }
            writes.get();
        } finally {
            writer.shutdownNow();
        }
        assertExact(org.id());
    }

    @Test
    void theJobWaitsForAWriterThatHoldsTheLockAndCountsItsVisits() throws Exception {
        Organisation org = newOrganisation();
        Random random = new Random(31);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            visits.add(randomVisit(random, "W" + i));
        }
        upsert(org.id(), visits);
        meetingIdBuckets.rebalance(org.id(), 40);
        java.util.concurrent.ExecutorService job = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection writer = dataSource.getConnection()) {
            // An ingestion-style upsert whose transaction stays open: its triggers hold the lock.
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("""
                    insert into visit (organisation_id, meeting_id, meeting_type, start_time, lobby_wait_seconds,
                                       duration_seconds, status, participants, sms_sent, department, appointment_kind)
                    select ?, 'W' || (150 + g) || '-open', 'EHR', ?::timestamptz + make_interval(mins => g), null, 60, 'COMPLETED',
                           2, true, null, 'SCHEDULED'
                    from generate_series(1, 120) g""")) {
                insert.setLong(1, org.id());
                // A day without visits yet: the writer creates new bucket rows, not only updates.
                insert.setString(2, DAY0.plusDays(45) + "T09:00:00Z");
                insert.executeUpdate();
            }
            java.util.concurrent.Future<?> rebalance = job.submit(() -> meetingIdBuckets.rebalance(org.id(), 25));
            // The job's backend waits on the writer's lock (PostgreSQL shows it), not merely slow to start.
            Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where datname = current_database() and wait_event_type = 'Lock'""")
                    .query(Long.class).single() > 0);
            assertThat(rebalance.isDone()).as("the job waits for the writer's lock").isFalse();
            writer.commit();
            rebalance.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            job.shutdownNow();
        }
        // The job counted the writer's 120 visits, committed while it waited, under its new boundaries
        // (W151-open..W270-open spread over the second half of the ids, whose buckets the new
        // boundaries cut differently from the old ones): 420 in all, exact. It chose the boundaries before the lock, from the 300 visits
        // it could see (12 buckets); the next run takes the writer's ids into account too.
        assertThat(bucketSizes(org).stream().mapToLong(Long::longValue).sum()).isEqualTo(420);
        assertThat(bucketSizes(org)).hasSize(12);
        assertExact(org.id());
        meetingIdBuckets.rebalance(org.id(), 25);
        assertThat(bucketSizes(org)).hasSize(17);
        assertExact(org.id());
    }

    @Test
    void aWriterOutsideReadCommittedIsRefusedRatherThanMiscounted() {
        Organisation org = newOrganisation();
        TransactionTemplate repeatableRead = new TransactionTemplate(transactionManager);
        repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        assertThatThrownBy(() -> repeatableRead.executeWithoutResult(status ->
                upsert(org.id(), List.of(randomVisit(new Random(2), "RR-1")))))
                .hasMessageContaining("READ COMMITTED");
        assertThat(jdbc.sql("select count(*) from visit where organisation_id = :org").param("org", org.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void bucketsAreRebalancedWhenOneHoldsTwiceTheSizeOrThereAreTwiceTooMany() {
        assertThat(new MeetingIdBuckets.Sizes(1, List.of(10L, 40L)).needRebalance(20)).isFalse();
        assertThat(new MeetingIdBuckets.Sizes(1, List.of(10L, 41L)).needRebalance(20)).isTrue();
        assertThat(new MeetingIdBuckets.Sizes(1, List.of(39_999L)).needRebalance(20_000)).isFalse();
        assertThat(new MeetingIdBuckets.Sizes(1, List.of(40_001L)).needRebalance(20_000)).isTrue();
        // 45 visits need 3 buckets of 20: 6 are fine, 7 are too many.
        assertThat(new MeetingIdBuckets.Sizes(1, List.of(5L, 5L, 5L, 10L, 10L, 10L)).needRebalance(20)).isFalse();
        assertThat(new MeetingIdBuckets.Sizes(1, List.of(5L, 5L, 5L, 5L, 5L, 10L, 10L)).needRebalance(20)).isTrue();
        // Boundaries left without visits (listed with 0 visits each) go.
        assertThat(new MeetingIdBuckets.Sizes(1, List.of(0L)).needRebalance(20)).isTrue();
        assertThat(new MeetingIdBuckets.Sizes(1, List.of(0L, 0L, 0L)).needRebalance(20)).isTrue();
        assertThat(new MeetingIdBuckets.Sizes(1, List.of()).needRebalance(20)).isFalse();
    }

    private List<Long> bucketSizes(Organisation org) {
        return jdbc.sql("""
                select sum(visits) from visit_meeting_id_daily where organisation_id = :org
                group by lower_bound having sum(visits) > 0 order by lower_bound""")
                .param("org", org.id()).query(Long.class).list();
    }

    /** What cuts a sort's page order into segments: bucket, exact value and UTC day. */
    private static List<Object> sortKey(SortBuckets buckets, Visit visit) {
        Long value = switch (buckets) {
            case PARTICIPANTS -> Long.valueOf(visit.participants());
            case SMS_SENT -> Long.valueOf(visit.smsSent() ? 1 : 0);
            case DURATION -> Long.valueOf(visit.durationSeconds());
            case LOBBY_WAIT -> visit.lobbyWaitSeconds();
            // Status and type segments are cut at UTC hours (visit_hourly) within the day.
            case STATUS, MEETING_TYPE -> null;
        };
        if (buckets.enumerated()) {
            Object name = buckets == SortBuckets.STATUS ? visit.status().name() : visit.meetingType().name();
            return List.of(buckets.bucketOf(name), visit.startTime().truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        }
        return java.util.Arrays.asList(buckets.bucketOf(value), value,
                visit.startTime().atOffset(ZoneOffset.UTC).toLocalDate());
    }

    // ------------------------------------------------------------------ helpers

    private void assertSameAsRaw(long organisationId, ReportRange range, VisitFilter filter, Set<String> departments) {
        VisitScope scope = new VisitScope(organisationId, departments);
        String what = range + " " + filter + " departments " + departments;
        assertThat(aggregates.count(scope, range, filter)).as("count, " + what).isEqualTo(rawCount(scope, range, filter));
        assertThat(aggregates.daily(scope, range, filter)).as("daily, " + what).isEqualTo(rawDaily(scope, range, filter));
        for (ReportRange period : List.of(range, range.previous())) {
            assertThat(aggregates.headlines(scope, period, filter, 300)).as("headlines, " + period + " " + filter)
                    .isEqualTo(rawHeadlines(scope, period, filter, 300));
        }
        assertThat(pages.page(scope, new VisitPageRequest(range, filter, VisitSort.START_TIME, false, 0, 100)))
                .as("first page, " + what).isEqualTo(rawPage(scope, range, filter, VisitSort.START_TIME, false, 0, 100));
    }

    private void assertExact(long organisationId) {
        RollupRebuild.assertRollupsEqualARebuild(jdbc, organisationId);
    }

    private List<Instant> startHours(Organisation org) {
        return jdbc.sql("select hour from visit_hourly where organisation_id = :org and visits > 0 order by hour")
                .param("org", org.id()).query((rs, row) -> rs.getTimestamp(1).toInstant()).list();
    }

    /** The raw WHERE body, written out here independently of the engine (VisitSql). */
    private static String rawWhere(VisitScope scope, VisitFilter filter) {
        StringBuilder where = new StringBuilder(
                " organisation_id = :org and start_time >= :start and start_time < :end");
        if (!scope.departments().isEmpty()) {
            where.append(" and department = any(cast(:departments as text[]))");
        }
        if (filter.meetingType() != null) {
            where.append(" and meeting_type = '").append(filter.meetingType().name()).append('\'');
        }
        if (filter.department() != null) {
            where.append(" and department = '").append(filter.department()).append('\'');
        }
        if (filter.appointmentKind() != null) {
            where.append(" and appointment_kind = '").append(filter.appointmentKind().name()).append('\'');
        }
        if (filter.status() != null) {
            where.append(" and status = '").append(filter.status().name()).append('\'');
        }
        return where.toString();
    }

    private Map<String, Object> rawParameters(VisitScope scope, ReportRange range) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("org", scope.organisationId());
        parameters.put("start", Timestamp.from(range.startInclusive()));
        parameters.put("end", Timestamp.from(range.endExclusive()));
        parameters.put("departments", PgArrays.textArray(scope.departments()));
        return parameters;
    }

    private long rawCount(VisitScope scope, ReportRange range, VisitFilter filter) {
        return jdbc.sql("select count(*) from visit where" + rawWhere(scope, filter))
                .params(rawParameters(scope, range)).query(Long.class).single();
    }

    private Map<LocalDate, DailyVisits> rawDaily(VisitScope scope, ReportRange range, VisitFilter filter) {
        Map<LocalDate, DailyVisits> byDay = new HashMap<>();
        jdbc.sql("""
                        select (start_time at time zone :zone)::date as day, count(*) as total,
                               count(*) filter (where meeting_type = 'BOOKINGS') as bookings,
                               count(*) filter (where meeting_type = 'EHR') as ehr,
                               avg(duration_seconds) filter (where status = 'COMPLETED') / 60.0 as avg_duration,
                               avg(lobby_wait_seconds) / 60.0 as avg_wait
                        from visit where""" + rawWhere(scope, filter) + " group by 1")
                .params(rawParameters(scope, range)).param("zone", range.zone().getId())
                .query((rs, row) -> new DailyVisits(rs.getObject("day", LocalDate.class), rs.getLong("total"),
                        rs.getLong("bookings"), rs.getLong("ehr"), nullable(rs.getDouble("avg_duration"), rs.wasNull()),
                        nullable(rs.getDouble("avg_wait"), rs.wasNull())))
                .list().forEach(day -> byDay.put(day.date(), day));
        return byDay;
    }

    private Headlines rawHeadlines(VisitScope scope, ReportRange range, VisitFilter filter, int threshold) {
        return jdbc.sql("""
                        select count(*) as visits,
                               count(*) filter (where status = 'COMPLETED') as completed,
                               count(*) filter (where status = 'NO_SHOW') as no_shows,
                               percentile_cont(0.5) within group (order by lobby_wait_seconds) as median_wait,
                               percentile_cont(0.9) within group (order by lobby_wait_seconds) as p90_wait,
                               count(*) filter (where lobby_wait_seconds > :threshold) as over_threshold
                        from visit where""" + rawWhere(scope, filter))
                .params(rawParameters(scope, range)).param("threshold", threshold)
                .query((rs, row) -> new Headlines(rs.getLong("visits"), rs.getLong("completed"),
                        rs.getLong("no_shows"), nullable(rs.getDouble("median_wait"), rs.wasNull()),
                        nullable(rs.getDouble("p90_wait"), rs.wasNull()), rs.getLong("over_threshold"), threshold))
                .single();
    }

    private List<Visit> rawPage(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort,
            boolean descending, long offset, int limit) {
        return jdbc.sql("select * from visit where" + rawWhere(scope, filter) + " order by "
                        + rawOrderBy(sort, descending) + " offset :offset limit :limit")
                .params(rawParameters(scope, range)).param("offset", offset).param("limit", limit)
                .query(ReportRollupsTest::rawVisit).list();
    }

    /**
     * The grid's order written out here, independently of the engine's: the column, then start time,
     * then meeting id, all in the sort's direction; a missing wait first ascending and last descending.
     */
    private static String rawOrderBy(VisitSort sort, boolean descending) {
        String column = switch (sort) {
            case START_TIME -> "start_time";
            case MEETING_ID -> "meeting_id";
            case LOBBY_WAIT -> "lobby_wait_seconds";
            case DURATION -> "duration_seconds";
            case STATUS -> "status";
            case MEETING_TYPE -> "meeting_type";
            case PARTICIPANTS -> "participants";
            case SMS_SENT -> "sms_sent";
        };
        String direction = descending ? " desc" : " asc";
        String nulls = descending ? " nulls last" : " nulls first";
        return column + direction + nulls + ", start_time" + direction + ", meeting_id" + direction;
    }

    private static Visit rawVisit(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Object wait = rs.getObject("lobby_wait_seconds");
        return new Visit(rs.getString("meeting_id"), MeetingType.valueOf(rs.getString("meeting_type")),
                rs.getTimestamp("start_time").toInstant(), wait == null ? null : ((Number) wait).longValue(),
                rs.getLong("duration_seconds"), VisitStatus.valueOf(rs.getString("status")), rs.getInt("participants"),
                rs.getBoolean("sms_sent"), rs.getString("department"),
                AppointmentKind.valueOf(rs.getString("appointment_kind")));
    }

    private static Double nullable(double value, boolean wasNull) {
        return wasNull ? null : value;
    }

    private static Visit randomVisit(Random random, String meetingId) {
        Instant start = DAY0.atStartOfDay(UTC).toInstant().plusSeconds(random.nextInt(DAYS * 86_400));
        return withStart(random, meetingId, start);
    }

    private static Visit withStart(Random random, String meetingId, Instant start) {
        VisitStatus status = VisitStatus.values()[random.nextInt(VisitStatus.values().length)];
        // Few distinct waits, so that the histogram has ties and percentiles interpolate.
        Long wait = random.nextInt(4) == 0 ? null : (long) (random.nextInt(40) * 15 + (random.nextBoolean() ? 0 : 7));
        return new Visit(meetingId, random.nextInt(5) < 3 ? MeetingType.BOOKINGS : MeetingType.EHR, start, wait,
                status == VisitStatus.COMPLETED ? 60 + random.nextInt(3600) : 0, status, 1 + random.nextInt(3),
                random.nextBoolean(), DEPARTMENTS[random.nextInt(DEPARTMENTS.length)],
                random.nextInt(8) == 0 ? AppointmentKind.ON_DEMAND : AppointmentKind.SCHEDULED);
    }

    /** A re-derived version: sometimes only a later start (minutes to a day), sometimes everything new. */
    private static Visit change(Random random, Visit visit) {
        Instant start = visit.startTime().plusSeconds(random.nextInt(3) == 0 ? random.nextInt(86_400) : random.nextInt(5400));
        if (random.nextInt(4) == 0) {
            return new Visit(visit.meetingId(), visit.meetingType(), start, visit.lobbyWaitSeconds(),
                    visit.durationSeconds(), visit.status(), visit.participants(), visit.smsSent(), visit.department(),
                    visit.appointmentKind());
        }
        if (random.nextInt(6) == 0) {
            return visit; // re-derived, nothing changed
        }
        return withStart(random, visit.meetingId(), start);
    }

    private static String[] ids(List<Visit> visits, Random random, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = visits.get(random.nextInt(visits.size())).meetingId();
        }
        return ids;
    }

    /** Through the production upsert (VisitStore), which fires the rollup triggers as the derivation does. */
    private void upsert(long organisationId, List<Visit> visits) {
        transactions.executeWithoutResult(status -> visitStore.upsertVisits(organisationId, visits));
    }

    private void ingest(Organisation org, RawEvent... events) {
        ingestion.ingest(org.id(), List.of(events));
        deriveQueuedVisits();
    }

    private static RawEvent ev(String meeting, int n, String type, String at, String participant, String role) {
        return new RawEvent(meeting + "-" + n, meeting, "BOOKINGS", type, at, participant, role, "Cardiology", null);
    }
}
