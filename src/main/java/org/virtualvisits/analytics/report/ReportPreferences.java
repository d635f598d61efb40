package org.virtualvisits.analytics.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.base.db.PgArrays;

/** Per-user report preferences (the grid columns they chose). */
@Repository
class ReportPreferences {

    private final JdbcClient jdbc;

    ReportPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<List<VisitColumn>> gridColumns(long userId) {
        return jdbc.sql("select grid_columns from user_report_preference where user_id = :user")
                .param("user", userId)
                .query((rs, row) -> Arrays.stream((String[]) rs.getArray(1).getArray())
                        .flatMap(name -> {
                            try {
                                return java.util.stream.Stream.of(VisitColumn.valueOf(name));
                            } catch (IllegalArgumentException e) {
                                return java.util.stream.Stream.empty(); // a column that no longer exists
                            }
                        })
                        .toList())
                .optional();
    }

    void saveGridColumns(long userId, List<VisitColumn> columns) {
        jdbc.sql("""
                        insert into user_report_preference (user_id, grid_columns) values (:user, cast(:columns as text[]))
                        on conflict (user_id) do update set grid_columns = excluded.grid_columns, updated_at = now()""")
                .param("user", userId)
                .param("columns", PgArrays.textArray(columns.stream().map(Enum::name).toList()))
                .update();
    }
}
