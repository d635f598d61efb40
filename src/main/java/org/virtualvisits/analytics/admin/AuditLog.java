package org.virtualvisits.analytics.admin;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.security.CurrentUser;

/** The audit log of the signed-in global admin's organisation, newest first. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasRole('GLOBAL_ADMIN')")
public class AuditLog {

    static final int MAX_PAGE = 500;

    private final AuditEntries entries;
    private final CurrentUser currentUser;

    AuditLog(AuditEntries entries, CurrentUser currentUser) {
        this.entries = entries;
        this.currentUser = currentUser;
    }

    /** @param action only entries of this action, or null for all */
    public List<AuditEntry> entries(String action, long offset, int limit) {
        return entries.page(organisationId(), blankToNull(action), Math.max(0, offset),
                Math.max(0, Math.min(limit, MAX_PAGE)));
    }

    public long count(String action) {
        return entries.count(organisationId(), blankToNull(action));
    }

    public List<String> actions() {
        return entries.actions(organisationId());
    }

    private long organisationId() {
        return currentUser.require().organisationId();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
