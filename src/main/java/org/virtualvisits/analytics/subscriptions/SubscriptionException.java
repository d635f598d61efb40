package org.virtualvisits.analytics.subscriptions;

/** A refused subscription action; the message is a translation key (bundle i18n/subscriptions). */
public class SubscriptionException extends RuntimeException {

    public SubscriptionException(String key) {
        super(key, null, false, false);
    }

    public String key() {
        return getMessage();
    }
}
