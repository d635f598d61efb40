package org.virtualvisits.analytics.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.virtualvisits.analytics.visits.Events.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VisitDerivationTest {

    private static Visit derive(MeetingEvent... events) {
        return VisitDerivation.derive(List.of(events)).orElseThrow();
    }

    @Nested
    class WorkedExamples {

        @Test
        void staffAndAttendeeMeet() {
            Visit v = derive(
                    staffJoins("S", "10:00"), lobby("A", "10:01"), admitted("A", "10:04"), joins("A", "10:04"),
                    staffLeaves("S", "10:30"), leaves("A", "10:31"), ended("10:32"), sms("A", "09:00"));

            assertThat(v).isEqualTo(new Visit(MEETING, MeetingType.BOOKINGS, at("10:04"), 180L, 1620,
                    VisitStatus.COMPLETED, 2, true, null, AppointmentKind.SCHEDULED));
        }

        @Test
        void attendeeNeverJoins() {
            Visit v = derive(
                    staffJoins("S", "10:00"), lobby("A", "10:01"), admitted("A", "10:04"),
                    staffLeaves("S", "10:30"), ended("10:32"), sms("A", "09:00"));

            assertThat(v).isEqualTo(new Visit(MEETING, MeetingType.BOOKINGS, at("10:00"), 180L, 0,
                    VisitStatus.NO_SHOW, 1, true, null, AppointmentKind.SCHEDULED));
        }
    }

    @Nested
    class StartAndDuration {

        @Test
        void attendeeLeavesAndRejoinsCountsUntilTheLastLeave() {
            Visit v = derive(staffJoins("S", "10:00"), joins("A", "10:05"), leaves("A", "10:10"),
                    joins("A", "10:20"), staffLeaves("S", "10:40"), leaves("A", "10:45"), ended("10:50"));

            assertThat(v.startTime()).isEqualTo(at("10:05"));
            assertThat(v.durationSeconds()).isEqualTo(40 * 60);
            assertThat(v.participants()).isEqualTo(2);
        }

        @Test
        void startIsWhenStaffIsBackAfterRejoining() {
            Visit v = derive(staffJoins("S", "10:00"), staffLeaves("S", "10:02"), joins("A", "10:03"),
                    staffJoins("S", "10:06"), leaves("A", "10:20"), staffLeaves("S", "10:21"), ended("10:22"));

            assertThat(v.startTime()).isEqualTo(at("10:06"));
            assertThat(v.durationSeconds()).isEqualTo(15 * 60);
        }

        @Test
        void severalAttendees() {
            Visit v = derive(joins("A1", "10:00"), joins("A2", "10:02"), staffJoins("S", "10:05"),
                    leaves("A1", "10:20"), staffLeaves("S", "10:30"), leaves("A2", "10:35"), ended("10:40"));

            assertThat(v.startTime()).isEqualTo(at("10:05"));
            assertThat(v.durationSeconds()).isEqualTo(30 * 60);
            assertThat(v.participants()).isEqualTo(3);
            assertThat(v.status()).isEqualTo(VisitStatus.COMPLETED);
        }

        @Test
        void staffOnly() {
            Visit v = derive(staffJoins("S", "10:00"), staffLeaves("S", "10:20"), ended("10:30"));

            assertThat(v).isEqualTo(new Visit(MEETING, MeetingType.BOOKINGS, at("10:00"), null, 0,
                    VisitStatus.NO_SHOW, 1, false, null, AppointmentKind.SCHEDULED));
        }

        @Test
        void attendeeOnlyIsCompletedWithZeroDuration() {
            Visit v = derive(joins("A", "10:00"), leaves("A", "10:20"), ended("10:30"));

            assertThat(v).isEqualTo(new Visit(MEETING, MeetingType.BOOKINGS, at("10:00"), null, 0,
                    VisitStatus.COMPLETED, 1, false, null, AppointmentKind.SCHEDULED));
        }

        @Test
        void staffLeavesBeforeTheAttendeeJoins() {
            Visit v = derive(staffJoins("S", "10:00"), staffLeaves("S", "10:10"), joins("A", "10:15"),
                    leaves("A", "10:20"), ended("10:30"));

            assertThat(v.startTime()).isEqualTo(at("10:00"));
            assertThat(v.durationSeconds()).isZero();
            assertThat(v.status()).isEqualTo(VisitStatus.COMPLETED);
            assertThat(v.participants()).isEqualTo(2);
        }

        @Test
        void leaveAndJoinAtTheSameInstantAreNotTogether() {
            Visit v = derive(staffJoins("S", "10:00"), staffLeaves("S", "10:10"), joins("A", "10:10"),
                    leaves("A", "10:20"), ended("10:30"));

            assertThat(v.startTime()).isEqualTo(at("10:00"));
            assertThat(v.durationSeconds()).isZero();
        }

        @Test
        void sameParticipantLeavingAndRejoiningAtOneInstantStaysInside() {
            Visit v = derive(staffJoins("S", "10:00"), staffLeaves("S", "10:05"), staffJoins("S", "10:05"),
                    joins("A", "10:07"), ended("10:30"));

            assertThat(v.startTime()).isEqualTo(at("10:07"));
            assertThat(v.durationSeconds()).isEqualTo(23 * 60);
        }

        @Test
        void sameParticipantJoiningAndLeavingAtOneInstantIsNeverInside() {
            Visit v = derive(staffJoins("S", "10:00"), joins("A", "10:05"), leaves("A", "10:05"), ended("10:30"));

            assertThat(v.startTime()).isEqualTo(at("10:00"));
            assertThat(v.durationSeconds()).isZero();
            assertThat(v.status()).isEqualTo(VisitStatus.COMPLETED);
        }

        @Test
        void strayLeaveAndRepeatedJoinAreIgnored() {
            Visit v = derive(leaves("A", "09:55"), staffJoins("S", "10:00"), joins("A", "10:02"),
                    event(EventType.JOINED, "A", ParticipantRole.ATTENDEE, "10:03"), leaves("A", "10:10"),
                    staffLeaves("S", "10:12"), event(EventType.LEFT, "A", ParticipantRole.ATTENDEE, "10:15"),
                    ended("10:30"));

            assertThat(v.startTime()).isEqualTo(at("10:02"));
            assertThat(v.durationSeconds()).isEqualTo(10 * 60);
            assertThat(v.participants()).isEqualTo(2);
        }

        @Test
        void meetingEndWithPeopleInsideEndsTheirPresence() {
            Visit v = derive(staffJoins("S", "10:00"), joins("A", "10:05"), ended("10:35"),
                    leaves("A", "10:50"), joins("B", "10:55"), ended("11:00"));

            assertThat(v.durationSeconds()).isEqualTo(30 * 60);
            assertThat(v.status()).isEqualTo(VisitStatus.COMPLETED);
            assertThat(v.participants()).isEqualTo(3);
        }

        @Test
        void leavesAfterTheEndCountAsLeavingAtTheEnd() {
            Visit v = derive(staffJoins("S", "10:00"), joins("A", "10:05"), ended("10:35"),
                    staffLeaves("S", "10:40"), leaves("A", "10:50"));

            assertThat(v.durationSeconds()).isEqualTo(30 * 60);
        }

        @Test
        void joiningAfterTheEndDoesNotMakeAMeeting() {
            Visit v = derive(staffJoins("S", "10:00"), ended("10:10"), joins("A", "10:15"), leaves("A", "10:20"));

            assertThat(v.startTime()).isEqualTo(at("10:00"));
            assertThat(v.durationSeconds()).isZero();
            assertThat(v.status()).isEqualTo(VisitStatus.COMPLETED);
        }

        @Test
        void inProgressRunsToTheLatestEvent() {
            Visit v = derive(staffJoins("S", "10:00"), joins("A", "10:05"), sms("A", "10:20"));

            assertThat(v.status()).isEqualTo(VisitStatus.IN_PROGRESS);
            assertThat(v.startTime()).isEqualTo(at("10:05"));
            assertThat(v.durationSeconds()).isEqualTo(15 * 60);
        }

        @Test
        void inProgressWithoutMeetingIsZero() {
            Visit v = derive(lobby("A", "10:01"), staffJoins("S", "10:00"), sms("A", "10:20"));

            assertThat(v.status()).isEqualTo(VisitStatus.IN_PROGRESS);
            assertThat(v.startTime()).isEqualTo(at("10:00"));
            assertThat(v.durationSeconds()).isZero();
        }

        @Test
        void secondsAreTruncated() {
            Visit v = derive(staffJoins("S", "10:00:00.900"), joins("A", "10:00:00.900"),
                    leaves("A", "10:00:02.800"), staffLeaves("S", "10:00:02.800"), ended("10:05"),
                    lobby("A", "09:59:58.900"),
                    admitted("A", "10:00:00.100"));

            assertThat(v.durationSeconds()).isEqualTo(1);
            assertThat(v.lobbyWaitSeconds()).isEqualTo(1L);
        }
    }

    @Nested
    class Lobby {

        @Test
        void waitRunsFromTheFirstLobbyJoinToTheFirstAdmissionAtOrAfterIt() {
            Visit v = derive(admitted("X", "09:50"), lobby("A1", "10:00"), lobby("A2", "09:58"),
                    admitted("A1", "10:05"), admitted("A2", "10:03"), joins("A2", "10:03"), ended("10:30"));

            assertThat(v.lobbyWaitSeconds()).isEqualTo(5 * 60L);
        }

        @Test
        void admissionAtTheSameInstantIsAZeroWait() {
            Visit v = derive(lobby("A", "10:00"), admitted("A", "10:00"), ended("10:30"));

            assertThat(v.lobbyWaitSeconds()).isZero();
        }

        @Test
        void admittedButNeverJoinedIsAbandoned() {
            Visit v = derive(lobby("A", "10:00"), admitted("A", "10:02"), ended("10:10"));

            assertThat(v).isEqualTo(new Visit(MEETING, MeetingType.BOOKINGS, at("10:00"), 120L, 0,
                    VisitStatus.ABANDONED, 0, false, null, AppointmentKind.SCHEDULED));
        }

        @Test
        void neverAdmittedHasNoWait() {
            Visit v = derive(lobby("A", "10:00"), ended("10:10"));

            assertThat(v.status()).isEqualTo(VisitStatus.ABANDONED);
            assertThat(v.lobbyWaitSeconds()).isNull();
        }
    }

    @Nested
    class NotAVisit {

        @Test
        void noJoinNoLobby() {
            assertThat(VisitDerivation.derive(List.of(admitted("A", "10:00"), leaves("A", "10:01"), ended("10:02"))))
                    .isEmpty();
        }

        @Test
        void smsOnly() {
            assertThat(VisitDerivation.derive(List.of(sms("A", "09:00")))).isEmpty();
        }

        @Test
        void noEvents() {
            assertThat(VisitDerivation.derive(List.of())).isEmpty();
        }
    }

    @Nested
    class Attributes {

        @Test
        void firstNonBlankDepartmentAndKindInEventOrder() {
            Visit v = derive(
                    with(staffJoins("S", "10:00"), null, null),
                    with(joins("A", "10:01"), "   ", null),
                    with(leaves("A", "10:03"), "Oncology", AppointmentKind.SCHEDULED),
                    with(staffLeaves("S", "10:02"), "Cardiology", AppointmentKind.ON_DEMAND),
                    ended("10:05"));

            assertThat(v.department()).isEqualTo("Cardiology");
            assertThat(v.appointmentKind()).isEqualTo(AppointmentKind.ON_DEMAND);
        }

        @Test
        void atOneInstantLeavesComeBeforeJoins() {
            Visit v = derive(staffJoins("S", "10:00"), with(joins("A", "10:05"), "Joined-dept", null),
                    with(staffLeaves("S", "10:05"), "Left-dept", null), ended("10:10"));

            assertThat(v.department()).isEqualTo("Left-dept");
        }

        @Test
        void meetingTypeOfTheEarliestEvent() {
            Visit v = derive(withType(joins("A", "10:01"), MeetingType.BOOKINGS),
                    withType(staffJoins("S", "10:00"), MeetingType.EHR));

            assertThat(v.meetingType()).isEqualTo(MeetingType.EHR);
        }

        @Test
        void repeatedEventsCountOnce() {
            MeetingEvent join = joins("A", "10:00");
            Visit v = derive(join, join, staffJoins("S", "10:00"), sms("A", "10:01"), sms("A", "10:01"));

            assertThat(v.participants()).isEqualTo(2);
            assertThat(v.smsSent()).isTrue();
        }

        @Test
        void eventsOfSeveralMeetingsAreRefused() {
            MeetingEvent other = new MeetingEvent("x", "m-2", MeetingType.BOOKINGS, EventType.JOINED, at("10:00"),
                    "B", ParticipantRole.STAFF, null, null);

            assertThatThrownBy(() -> VisitDerivation.derive(List.of(joins("A", "10:00"), other)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void dayOfTheStartTime() {
            Visit v = derive(staffJoins("S", "23:30"), joins("A", "23:40"));

            assertThat(VisitDerivation.utcDay(v)).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(VisitDerivation.day(v, ZoneId.of("Europe/Paris"))).isEqualTo(LocalDate.of(2026, 11, 21));
            assertThat(VisitDerivation.day(v, ZoneId.of("America/New_York"))).isEqualTo(LocalDate.of(2026, 11, 20));
        }
    }

    @Test
    void workedExampleInAnyOrder() {
        List<MeetingEvent> events = new ArrayList<>(List.of(
                staffJoins("S", "10:00"), lobby("A", "10:01"), admitted("A", "10:04"), joins("A", "10:04"),
                staffLeaves("S", "10:30"), leaves("A", "10:31"), ended("10:32"), sms("A", "09:00")));
        Visit expected = VisitDerivation.derive(events).orElseThrow();
        for (int i = 0; i < events.size(); i++) {
            Collections.rotate(events, 1);
            assertThat(VisitDerivation.derive(events)).contains(expected);
        }
        Collections.reverse(events);
        assertThat(VisitDerivation.derive(events)).contains(expected);
    }
}
