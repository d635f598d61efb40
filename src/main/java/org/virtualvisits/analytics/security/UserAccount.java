package org.virtualvisits.analytics.security;

import java.time.Instant;
import java.util.Set;

/**
 * A user as administrators see it (never the password hash). A directory user signs in through the
 * organisation's OpenID Connect provider and has no password here.
 */
public record UserAccount(long id, long organisationId, String username, String displayName, Role role,
        Set<String> departments, boolean enabled, Instant createdAt, boolean directoryUser) {

    public UserAccount {
        departments = departments == null ? Set.of() : Set.copyOf(departments);
    }

    /** A viewer limited to some departments (PRODUCT.md §1). */
    public boolean departmentLimited() {
        return role == Role.REPORT_VIEWER && !departments.isEmpty();
    }
}
