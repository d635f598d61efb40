package org.virtualvisits.analytics.report;

import java.util.List;

/**
 * The columns of a visits grid and of an export, in their default order (PRODUCT.md §3).
 * Each user chooses which to show; exports follow that choice.
 */
public enum VisitColumn {
    START_TIME(VisitSort.START_TIME),
    MEETING_ID(VisitSort.MEETING_ID),
    LOBBY_WAIT(VisitSort.LOBBY_WAIT),
    DURATION(VisitSort.DURATION),
    STATUS(VisitSort.STATUS),
    MEETING_TYPE(VisitSort.MEETING_TYPE),
    PARTICIPANTS(VisitSort.PARTICIPANTS),
    SMS_SENT(VisitSort.SMS_SENT),
    DEPARTMENT(null),
    APPOINTMENT_KIND(null);

    /** The columns of the original report, shown until a user chooses otherwise. */
    public static final List<VisitColumn> DEFAULT = List.of(START_TIME, MEETING_ID, LOBBY_WAIT, DURATION, STATUS,
            MEETING_TYPE, PARTICIPANTS, SMS_SENT);

    private final VisitSort sort;

    VisitColumn(VisitSort sort) {
        this.sort = sort;
    }

    /** How the grid sorts by this column; null when it does not sort. */
    public VisitSort sort() {
        return sort;
    }

    /** Translation key of the column header. */
    public String headerKey() {
        return "col." + switch (this) {
            case START_TIME -> "startTime";
            case MEETING_ID -> "meetingId";
            case LOBBY_WAIT -> "lobbyWait";
            case DURATION -> "duration";
            case STATUS -> "status";
            case MEETING_TYPE -> "meetingType";
            case PARTICIPANTS -> "participants";
            case SMS_SENT -> "smsSent";
            case DEPARTMENT -> "department";
            case APPOINTMENT_KIND -> "appointmentKind";
        };
    }
}
