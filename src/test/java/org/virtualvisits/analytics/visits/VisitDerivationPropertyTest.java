package org.virtualvisits.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The derived visit depends only on the set of distinct events, never on their order or repeats. */
class VisitDerivationPropertyTest {

    private static final Instant BASE = Instant.parse("2026-11-20T10:00:00Z");
    private static final EventType[] TYPES = EventType.values();

    @Test
    void shufflingAndRepeatingEventsNeverChangesTheVisit() {
        Random random = new Random(20261120L);
        int visits = 0;
        for (int meeting = 0; meeting < 400; meeting++) {
            List<MeetingEvent> events = randomMeeting(random, "m-" + meeting);
            Optional<Visit> expected = VisitDerivation.derive(events);
            expected.ifPresent(v -> checkInvariants(v, events));
            visits += expected.isPresent() ? 1 : 0;

            for (int variant = 0; variant < 5; variant++) {
                List<MeetingEvent> copy = new ArrayList<>(events);
                int repeats = random.nextInt(events.size() + 1);
                for (int r = 0; r < repeats; r++) {
                    copy.add(events.get(random.nextInt(events.size())));
                }
                Collections.shuffle(copy, random);
                assertThat(VisitDerivation.derive(copy)).as("meeting %d variant %d", meeting, variant)
                        .isEqualTo(expected);
            }
        }
        assertThat(visits).as("the generator should mostly produce visits").isGreaterThan(300);
    }

    /**
     * Few participants and a narrow time window, so that same-instant ties, rejoins, stray leaves and
     * events after the end are frequent. Some eventIds are reused with different content (the derivation
     * must pick the same copy whatever the order).
     */
    private static List<MeetingEvent> randomMeeting(Random random, String meetingId) {
        int people = 1 + random.nextInt(4);
        int count = 1 + random.nextInt(16);
        List<MeetingEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventType type = random.nextInt(3) == 0 ? EventType.JOINED
                    : random.nextInt(3) == 0 ? EventType.LEFT : TYPES[random.nextInt(TYPES.length)];
            boolean ended = type == EventType.MEETING_ENDED;
            int person = random.nextInt(people);
            String eventId = random.nextInt(10) == 0 && i > 0 ? "e" + random.nextInt(i) : "e" + i;
            events.add(new MeetingEvent(eventId, meetingId,
                    random.nextInt(20) == 0 ? MeetingType.EHR : MeetingType.BOOKINGS,
                    type, BASE.plusSeconds(60L * random.nextInt(12)),
                    ended ? null : "p" + person,
                    ended ? null : person % 2 == 0 ? ParticipantRole.STAFF : ParticipantRole.ATTENDEE,
                    random.nextInt(4) == 0 ? "dept" + random.nextInt(3) : null,
                    random.nextInt(4) == 0 ? AppointmentKind.values()[random.nextInt(2)] : null));
        }
        return events;
    }

    private static void checkInvariants(Visit v, List<MeetingEvent> events) {
        assertThat(v.durationSeconds()).isNotNegative();
        assertThat(events).anySatisfy(e -> assertThat(e.occurredAt()).isEqualTo(v.startTime()));
        if (events.stream().map(MeetingEvent::eventId).distinct().count() < events.size()) {
            return; // with conflicting copies of an eventId, the counts below depend on the copy kept
        }
        Set<String> joined = new HashSet<>();
        events.stream().filter(e -> e.type() == EventType.JOINED).forEach(e -> joined.add(e.participantId()));
        assertThat(v.participants()).isEqualTo(joined.size());
        assertThat(v.status() == VisitStatus.IN_PROGRESS)
                .isEqualTo(events.stream().noneMatch(e -> e.type() == EventType.MEETING_ENDED));
    }
}
