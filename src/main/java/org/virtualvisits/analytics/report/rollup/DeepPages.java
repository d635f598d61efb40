package org.virtualvisits.analytics.report.rollup;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitPageRequest;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.Visit;

/**
 * Where a grid page comes from. A page near the top reads its rows with OFFSET; a deep one (from
 * {@link #JUMP_FROM_OFFSET} on) is positioned from counts the rollups keep, so it does not read the
 * rows before it:
 * <ol>
 * <li>unfiltered, whole UTC days, sorted by participants, SMS, duration, wait, status or type:
 * {@link SortRollupPages} ({@code visit_sort_daily});</li>
 * <li>sorted by start time, status or type, whole-hour zone, any filter: {@link HourlyRollupPages}
 * ({@code visit_hourly});</li>
 * <li>unfiltered, whole UTC days, sorted by meeting id: {@link MeetingIdPages}
 * ({@code visit_meeting_id_daily});</li>
 * <li>any other deep page (a filter, a department scope, a part-day zone) sorted by a column the hourly
 * rollup does not know: skipped inside the sort's index ({@link VisitRows#readThroughIndex}).</li>
 * </ol>
 */
@Repository
public class DeepPages {

    /** From this offset on, a page is positioned instead of read past the rows before it. */
    static final long JUMP_FROM_OFFSET = 10_000;

    private final VisitRows rows;
    private final SortRollupPages sortRollup;
    private final HourlyRollupPages hourlyRollup;
    private final MeetingIdPages meetingIds;

    DeepPages(VisitRows rows, SortRollupPages sortRollup, HourlyRollupPages hourlyRollup, MeetingIdPages meetingIds) {
        this.rows = rows;
        this.sortRollup = sortRollup;
        this.hourlyRollup = hourlyRollup;
        this.meetingIds = meetingIds;
    }

    public List<Visit> page(VisitScope scope, VisitPageRequest request) {
        return page(scope, request, JUMP_FROM_OFFSET);
    }

    /** As above; pages from {@code jumpFromOffset} on are positioned (tests use small values). */
    List<Visit> page(VisitScope scope, VisitPageRequest request, long jumpFromOffset) {
        boolean deep = request.offset() >= jumpFromOffset;
        boolean unfiltered = scope.departments().isEmpty() && request.filter().equals(VisitFilter.NONE);
        RangeCut cut = RangeCut.of(request.range());
        VisitSort sort = request.sort();
        Optional<SortBuckets> buckets = SortBuckets.of(sort);
        if (deep && unfiltered && buckets.isPresent() && cut.wholeUtcDays()) {
            return sortRollup.page(scope, request, buckets.get());
        }
        if (deep && HourlyRollupPages.SORTS.containsKey(sort) && cut.wholeHours()) {
            return hourlyRollup.page(scope, request);
        }
        if (deep && unfiltered && sort == VisitSort.MEETING_ID && cut.wholeUtcDays()) {
            return meetingIds.page(scope, request);
        }
        RowSlice slice = RowSlice.of(scope, request.range(), request.filter(),
                VisitSql.orderBy(sort, request.descending()), request.limit()).skip(request.offset());
        if (deep && !HourlyRollupPages.SORTS.containsKey(sort)) {
            return rows.readThroughIndex(slice);
        }
        return rows.read(slice);
    }
}
