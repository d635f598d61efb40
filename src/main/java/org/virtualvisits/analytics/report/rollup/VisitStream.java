package org.virtualvisits.analytics.report.rollup;

import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.Visit;

/** Every visit of a range in the grid's order, without holding them in memory (for exports). */
@Repository
public class VisitStream {

    private static final int FETCH_SIZE = 2000;

    private final NamedParameterJdbcTemplate streaming;

    VisitStream(JdbcTemplate jdbcTemplate) {
        JdbcTemplate template = new JdbcTemplate(jdbcTemplate.getDataSource());
        template.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
    }

    /** A server-side cursor, {@code FETCH_SIZE} rows at a time: must run inside a transaction. */
    public void stream(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort, boolean descending,
            Consumer<Visit> consumer) {
        String sql = VisitSql.SELECT_VISIT + "from visit where" + VisitSql.where(scope, filter)
                + " order by " + VisitSql.orderBy(sort, descending);
        streaming.query(sql, VisitSql.parameters(scope, range, filter),
                (RowCallbackHandler) rs -> consumer.accept(VisitSql.mapVisit(rs, 0)));
    }
}
