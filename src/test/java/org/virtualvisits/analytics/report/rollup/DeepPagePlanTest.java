package org.virtualvisits.analytics.report.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.report.rollup.DeepPagePlan.Plan;
import org.virtualvisits.analytics.report.rollup.DeepPagePlan.Segment;

class DeepPagePlanTest {

    private static final Instant D1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant D2 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant D3 = Instant.parse("2026-11-03T00:00:00Z");

    /** No wait: 5 + 3 rows on two days; waits 0-59 s: 20 rows; exactly 60 s: 4 + 6; 61-119 s: 7. */
    private static final List<Segment> WAITS = List.of(
            new Segment(null, null, D1, D2, 5), new Segment(null, null, D2, D3, 3),
            new Segment(0, 59, D1, D3, 20),
            new Segment(60, 60, D1, D2, 4), new Segment(60, 60, D2, D3, 6),
            new Segment(61, 119, D1, D3, 7));

    @Test
    void findsTheSegmentThatHoldsTheOffsetAndTheRowsBeforeItInIt() {
        assertThat(plan(WAITS, false, 0, 3).start()).isEqualTo(WAITS.get(0));
        assertThat(plan(WAITS, false, 6, 2)).isEqualTo(new Plan(WAITS.get(1), 1, null, null, false));
        assertThat(plan(WAITS, false, 8, 5)).isEqualTo(new Plan(WAITS.get(2), 0, null, null, false));
        assertThat(plan(WAITS, false, 33, 2)).isEqualTo(new Plan(WAITS.get(4), 1, null, null, false));
        assertThat(plan(WAITS, false, 44, 1)).isEqualTo(new Plan(WAITS.get(5), 6, null, null, false));
        assertThat(DeepPagePlan.plan(WAITS, false, 45, 10)).isEmpty();
        assertThat(DeepPagePlan.plan(List.of(), true, 0, 10)).isEmpty();
    }

    @Test
    void descendingWalksTheSegmentsFromTheEnd() {
        assertThat(plan(WAITS, true, 0, 3)).isEqualTo(new Plan(WAITS.get(5), 0, null, null, false));
        // rows 7..12 of the descending order are the 6 rows at 60 s on the second day
        assertThat(plan(WAITS, true, 9, 2)).isEqualTo(new Plan(WAITS.get(4), 2, null, null, false));
        assertThat(plan(WAITS, true, 44, 1)).isEqualTo(new Plan(WAITS.get(0), 4, null, null, false));
    }

    @Test
    void aPageLongerThanTheRestOfItsValueRunsOnIntoTheFollowingBands() {
        // From the 3rd row of "no wait": 6 more empty ones (both days), then 0-59 s and 60 s.
        assertThat(plan(WAITS, false, 2, 30)).isEqualTo(new Plan(WAITS.get(0), 2, 0, 60, false));
        // Exactly filled by the rest of its own value: no span.
        assertThat(plan(WAITS, false, 2, 6)).isEqualTo(new Plan(WAITS.get(0), 2, null, null, false));
        assertThat(plan(WAITS, false, 2, 7)).isEqualTo(new Plan(WAITS.get(0), 2, 0, 59, false));
        // Ascending, the span stops at the last band.
        assertThat(plan(WAITS, false, 30, 100)).isEqualTo(new Plan(WAITS.get(3), 2, 61, 119, false));
    }

    @Test
    void descendingTheEmptyValuesComeLastAndTheSpanIsFromTheLowestBand() {
        // Row 11 descending is the 5th of the 6 at 60 s on the second day; 2 + 4 more at 60 s follow.
        assertThat(plan(WAITS, true, 11, 10)).isEqualTo(new Plan(WAITS.get(4), 4, 0, 59, false));
        assertThat(plan(WAITS, true, 11, 26)).isEqualTo(new Plan(WAITS.get(4), 4, 0, 59, false));
        assertThat(plan(WAITS, true, 11, 27)).isEqualTo(new Plan(WAITS.get(4), 4, 0, 59, true));
        assertThat(plan(WAITS, true, 30, 100)).isEqualTo(new Plan(WAITS.get(2), 13, null, null, true));
        assertThat(plan(WAITS, true, 0, 8)).isEqualTo(new Plan(WAITS.get(5), 0, 60, 60, false));
    }

