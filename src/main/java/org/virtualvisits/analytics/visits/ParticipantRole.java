package org.virtualvisits.analytics.visits;

public enum ParticipantRole {
    STAFF, ATTENDEE
}
