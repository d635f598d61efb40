package org.virtualvisits.analytics.report.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.VisitStatus;

class ReportStateTest {

    @Test
    void aStateSurvivesTheRoundTripThroughTheUrl() {
        ReportState state = new ReportState(null, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                ZoneId.of("America/Chicago"), "Cardiology", AppointmentKind.ON_DEMAND, VisitStatus.NO_SHOW,
                ReportTab.EHR, VisitColumn.LOBBY_WAIT, true, List.of());
        ReportState back = ReportState.fromParameters(state.toParameters());
        assertThat(back).isEqualTo(state);
        assertThat(state.toParameters()).containsEntry("sort", "lobby_wait").containsEntry("order", "desc");
        assertThat(back.filter().meetingType()).isEqualTo(MeetingType.EHR);
    }

    @Test
    void onlyASortableColumnAndAKnownOrderAreRead() {
        assertThat(ReportState.fromParameters(Map.of("sort", "duration"))).satisfies(state -> {
            assertThat(state.sort()).isEqualTo(VisitColumn.DURATION);
            assertThat(state.descending()).isFalse();
            assertThat(state.problems()).isEmpty();
        });
        for (Map<String, String> bad : List.of(Map.of("sort", "department"), Map.of("sort", "nope"),
                Map.of("sort", "duration", "order", "sideways"))) {
            ReportState state = ReportState.fromParameters(bad);
            assertThat(state.problems()).as(bad.toString()).isNotEmpty();
            assertThat(state.descending()).isFalse();
        }
        assertThat(ReportState.fromParameters(Map.of("sort", "department")).sort()).isNull();
        // An order without a sort means nothing: the default order.
        assertThat(ReportState.fromParameters(Map.of("order", "desc")).descending()).isFalse();
        assertThat(ReportState.defaults().withSort(VisitColumn.STATUS, true).withTab(ReportTab.BOOKINGS))
                .satisfies(state -> {
                    assertThat(state.sort()).isEqualTo(VisitColumn.STATUS);
                    assertThat(state.descending()).isTrue();
                });
    }

    @Test
    void defaultsLeaveTheUrlShort() {
        assertThat(ReportState.defaults().toParameters()).containsExactly(Map.entry("days", "30"));
        assertThat(ReportState.fromParameters(Map.of())).isEqualTo(ReportState.defaults());
    }

    @Test
    void aRollingRangeEndsTodayInTheChosenZone() {
        ReportState state = ReportState.fromParameters(Map.of("days", "7", "tz", "Pacific/Auckland"));
        var range = state.range(LocalDate.of(2026, 11, 26));
        assertThat(range.from()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(range.to()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(range.startInclusive()).isEqualTo(java.time.Instant.parse("2026-11-19T11:00:00Z"));
    }

    @Test
    void utcSpellingsAreOneZone() {
        assertThat(ReportState.fromParameters(Map.of("tz", "UTC")).zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(ReportState.fromParameters(Map.of("tz", "Etc/UTC")).zoneName()).isEqualTo("UTC");
        // Bare offsets are refused (PostgreSQL would read "+05:30" as five and a half hours west).
        for (String offset : List.of("+05:30", "UTC+05:30", "GMT-03", "-08:00")) {
            ReportState state = ReportState.fromParameters(Map.of("tz", offset));
            assertThat(state.zone()).as(offset).isEqualTo(ZoneOffset.UTC);
            assertThat(state.problems()).as(offset).contains("tz");
        }
        assertThat(ReportState.fromParameters(Map.of("tz", "UTC+00:00")).problems()).isEmpty();
    }

    @Test
    void unreadableValuesAreDroppedAndReported() {
        ReportState state = ReportState.fromParameters(Map.of("from", "2026-11-30", "to", "2026-11-01",
                "kind", "WALK_IN", "status", "done", "department", " "));
        assertThat(state.days()).isEqualTo(ReportState.DEFAULT_DAYS);
        assertThat(state.appointmentKind()).isNull();
        assertThat(state.status()).isNull();
        assertThat(state.department()).isNull();
        assertThat(state.problems()).containsExactlyInAnyOrder("from/to", "kind", "status", "department");
    }
}
