package org.virtualvisits.analytics.visits;

/** SCHEDULED is the default when no event of the meeting names a kind. */
public enum AppointmentKind {
    SCHEDULED, ON_DEMAND
}
