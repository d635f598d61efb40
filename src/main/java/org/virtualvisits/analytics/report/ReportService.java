package org.virtualvisits.analytics.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.security.ApiTokenPrincipal;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.visits.DerivationBacklog;
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

    private final ReportReader reader;
    private final Organisations organisations;
    private final ReportPreferences preferences;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final DerivationBacklog backlog;

    ReportService(ReportReader reader, Organisations organisations, ReportPreferences preferences,
            ApplicationEventPublisher events, JdbcClient jdbc, DerivationBacklog backlog) {
        this.reader = reader;
        this.organisations = organisations;
        this.preferences = preferences;
        this.events = events;
        this.jdbc = jdbc;
        this.backlog = backlog;
    }

    /** Whose visits the current caller may see. */
    public VisitScope currentScope() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        Optional<AppUserPrincipal> user = AppUserPrincipal.of(principal);
        if (user.isPresent()) {
            return VisitScope.of(user.get());
        }
        if (principal instanceof ApiTokenPrincipal token) {
            return VisitScope.wholeOrganisation(token.organisationId());
        }
        throw new AccessDeniedException("No organisation for this caller");
    }

    private AppUserPrincipal currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return AppUserPrincipal.of(authentication == null ? null : authentication.getPrincipal())
                .orElseThrow(() -> new AccessDeniedException("Only signed-in users have report preferences"));
    }

    /**
     * When the oldest of the caller's organisation's events that are stored but not yet in its visits
     * arrived; empty when the visits are up to date.
     */
    public Optional<Instant> eventsWaitingSince() {
        return backlog.waitingSince(currentScope().organisationId());
    }

    /** The caller's organisation: licences, analytics switch, lobby-wait threshold. */
    public Organisation organisation() {
        return organisations.findById(currentScope().organisationId()).orElseThrow();
    }

    /** One point per day of the range, days without visits included as zero. */
    public List<DailyVisits> dailySeries(ReportRange range, VisitFilter filter) {
        return reader.dailySeries(currentScope(), range, filter);
    }

    /**
     * Headline figures of the range and of the period of equal length before it. One snapshot for
     * the rollups and the visits they are read with.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public HeadlineComparison headlines(ReportRange range, VisitFilter filter) {
        return reader.headlines(currentScope(), range, filter);
    }

    public long countVisits(ReportRange range, VisitFilter filter) {
        return reader.count(currentScope(), range, filter);
    }

    /** One snapshot for the rollup that positions a deep page and the visits read from there. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<Visit> visits(ReportRange range, VisitFilter filter, VisitSort sort, boolean descending, long offset,
            int limit) {
        return reader.page(currentScope(), new VisitPageRequest(range, filter, sort, descending, offset, limit));
    }

    /** Departments the caller may filter by: those of their organisation's visits, within their own limit. */
    public List<String> departments() {
        VisitScope scope = currentScope();
        List<String> departments = new ArrayList<>(jdbc.sql("""
                        select distinct department from visit
                        where organisation_id = :org and department is not null""")
                .param("org", scope.organisationId()).query(String.class).list());
        if (!scope.departments().isEmpty()) {
            departments.retainAll(scope.departments());
        }
        departments.sort(Comparator.naturalOrder());
        return departments;
    }

    /** The grid columns the signed-in user chose (the original report's columns until they choose). */
    public List<VisitColumn> gridColumns() {
        return preferences.gridColumns(currentUser().userId()).filter(c -> !c.isEmpty()).orElse(VisitColumn.DEFAULT);
    }

    @Transactional
    public void saveGridColumns(List<VisitColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("At least one column must stay visible");
        }
        preferences.saveGridColumns(currentUser().userId(), List.copyOf(columns));
    }

    /** Switches the organisation's analytics on or off (admins only; refused ingestion answers 409). */
    @Transactional
    @PreAuthorize("hasAnyRole('GLOBAL_ADMIN', 'TEAMS_ADMIN')")
    public void setAnalyticsEnabled(boolean enabled) {
        AppUserPrincipal user = currentUser();
        organisations.setAnalyticsEnabled(user.organisationId(), enabled);
        events.publishEvent(new AuditEvent(user.organisationId(), user.username(), "settings.analytics",
                "Virtual visits analytics switched " + (enabled ? "on" : "off")));
    }
}
