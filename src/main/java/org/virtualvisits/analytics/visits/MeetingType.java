package org.virtualvisits.analytics.visits;

/** How the meeting was scheduled: through the booking app or from an electronic health record system. */
public enum MeetingType {
    BOOKINGS, EHR
}
