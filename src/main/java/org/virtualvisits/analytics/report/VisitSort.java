package org.virtualvisits.analytics.report;

/** The grid's sortable columns and the SQL expression each sorts by (a whitelist, never user text). */
public enum VisitSort {
    START_TIME("start_time"),
    MEETING_ID("meeting_id"),
    LOBBY_WAIT("lobby_wait_seconds"),
    DURATION("duration_seconds"),
    STATUS("status"),
    MEETING_TYPE("meeting_type"),
    PARTICIPANTS("participants"),
    SMS_SENT("sms_sent");

    private final String column;

    VisitSort(String column) {
        this.column = column;
    }

    /**
     * ORDER BY clause; start time then meeting id break ties so pages are stable. A descending sort is
     * the exact reverse of the ascending one (ties too, empty waits last), so one index
     * {@code (organisation_id, column nulls first, start_time, meeting_id)} serves both directions.
     */
    String orderBy(boolean descending) {
        String direction = descending ? " desc" : " asc";
        // Only the wait can be empty; a NULLS clause on a NOT NULL column would still keep the
        // planner from using that column's index (it does not read NOT NULL constraints).
        String nulls = this != LOBBY_WAIT ? "" : descending ? " nulls last" : " nulls first";
        if (this == START_TIME) {
            return "start_time" + direction + ", meeting_id" + direction;
        }
        if (this == MEETING_ID) {
            return "meeting_id" + direction;
        }
        return column + direction + nulls + ", start_time" + direction + ", meeting_id" + direction;
    }

    /** The column itself (a whitelisted name). */
    String column() {
        return column;
    }
}
