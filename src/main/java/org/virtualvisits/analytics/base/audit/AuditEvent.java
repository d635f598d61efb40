package org.virtualvisits.analytics.base.audit;

/**
 * Something an administrator may later want to know happened (a setting changed, an export
 * downloaded, ...). Features publish it with Spring's {@code ApplicationEventPublisher}; the
 * audit log records it with the signed-in user and the time. Keeps features free of a
 * dependency on the audit log itself.
 *
 * @param organisationId the organisation it happened in
 * @param actor          username (or token name) that did it; null = the signed-in user
 * @param action         short machine-readable name, e.g. "settings.analytics", "export.downloaded"
 * @param detail         human-readable detail (no secrets, no patient data)
 */
public record AuditEvent(long organisationId, String actor, String action, String detail) {
}
