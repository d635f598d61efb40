package org.virtualvisits.analytics.report.rollup;

import java.util.HashMap;
import java.util.Map;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitScope;

/**
 * A run of visits to read: those of the scope and range that match the filter and {@code extra},
 * ordered by {@code orderBy}, {@code skip} rows in, at most {@code limit} rows.
 */
record RowSlice(VisitScope scope, ReportRange range, VisitFilter filter, String orderBy, Condition extra,
                long skip, int limit) {

    /** An extra SQL condition ({@code " and ..."}) and the parameters it binds. */
    record Condition(String sql, Map<String, Object> parameters) {

        static final Condition NONE = new Condition("", Map.of());

        Condition {
            parameters = Map.copyOf(parameters);
        }

        static Condition of(String sql, String name, Object value) {
            return new Condition(sql, Map.of(name, value));
        }

        Condition and(String moreSql, String name, Object value) {
            Map<String, Object> all = new HashMap<>(parameters);
            all.put(name, value);
            return new Condition(sql + moreSql, all);
        }
    }

    /** The first {@code limit} rows of the scope's range in the order given. */
    static RowSlice of(VisitScope scope, ReportRange range, VisitFilter filter, String orderBy, int limit) {
        return new RowSlice(scope, range, filter, orderBy, Condition.NONE, 0, limit);
    }

    RowSlice where(Condition condition) {
        return new RowSlice(scope, range, filter, orderBy, condition, skip, limit);
    }

    RowSlice orderBy(String order) {
        return new RowSlice(scope, range, filter, order, extra, skip, limit);
    }

    RowSlice skip(long rows) {
        return new RowSlice(scope, range, filter, orderBy, extra, rows, limit);
    }

    RowSlice limit(int rows) {
        return new RowSlice(scope, range, filter, orderBy, extra, skip, rows);
    }
}
