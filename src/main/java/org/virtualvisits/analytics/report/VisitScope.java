package org.virtualvisits.analytics.report;

import java.util.Set;
import org.virtualvisits.analytics.security.AppUserPrincipal;

/**
 * Whose visits a query may see: one organisation and, for a department-limited viewer,
 * only those departments (empty = all). Every report query takes one.
 */
public record VisitScope(long organisationId, Set<String> departments) {

    public VisitScope {
        departments = departments == null ? Set.of() : Set.copyOf(departments);
    }

    public static VisitScope of(AppUserPrincipal user) {
        return new VisitScope(user.organisationId(), user.departments());
    }

    public static VisitScope wholeOrganisation(long organisationId) {
        return new VisitScope(organisationId, Set.of());
    }
}
