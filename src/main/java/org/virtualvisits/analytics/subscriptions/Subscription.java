package org.virtualvisits.analytics.subscriptions;

import java.time.Instant;
import java.util.Locale;

/**
 * A user's subscription to a report view, as stored.
 *
 * @param username  the subscriber's username (for lists; access is read from the user at send time)
 * @param createdBy who made it (the subscriber, or a global admin who subscribed them)
 * @param email     where the mails go
 * @param language  the language of the mails: English or French
 */
public record Subscription(long id, long organisationId, long userId, String username, String createdBy,
        String email, SubscribedView view, RelativeRange range, SendSchedule schedule, Locale language,
        AttachmentFormat attachment, boolean paused, Instant createdAt, Instant nextRunAt, Instant lastSentAt,
        String lastError, Instant lastErrorAt) {
}
