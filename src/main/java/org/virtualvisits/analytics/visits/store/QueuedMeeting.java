package org.virtualvisits.analytics.visits.store;

import java.util.Comparator;

/** A meeting of an organisation that waits to be (re-)derived. Ordered by organisation, then meeting id. */
public record QueuedMeeting(long organisationId, String meetingId) implements Comparable<QueuedMeeting> {

    private static final Comparator<QueuedMeeting> ORDER = Comparator.comparingLong(QueuedMeeting::organisationId)
            .thenComparing(QueuedMeeting::meetingId);

    @Override
    public int compareTo(QueuedMeeting other) {
        return ORDER.compare(this, other);
    }
}
