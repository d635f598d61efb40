package org.virtualvisits.analytics.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.security.ApiTokenPrincipal;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.visits.Visit;

/**
 * The report as the caller may see it: a signed-in user sees their organisation (and, for a
 * department-limited viewer, their departments); an API token sees its organisation. The
 * scope always comes from the security context, never from a parameter.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('GLOBAL_ADMIN', 'TEAMS_ADMIN', 'REPORT_VIEWER') or hasAuthority('SCOPE_report:read')")
public class ReportService {

    private final VisitQueries queries;

    ReportService(VisitQueries queries) {
        this.queries = queries;
    }

    /** Whose visits the current caller may see. */
    public VisitScope currentScope() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (principal instanceof AppUserPrincipal user) {
            return VisitScope.of(user);
        }
        if (principal instanceof ApiTokenPrincipal token) {
            return VisitScope.wholeOrganisation(token.organisationId());
        }
        throw new AccessDeniedException("No organisation for this caller");
    }

    /** One point per day of the range, days without visits included as zero. */
    public List<DailyVisits> dailySeries(ReportRange range, VisitFilter filter) {
        Map<LocalDate, DailyVisits> byDay = queries.daily(currentScope(), range, filter);
        return range.days().stream().map(day -> byDay.getOrDefault(day, DailyVisits.empty(day))).toList();
    }

    public long countVisits(ReportRange range, VisitFilter filter) {
        return queries.count(currentScope(), range, filter);
    }

    public List<Visit> visits(ReportRange range, VisitFilter filter, VisitSort sort, boolean descending, long offset,
            int limit) {
        return queries.page(currentScope(), range, filter, sort, descending, offset, limit);
    }
}
