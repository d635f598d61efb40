package org.virtualvisits.analytics.admin;

import java.time.Instant;

/** One line of the audit log. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String detail) {
}
