package org.virtualvisits.analytics.report.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a grid page starts in a sorted range, worked out from counts instead of from the rows
 * before it. The range's rows in page order are cut into {@link Segment}s: the rows whose sort value
 * lies in a band {@code [low, high]} (both null: the rows without a value) and, when the band is one
 * exact value, whose start time lies in {@code [from, to)}. Within one exact value the grid orders
 * rows by start time (then meeting id), so such a segment is a contiguous run of the page order; a
 * band of several values is one segment over the whole range.
 *
 * <p>The plan names the segment that holds row {@code offset} and how many of its rows come before
 * it, and, when the rest of that band cannot fill the page, the band span that follows in page order
 * and holds enough rows for the rest of the page (and, for a descending sort whose empty values come
 * last, whether the page runs on into them).
 */
public final class DeepPagePlan {

    /** Rows of the range whose value lies in [low, high] (both null: no value) and start in [from, to). */
    public record Segment(Integer low, Integer high, Instant from, Instant to, long visits) {

        public Segment {
            if ((low == null) != (high == null) || low != null && low > high) {
                throw new IllegalArgumentException("Not a band: " + low + ".." + high);
            }
        }

        /** One exact value (or no value): its rows are ordered by start time. */
        public boolean exact() {
            return Objects.equals(low, high);
        }

        public boolean empty() {
            return low == null;
        }

        boolean sameBand(Segment other) {
            return Objects.equals(low, other.low) && Objects.equals(high, other.high);
        }
    }

    /**
     * The page starts {@code skip} rows into {@code start}; if the rest of its band is shorter than the
     * page, it continues with the values in [spanLow, spanHigh] (null: no such span) in page order and
     * then, if {@code thenEmpty}, with the rows without a value.
     */
    public record Plan(Segment start, long skip, Integer spanLow, Integer spanHigh, boolean thenEmpty) {
    }

    private DeepPagePlan() {
    }

    /**
     * @param ascending the range's segments in ascending page order (empty values first, then by
     *     band, then by start time), bands not overlapping
     */
    public static Optional<Plan> plan(List<Segment> ascending, boolean descending, long offset, int limit) {
        List<Segment> order = new ArrayList<>(ascending);
        if (descending) {
            Collections.reverse(order);
        }
        long before = 0;
        for (int i = 0; i < order.size(); i++) {
            Segment segment = order.get(i);
            if (offset < before + segment.visits()) {
                long skip = offset - before;
                return Optional.of(continuation(order, i, skip, descending, limit));
            }
            before += segment.visits();
        }
        return Optional.empty();
    }

    private static Plan continuation(List<Segment> order, int index, long skip, boolean descending, int limit) {
        Segment start = order.get(index);
        long rows = start.visits() - skip;
        int next = index + 1;
        while (next < order.size() && order.get(next).sameBand(start)) {
            rows += order.get(next).visits();
            next++;
        }
        Segment first = null;
        Segment last = null;
        boolean thenEmpty = false;
        for (int i = next; i < order.size() && rows < limit; i++) {
            Segment segment = order.get(i);
            if (segment.empty()) {
                thenEmpty = true; // empty values come last when descending (first, so never next, ascending)
            } else {
                first = first == null ? segment : first;
                last = segment;
            }
            rows += segment.visits();
        }
        if (first == null) {
            return new Plan(start, skip, null, null, thenEmpty);
        }
        return descending
                ? new Plan(start, skip, last.low(), first.high(), thenEmpty)
                : new Plan(start, skip, first.low(), last.high(), thenEmpty);
    }

    /** The segments with {@code band}'s segment(s) replaced by {@code finer} ones (ascending order). */
    public static List<Segment> refine(List<Segment> ascending, Segment band, List<Segment> finer) {
        List<Segment> refined = new ArrayList<>();
        boolean done = false;
        for (Segment segment : ascending) {
            if (segment.sameBand(band)) {
                if (!done) {
                    refined.addAll(finer);
                    done = true;
                }
            } else {
                refined.add(segment);
            }
        }
        return refined;
    }

    /** The segments with {@code segment} replaced by {@code parts} (its rows cut finer, ascending). */
    public static List<Segment> split(List<Segment> ascending, Segment segment, List<Segment> parts) {
        List<Segment> split = new ArrayList<>(ascending.size() + parts.size());
        for (Segment each : ascending) {
            if (each.equals(segment)) {
                split.addAll(parts);
            } else {
                split.add(each);
            }
        }
        return split;
    }
}
