package org.virtualvisits.analytics.report.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.virtualvisits.analytics.base.web.BadRequestException;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportService;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/** The report read API (PRODUCT.md §5): visits and daily series of UTC days, both ends included. */
@RestController
@Tag(name = "Report", description = "Visits and daily series")
@SecurityRequirement(name = "bearer")
class ReportApiController {

    static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_PAGE_SIZE = 500;

    private final ReportService reports;

    ReportApiController(ReportService reports) {
        this.reports = reports;
    }

    record VisitItem(String meetingId, MeetingType meetingType, Instant startTime, Long lobbyWaitSeconds,
            long durationSeconds, VisitStatus status, int participants, boolean smsSent, String department,
            AppointmentKind appointmentKind) {

        static VisitItem of(Visit v) {
            return new VisitItem(v.meetingId(), v.meetingType(), v.startTime(), v.lobbyWaitSeconds(),
                    v.durationSeconds(), v.status(), v.participants(), v.smsSent(), v.department(),
                    v.appointmentKind());
        }
    }

    record VisitPage(List<VisitItem> items, int page, int size, long totalItems, long totalPages) {
    }

    record DailySeriesAnswer(List<DailyVisits> days) {
    }

    @GetMapping("/api/v1/visits")
    @Operation(summary = "Visits of a range of UTC days",
            description = "Ordered by start time, then meeting id. Scope report:read.")
    VisitPage visits(
            @Parameter(example = "2026-11-01") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate from,
            @Parameter(example = "2026-11-30") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate to,
            @RequestParam(required = false) MeetingType type,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
        ReportRange range = range(from, to);
        if (page < 0) {
            throw new BadRequestException("The query parameter 'page' must be 0 or more.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("The query parameter 'size' must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        VisitFilter filter = VisitFilter.ofType(type);
        long total = reports.countVisits(range, filter);
        List<VisitItem> items = reports.visits(range, filter, VisitSort.START_TIME, false, (long) page * size, size)
                .stream().map(VisitItem::of).toList();
        return new VisitPage(items, page, size, total, (total + size - 1) / size);
    }

    @GetMapping("/api/v1/daily")
    @Operation(summary = "Daily series of a range of UTC days",
            description = "One entry per day; averages are null on a day with nothing to average. Scope report:read.")
    DailySeriesAnswer daily(
            @Parameter(example = "2026-11-01") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate from,
            @Parameter(example = "2026-11-30") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate to) {
        return new DailySeriesAnswer(reports.dailySeries(range(from, to), VisitFilter.NONE));
    }

    private static ReportRange range(LocalDate from, LocalDate to) {
        try {
            return ReportRange.utc(from, to);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage() + " (from " + from + ", to " + to + ").");
        }
    }
}
