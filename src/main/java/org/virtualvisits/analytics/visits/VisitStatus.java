package org.virtualvisits.analytics.visits;

public enum VisitStatus {
    /** No MEETING_ENDED event yet. */
    IN_PROGRESS,
    /** Ended, and at least one attendee joined the meeting (with or without staff). */
    COMPLETED,
    /** Ended, staff joined, no attendee did. */
    NO_SHOW,
    /** Ended, nobody joined, but an attendee waited in the lobby. */
    ABANDONED
}
