package org.virtualvisits.analytics.subscriptions.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times of subscriptions as the pages show them: in the subscription's zone, which is named. */
final class SubscriptionFormats {

    private SubscriptionFormats() {
    }

    static String dateTime(Instant instant, ZoneId zone, Locale locale) {
        if (instant == null) {
            return "–";
        }
        return DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", locale).format(instant.atZone(zone)) + " ("
                + zone.getId() + ")";
    }
}
