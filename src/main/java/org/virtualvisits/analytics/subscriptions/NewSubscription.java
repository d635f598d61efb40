package org.virtualvisits.analytics.subscriptions;

import java.util.Locale;
import java.util.Objects;

/** What a user chooses in "Subscribe to this report…". */
public record NewSubscription(String email, SubscribedView view, RelativeRange range, SendSchedule schedule, Locale language,
        AttachmentFormat attachment) {

    public NewSubscription {
        email = MailAddresses.checked(email);
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(schedule, "schedule");
        language = SubscriptionTexts.supported(language);
        attachment = attachment == null ? AttachmentFormat.XLSX : attachment;
    }
}
