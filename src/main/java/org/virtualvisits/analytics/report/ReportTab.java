package org.virtualvisits.analytics.report;

import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.visits.MeetingType;

/** The report's tabs (PRODUCT.md §3) and which visits each covers. */
public enum ReportTab {
    VISITS(null),
    DURATION(null),
    BOOKINGS(MeetingType.BOOKINGS),
    EHR(MeetingType.EHR),
    DOWNLOADS(null);

    private final MeetingType meetingType;

    ReportTab(MeetingType meetingType) {
        this.meetingType = meetingType;
    }

    /** The meeting type the tab is limited to; null for all. */
    public MeetingType meetingType() {
        return meetingType;
    }

    /** Whether the organisation's licences show this tab. */
    public boolean shownFor(Organisation organisation) {
        return switch (this) {
            case BOOKINGS -> organisation.bookingsLicence();
            case EHR -> organisation.ehrLicence();
            default -> true;
        };
    }

    public boolean hasVisits() {
        return this != DOWNLOADS;
    }

    public String urlName() {
        return name().toLowerCase();
    }

    public String titleKey() {
        return "report.tab." + urlName();
    }
}
