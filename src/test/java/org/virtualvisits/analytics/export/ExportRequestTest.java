package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.VisitStatus;

class ExportRequestTest {

    static final ReportRange RANGE = new ReportRange(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 29),
            ZoneId.of("Europe/Paris"));

    @Test
    void aStoredRequestReadsBackEqual() {
        ExportRequest request = new ExportRequest(ExportFormat.CSV, "Bookings", RANGE,
                new VisitFilter(MeetingType.BOOKINGS, "Cardiology", AppointmentKind.ON_DEMAND, VisitStatus.NO_SHOW),
                List.of(VisitColumn.DURATION, VisitColumn.MEETING_ID, VisitColumn.DEPARTMENT), VisitSort.DURATION,
                true);
        String json = ExportJobs.toJson(request);
        assertThat(json).contains("\"zone\":\"Europe/Paris\"").contains("\"from\":\"2026-09-01\"");
        assertThat(ExportJobs.fromJson(json)).isEqualTo(request);
        ExportRequest plain = ExportRequest.of("Virtual visits", ReportRange.utc(RANGE.from(), RANGE.to()),
                VisitFilter.NONE, VisitColumn.DEFAULT);
        assertThat(ExportJobs.fromJson(ExportJobs.toJson(plain))).isEqualTo(plain);
    }

    @Test
    void defaultsAndValidation() {
        ExportRequest request = new ExportRequest(null, "  ", RANGE, null,
                List.of(VisitColumn.STATUS, VisitColumn.STATUS, VisitColumn.MEETING_ID), null, false);
        assertThat(request.format()).isEqualTo(ExportFormat.XLSX);
        assertThat(request.title()).isEqualTo("Export");
        assertThat(request.filter()).isEqualTo(VisitFilter.NONE);
        assertThat(request.sort()).isEqualTo(VisitSort.START_TIME);
        assertThat(request.columns()).containsExactly(VisitColumn.STATUS, VisitColumn.MEETING_ID);
        assertThatThrownBy(() -> ExportRequest.of("x", RANGE, VisitFilter.NONE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(request.withFormat(ExportFormat.CSV).format()).isEqualTo(ExportFormat.CSV);
    }

    @Test
    void fileNamesAreAsciiAndSayWhatTheyHold() {
        assertThat(ExportService.fileName(ExportRequest.of("Virtual visits", RANGE, VisitFilter.NONE,
                VisitColumn.DEFAULT))).isEqualTo("virtual-visits-2026-09-01-to-2026-11-29.xlsx");
        assertThat(ExportService.fileName(ExportRequest.of("Durée & attente", RANGE, VisitFilter.NONE,
                VisitColumn.DEFAULT).withFormat(ExportFormat.CSV)))
                .isEqualTo("virtual-visits-duree-attente-2026-09-01-to-2026-11-29.csv");
        assertThat(ExportService.fileName(ExportRequest.of("../../etc/passwd\r\n", RANGE, VisitFilter.NONE,
                VisitColumn.DEFAULT))).isEqualTo("virtual-visits-etc-passwd-2026-09-01-to-2026-11-29.xlsx");
    }
}
