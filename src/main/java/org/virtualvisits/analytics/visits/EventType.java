package org.virtualvisits.analytics.visits;

/** Kinds of meeting activity (PRODUCT.md §2). */
public enum EventType {
    /** An attendee enters the waiting room. */
    LOBBY_JOINED,
    /** A staff member admits an attendee from the lobby; the participant is the admitted attendee. */
    ADMITTED,
    /** A participant is in the meeting itself. */
    JOINED,
    /** A participant leaves the meeting. */
    LEFT,
    /** The meeting ended; carries no participant. */
    MEETING_ENDED,
    /** An SMS notification went to an attendee. */
    SMS_SENT
}
