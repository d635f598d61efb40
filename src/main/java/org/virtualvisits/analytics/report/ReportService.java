package org.virtualvisits.analytics.report;

import java.util.List;
import java.util.Map;
import java.time.LocalDate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.security.CurrentUser;
import org.virtualvisits.analytics.visits.Visit;

/**
 * The report as the signed-in user may see it: their organisation, their departments.
 * The scope comes from the security context, never from the caller.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('GLOBAL_ADMIN', 'TEAMS_ADMIN', 'REPORT_VIEWER')")
public class ReportService {

    private final ReportQueries queries;
    private final CurrentUser currentUser;

    ReportService(ReportQueries queries, CurrentUser currentUser) {
        this.queries = queries;
        this.currentUser = currentUser;
    }

    private VisitScope scope() {
        return VisitScope.of(currentUser.require());
    }

    /** One point per day of the range, days without visits included as zero. */
    public List<DailyVisits> dailySeries(ReportRange range) {
        return dailySeries(scope(), range);
    }

    /** For callers that established the scope themselves (the token-authenticated API). */
    public List<DailyVisits> dailySeries(VisitScope scope, ReportRange range) {
        Map<LocalDate, DailyVisits> byDay = queries.daily(scope, range);
        return range.days().stream().map(day -> byDay.getOrDefault(day, DailyVisits.empty(day))).toList();
    }

    public long countVisits(ReportRange range) {
        return queries.count(scope(), range);
    }

    public List<Visit> visits(ReportRange range, VisitSort sort, boolean descending, long offset, int limit) {
        return queries.page(scope(), range, sort, descending, offset, limit);
    }
}
