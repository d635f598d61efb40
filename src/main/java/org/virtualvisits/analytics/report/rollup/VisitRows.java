package org.virtualvisits.analytics.report.rollup;

import static org.virtualvisits.analytics.report.rollup.VisitSql.SELECT_VISIT;
import static org.virtualvisits.analytics.report.rollup.VisitSql.bind;
import static org.virtualvisits.analytics.report.rollup.VisitSql.where;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.Visit;

/** Reads runs of visits ({@link RowSlice}s), the last step of every page. */
@Repository
class VisitRows {

    private final JdbcClient jdbc;

    VisitRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The slice, skipping its first rows with OFFSET over the visits. */
    List<Visit> read(RowSlice slice) {
        return bound(jdbc.sql(SELECT_VISIT + """
                from visit where""" + where(slice.scope(), slice.filter()) + slice.extra().sql()
                + " order by " + slice.orderBy() + " offset :offset limit :limit"), slice);
    }

    /**
     * The slice, skipping its first rows inside an index that holds the sort key, the range and the
     * tie-break ({@code V10}) without touching the table (an index-only scan when there is no filter);
     * only the page's rows are then read. Still proportional to the skip, but about ten times cheaper
     * per skipped row than OFFSET over the visits.
     */
    List<Visit> readThroughIndex(RowSlice slice) {
        return bound(jdbc.sql(SELECT_VISIT + """
                from (select meeting_id from visit where""" + where(slice.scope(), slice.filter())
                + slice.extra().sql() + " order by " + slice.orderBy() + """
                 offset :offset limit :limit) page
                join visit using (meeting_id)
                where organisation_id = :org
                order by""" + " " + slice.orderBy()), slice);
    }

    /**
     * Fills the page with the rows of the given status or type values in turn, each by start time
     * through {@code visit_by_start}: no index orders by status or type, so one query over several
     * values would sort all their rows.
     */
    void fillValueByValue(List<Visit> page, RowSlice from, String column, List<String> values, boolean descending) {
        for (String value : values) {
            if (page.size() >= from.limit()) {
                return;
            }
            page.addAll(read(from.orderBy(VisitSql.orderBy(VisitSort.START_TIME, descending))
                    .where(RowSlice.Condition.of(" and " + column + " = :segment_value", "segment_value", value))
                    .skip(0).limit(from.limit() - page.size())));
        }
    }

    private List<Visit> bound(JdbcClient.StatementSpec spec, RowSlice slice) {
        return bind(bind(spec, slice.scope(), slice.range(), slice.filter()), slice.extra().parameters())
                .param("offset", slice.skip()).param("limit", slice.limit())
                .query(VisitSql::mapVisit).list();
    }
}
