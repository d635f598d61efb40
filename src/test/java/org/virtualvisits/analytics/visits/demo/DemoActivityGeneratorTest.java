package org.virtualvisits.analytics.visits.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.visits.EventValidation;
import org.virtualvisits.analytics.visits.MeetingEvent;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.RawEvent;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitDerivation;
import org.virtualvisits.analytics.visits.VisitStatus;

/** The demo data must be valid, deterministic and look like a real clinic's. */
class DemoActivityGeneratorTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final LocalDate FIRST = LocalDate.parse("2026-08-29");

    private static List<RawEvent> ninetyDays(DemoActivityGenerator generator) {
        List<RawEvent> events = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(LocalDate.parse("2026-11-26")); day = day.plusDays(1)) {
            events.addAll(generator.eventsOf(day, NOW));
        }
        return events;
    }

    private static List<Visit> visits(List<RawEvent> events) {
        return events.stream().map(EventValidation::toEvent)
                .collect(Collectors.groupingBy(MeetingEvent::meetingId)).values().stream()
                .map(VisitDerivation::derive).flatMap(java.util.Optional::stream).toList();
    }

    @Test
    void everyGeneratedEventIsValidAndNothingLiesInTheFuture() {
        List<RawEvent> events = ninetyDays(new DemoActivityGenerator("t", 60, true, true));
        for (int from = 0; from < events.size(); from += 5000) {
            assertThat(EventValidation.validate(events.subList(from, Math.min(events.size(), from + 5000)))).isEmpty();
        }
        assertThat(events).allMatch(e -> !Instant.parse(e.occurredAt()).isAfter(NOW));
    }

    @Test
    void theSameInputsGiveTheSameEvents() {
        assertThat(ninetyDays(new DemoActivityGenerator("t", 20, true, true)))
                .isEqualTo(ninetyDays(new DemoActivityGenerator("t", 20, true, true)));
        assertThat(ninetyDays(new DemoActivityGenerator("u", 20, true, true)))
                .isNotEqualTo(ninetyDays(new DemoActivityGenerator("t", 20, true, true)));
    }

    @Test
    void theVisitsLookLikeARealClinics() {
        List<Visit> visits = visits(ninetyDays(new DemoActivityGenerator("t", 60, true, true)));
        Map<VisitStatus, Long> byStatus = visits.stream()
                .collect(Collectors.groupingBy(Visit::status, Collectors.counting()));
        double n = visits.size();
        assertThat(n).isBetween(90 * 60 * 0.6, 90 * 60 * 1.1);
        assertThat(byStatus.get(VisitStatus.NO_SHOW) / n).isBetween(0.07, 0.13);
        assertThat(byStatus.get(VisitStatus.ABANDONED) / n).isBetween(0.01, 0.05);
        assertThat(byStatus.get(VisitStatus.COMPLETED) / n).isGreaterThan(0.8);
        assertThat(visits.stream().filter(v -> v.meetingType() == MeetingType.EHR).count() / n).isBetween(0.3, 0.5);
        assertThat(visits.stream().map(Visit::department).distinct().count()).isEqualTo(6);
        assertThat(visits.stream().filter(v -> v.appointmentKind().name().equals("ON_DEMAND")).count() / n)
                .isBetween(0.05, 0.2);
        assertThat(visits.stream().filter(Visit::smsSent).count() / n).isBetween(0.75, 0.95);
        // a long tail of lobby waits: the 90th percentile is well above the median
        List<Long> waits = visits.stream().map(Visit::lobbyWaitSeconds).filter(w -> w != null).sorted().toList();
        assertThat(waits.get((int) (waits.size() * 0.9))).isGreaterThan(2 * waits.get(waits.size() / 2));
        // weekdays are busier than weekends
        long weekday = visits.stream().filter(v -> v.startTime().atZone(java.time.ZoneOffset.UTC).getDayOfWeek()
                == DayOfWeek.WEDNESDAY).count();
        long sunday = visits.stream().filter(v -> v.startTime().atZone(java.time.ZoneOffset.UTC).getDayOfWeek()
                == DayOfWeek.SUNDAY).count();
        assertThat(weekday).isGreaterThan(4 * sunday);
    }

    @Test
    void anOrganisationWithOneLicenceGetsOnlyThatMeetingType() {
        assertThat(visits(ninetyDays(new DemoActivityGenerator("b", 10, true, false))))
                .allMatch(v -> v.meetingType() == MeetingType.BOOKINGS);
    }
}
