package org.virtualvisits.analytics.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.report.rollup.Aggregates;
import org.virtualvisits.analytics.report.rollup.DeepPages;
import org.virtualvisits.analytics.report.rollup.VisitStream;
import org.virtualvisits.analytics.visits.Visit;

/**
 * The report's figures for an explicit {@link VisitScope}: what the screen, the API and the exports
 * show. {@link ReportService} calls it with the caller's scope taken from the security context;
 * background work (an export, which runs without a signed-in user) calls it with the scope recorded
 * when the user asked. The engine behind it is {@code report.rollup}.
 */
@Component
@Transactional(readOnly = true)
public class ReportReader {

    private final Aggregates aggregates;
    private final DeepPages pages;
    private final VisitStream stream;
    private final Organisations organisations;

    ReportReader(Aggregates aggregates, DeepPages pages, VisitStream stream, Organisations organisations) {
        this.aggregates = aggregates;
        this.pages = pages;
        this.stream = stream;
        this.organisations = organisations;
    }

    /** One point per day of the range, days without visits included as zero. */
    public List<DailyVisits> dailySeries(VisitScope scope, ReportRange range, VisitFilter filter) {
        Map<LocalDate, DailyVisits> byDay = aggregates.daily(scope, range, filter);
        return range.days().stream().map(day -> byDay.getOrDefault(day, DailyVisits.empty(day))).toList();
    }

    /**
     * Headline figures of the range and of the period of equal length before it, against the
     * organisation's lobby-wait threshold. One snapshot for the rollups and the visits they are read with.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public HeadlineComparison headlines(VisitScope scope, ReportRange range, VisitFilter filter) {
        int threshold = organisations.findById(scope.organisationId()).orElseThrow().lobbyWaitThresholdSeconds();
        return new HeadlineComparison(aggregates.headlines(scope, range, filter, threshold),
                aggregates.headlines(scope, range.previous(), filter, threshold));
    }

    public long count(VisitScope scope, ReportRange range, VisitFilter filter) {
        return aggregates.count(scope, range, filter);
    }

    /** One snapshot for the rollup that positions a deep page and the visits read from there. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<Visit> page(VisitScope scope, VisitPageRequest request) {
        return pages.page(scope, request);
    }

    /** Every visit of the range in the grid's order, one at a time; must run inside a transaction. */
    public void stream(VisitScope scope, ReportRange range, VisitFilter filter, VisitSort sort, boolean descending,
            Consumer<Visit> consumer) {
        stream.stream(scope, range, filter, sort, descending, consumer);
    }
}
