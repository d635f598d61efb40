package org.virtualvisits.analytics.visits;

import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives a {@link Visit} from the events of one meeting, exactly as PRODUCT.md §2 defines it.
 *
 * <p>The result depends only on the set of distinct events (by eventId), never on arrival order:
 * events are deduplicated, then sorted by (occurredAt, {@link #TYPE_ORDER}, participantId, eventId).
 *
 * <p>Presence in the meeting is a set of half-open intervals [JOINED, LEFT): a leave and a join at the
 * same instant do not overlap. Further rules where §2 is silent:
 * <ul>
 *   <li>A LEFT with no open presence is ignored; a JOINED while already present is not counted twice.</li>
 *   <li>A JOINED and a LEFT of the same participant at the same instant leave that participant's presence
 *       as it was (present: leave and rejoin; absent: an empty interval).</li>
 *   <li>The meeting ends at its earliest MEETING_ENDED: whoever is still inside leaves then, and JOINED/LEFT
 *       events at or after it no longer change presence (they still count for participants and status).</li>
 *   <li>LOBBY_JOINED and ADMITTED count whatever the role they carry.</li>
 *   <li>Seconds are whole seconds, sub-second remainders truncated ({@link Duration#getSeconds()}).</li>
 *   <li>If events disagree on meetingType (validation rejects that), the earliest event's type wins.</li>
 * </ul>
 */
public final class VisitDerivation {

    /** Tie-break at one instant: leaves (and the end) come before joins, as presence intervals are half-open. */
    static final List<EventType> TYPE_ORDER = List.of(EventType.LEFT, EventType.MEETING_ENDED,
            EventType.LOBBY_JOINED, EventType.ADMITTED, EventType.JOINED, EventType.SMS_SENT);

    static final Comparator<MeetingEvent> ORDER = comparing(MeetingEvent::occurredAt)
            .thenComparingInt(e -> TYPE_ORDER.indexOf(e.type()))
            .thenComparing(MeetingEvent::participantId, nullsFirst(naturalOrder()))
            .thenComparing(MeetingEvent::eventId);

    /** Total order over every field: picks the same copy of a conflicting eventId whatever the arrival order. */
    private static final Comparator<MeetingEvent> TOTAL_ORDER = ORDER
            .thenComparing(MeetingEvent::role, nullsFirst(naturalOrder()))
            .thenComparing(MeetingEvent::meetingType)
            .thenComparing(MeetingEvent::department, nullsFirst(naturalOrder()))
            .thenComparing(MeetingEvent::appointmentKind, nullsFirst(naturalOrder()))
            .thenComparing(MeetingEvent::meetingId);

    private VisitDerivation() {
    }

    /**
     * @param eventsOfOneMeeting all known events of one meeting, in any order, possibly with repeats
     * @return the visit, or empty when the meeting has no JOINED and no LOBBY_JOINED event (not a visit)
     * @throws IllegalArgumentException if the events belong to more than one meeting
     */
    public static Optional<Visit> derive(Collection<MeetingEvent> eventsOfOneMeeting) {
        List<MeetingEvent> events = distinctSorted(eventsOfOneMeeting);
        if (events.stream().noneMatch(e -> e.type() == EventType.JOINED || e.type() == EventType.LOBBY_JOINED)) {
            return Optional.empty();
        }
        MeetingEvent first = events.get(0);
        Instant end = firstInstantOf(events, EventType.MEETING_ENDED);
        Presence presence = Presence.sweep(events, end);

        Instant start = presence.together != null ? presence.together
                : events.stream().filter(e -> e.type() == EventType.JOINED || e.type() == EventType.LOBBY_JOINED)
                        .findFirst().orElseThrow().occurredAt();

        long durationSeconds = 0;
        if (presence.together != null) {
            // Ended: up to the last leave. In progress: up to the latest event received so far.
            Instant until = end != null ? presence.lastLeave : events.get(events.size() - 1).occurredAt();
            durationSeconds = Math.max(0, Duration.between(presence.together, until).getSeconds());
        }

        Set<String> joined = new LinkedHashSet<>();
        boolean attendeeJoined = false;
        for (MeetingEvent e : events) {
            if (e.type() == EventType.JOINED) {
                joined.add(e.participantId());
                attendeeJoined |= e.role() == ParticipantRole.ATTENDEE;
            }
        }

        return Optional.of(new Visit(
                first.meetingId(),
                first.meetingType(),
                start,
                lobbyWaitSeconds(events),
                durationSeconds,
                status(end, attendeeJoined, !joined.isEmpty()),
                joined.size(),
                events.stream().anyMatch(e -> e.type() == EventType.SMS_SENT),
                events.stream().map(MeetingEvent::department).filter(d -> d != null && !d.isBlank())
                        .findFirst().orElse(null),
                events.stream().map(MeetingEvent::appointmentKind).filter(k -> k != null)
                        .findFirst().orElse(AppointmentKind.SCHEDULED)));
    }

    /** The UTC day a visit belongs to: that of its start time. */
    public static LocalDate utcDay(Visit visit) {
        return day(visit, ZoneOffset.UTC);
    }

    /** The day of the visit's start time in the given display zone. */
    public static LocalDate day(Visit visit, ZoneId zone) {
        return LocalDate.ofInstant(visit.startTime(), zone);
    }

    private static List<MeetingEvent> distinctSorted(Collection<MeetingEvent> events) {
        Map<String, MeetingEvent> byId = new HashMap<>();
        String meetingId = null;
        for (MeetingEvent e : events) {
            if (meetingId == null) {
                meetingId = e.meetingId();
            } else if (!meetingId.equals(e.meetingId())) {
                throw new IllegalArgumentException("events of several meetings: " + meetingId + ", " + e.meetingId());
            }
            byId.merge(e.eventId(), e, (a, b) -> TOTAL_ORDER.compare(a, b) <= 0 ? a : b);
        }
        List<MeetingEvent> sorted = new ArrayList<>(byId.values());
        sorted.sort(ORDER);
        return sorted;
    }

    private static Instant firstInstantOf(List<MeetingEvent> sorted, EventType type) {
        return sorted.stream().filter(e -> e.type() == type).findFirst().map(MeetingEvent::occurredAt).orElse(null);
    }

    /** From the first LOBBY_JOINED to the first ADMITTED at or after it; null if either is missing. */
    private static Long lobbyWaitSeconds(List<MeetingEvent> sorted) {
        Instant lobby = firstInstantOf(sorted, EventType.LOBBY_JOINED);
        if (lobby == null) {
            return null;
        }
        return sorted.stream()
                .filter(e -> e.type() == EventType.ADMITTED && !e.occurredAt().isBefore(lobby))
                .findFirst()
                .map(admitted -> Duration.between(lobby, admitted.occurredAt()).getSeconds())
                .orElse(null);
    }

    private static VisitStatus status(Instant end, boolean attendeeJoined, boolean anyoneJoined) {
        if (end == null) {
            return VisitStatus.IN_PROGRESS;
        }
        if (attendeeJoined) {
            return VisitStatus.COMPLETED;
        }
        // A visit has a JOINED or a LOBBY_JOINED: if nobody joined, somebody waited in the lobby.
        return anyoneJoined ? VisitStatus.NO_SHOW : VisitStatus.ABANDONED;
    }

    /** One pass over the instants before the meeting's end, tracking who is in the meeting. */
    private static final class Presence {
        /** First instant with at least one staff member and one attendee inside; null if never. */
        Instant together;
        /** Latest instant at which a present participant left (or the end, for those still inside). */
        Instant lastLeave;

        static Presence sweep(List<MeetingEvent> sorted, Instant end) {
            Presence result = new Presence();
            Map<String, ParticipantRole> inside = new HashMap<>();
            int i = 0;
            while (i < sorted.size()) {
                Instant t = sorted.get(i).occurredAt();
                if (end != null && !t.isBefore(end)) {
                    break;
                }
                // Apply all events of instant t at once, then look at who is inside.
                Set<String> leaving = new LinkedHashSet<>();
                Map<String, ParticipantRole> joining = new LinkedHashMap<>();
                for (; i < sorted.size() && sorted.get(i).occurredAt().equals(t); i++) {
                    MeetingEvent e = sorted.get(i);
                    if (e.type() == EventType.LEFT) {
                        leaving.add(e.participantId());
                    } else if (e.type() == EventType.JOINED) {
                        joining.putIfAbsent(e.participantId(), e.role());
                    }
                }
                for (String p : leaving) {
                    if (inside.containsKey(p)) {
                        result.lastLeave = t;
                        if (!joining.containsKey(p)) {
                            inside.remove(p);
                        }
                    }
                }
                joining.forEach((p, role) -> {
                    if (!leaving.contains(p)) {
                        inside.putIfAbsent(p, role);
                    }
                });
                if (result.together == null && inside.containsValue(ParticipantRole.STAFF)
                        && inside.containsValue(ParticipantRole.ATTENDEE)) {
                    result.together = t;
                }
            }
            if (end != null && !inside.isEmpty()) {
                result.lastLeave = end;
            }
            return result;
        }
    }
}
