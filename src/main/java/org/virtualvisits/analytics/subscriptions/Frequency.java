package org.virtualvisits.analytics.subscriptions;

/** How often a subscription is sent. */
public enum Frequency {
    DAILY,
    /** On one day of the week. */
    WEEKLY,
    /** On one day of the month; a day the month does not have means its last day. */
    MONTHLY
}