    @Test
    void aBandIsRefinedIntoItsExactValues() {
        List<Segment> finer = List.of(new Segment(3, 3, D1, D2, 12), new Segment(3, 3, D2, D3, 2),
                new Segment(59, 59, D2, D3, 6));
        List<Segment> refined = DeepPagePlan.refine(WAITS, WAITS.get(2), finer);
        List<Segment> expected = new ArrayList<>(WAITS.subList(0, 2));
        expected.addAll(finer);
        expected.addAll(WAITS.subList(3, 6));
        assertThat(refined).isEqualTo(expected);
        assertThat(plan(refined, false, 8 + 13, 4)).isEqualTo(new Plan(finer.get(1), 1, 59, 59, false));
    }

    @Test
    void segmentsAreBands() {
        assertThat(new Segment(4, 4, D1, D2, 1).exact()).isTrue();
        assertThat(new Segment(null, null, D1, D2, 1).exact()).isTrue();
        assertThat(new Segment(4, 5, D1, D2, 1).exact()).isFalse();
        assertThatThrownBy(() -> new Segment(5, 4, D1, D2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Segment(null, 4, D1, D2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsHoldTheValuesTheirSegmentsSay() {
        for (SortBuckets buckets : SortBuckets.values()) {
            if (buckets.enumerated()) {
                // One exact bucket per name, ranked in the grid's order; the parameter is the name again.
                for (int rank = 0; rank < buckets.names().size(); rank++) {
                    String name = buckets.names().get(rank);
                    assertThat(buckets.bucketOf(name)).isEqualTo(rank);
                    assertThat(buckets.segment(rank, D1, D2, 1)).isEqualTo(new Segment(rank, rank, D1, D2, 1));
                    assertThat(buckets.parameter(rank)).isEqualTo(name);
                }
                assertThatThrownBy(() -> buckets.bucketOf("CANCELLED")).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            for (long value = -185; value <= 185; value++) {
                if (buckets == SortBuckets.SMS_SENT && (value < 0 || value > 1)) {
                    continue;
                }
                Segment segment = buckets.segment(buckets.bucketOf(value), D1, D2, 1);
                assertThat(value).as("%s %d", buckets, value).isBetween((long) segment.low(), (long) segment.high());
            }
            assertThat(buckets.segment(null, D1, D2, 1).empty()).isTrue();
        }
        assertThat(SortBuckets.DURATION.bucketOf(0L)).isZero();
        assertThat(SortBuckets.DURATION.segment(0, D1, D2, 1).exact()).isTrue();
        assertThat(SortBuckets.DURATION.segment(SortBuckets.DURATION.bucketOf(61L), D1, D2, 1))
                .isEqualTo(new Segment(61, 119, D1, D2, 1));
        assertThat(SortBuckets.DURATION.segment(SortBuckets.DURATION.bucketOf(-1L), D1, D2, 1))
                .isEqualTo(new Segment(-59, -1, D1, D2, 1));
        assertThat(SortBuckets.LOBBY_WAIT.bucketOf(null)).isNull();
        assertThat(SortBuckets.SMS_SENT.parameter(1)).isEqualTo(true);
        assertThat(SortBuckets.STATUS.names()).containsExactly("ABANDONED", "COMPLETED", "IN_PROGRESS", "NO_SHOW");
        assertThat(SortBuckets.MEETING_TYPE.names()).containsExactly("BOOKINGS", "EHR");
    }

    @Test
    void splitReplacesOneSegmentByItsParts() {
        Segment first = new Segment(1, 1, D1, D2, 5);
        Segment second = new Segment(1, 1, D2, D2.plusSeconds(86_400), 7);
        Segment hour = new Segment(1, 1, D2, D2.plusSeconds(3_600), 3);
        Segment rest = new Segment(1, 1, D2.plusSeconds(3_600), D2.plusSeconds(86_400), 4);
        assertThat(DeepPagePlan.split(List.of(first, second), second, List.of(hour, rest)))
                .containsExactly(first, hour, rest);
        // Row 6 of the value is the second row of its second day, in that day's first hour.
        Plan plan = plan(DeepPagePlan.split(List.of(first, second), second, List.of(hour, rest)), false, 6, 2);
        assertThat(plan.start()).isEqualTo(hour);
        assertThat(plan.skip()).isEqualTo(1);
    }

    private static Plan plan(List<Segment> segments, boolean descending, long offset, int limit) {
        Optional<Plan> plan = DeepPagePlan.plan(segments, descending, offset, limit);
        assertThat(plan).as("offset %d", offset).isPresent();
        return plan.get();
    }
}
