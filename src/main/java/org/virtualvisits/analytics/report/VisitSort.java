package org.virtualvisits.analytics.report;

/** The grid's sortable columns; the engine maps each to its SQL (a whitelist, never user text). */
public enum VisitSort {
    START_TIME,
    MEETING_ID,
    LOBBY_WAIT,
    DURATION,
    STATUS,
    MEETING_TYPE,
    PARTICIPANTS,
    SMS_SENT;
}
