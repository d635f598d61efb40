package org.virtualvisits.analytics.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.HeadlineComparison;
import org.virtualvisits.analytics.report.ReportReader;
import org.virtualvisits.analytics.report.VisitScope;

/**
 * Writes an export file to a stream: the one code path of every export, whether a background
 * job stores it in the database ({@link ExportRunner}) or a subscription mail attaches it, so
 * both are the same file for the same view.
 */
@Component
public class ExportFiles {

    private final ReportReader reports;
    private final Clock clock;
    private final TransactionTemplate snapshot;

    ExportFiles(ReportReader reports, Clock clock, PlatformTransactionManager transactionManager) {
        this.reports = reports;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * Writes the export of {@code request} as {@code scope} sees it, in one REPEATABLE READ snapshot
     * (rows, headline figures and daily series agree), to {@code out}, which stays open.
     *
     * @return the number of visits written
     */
    public long write(ExportRequest request, VisitScope scope, String requestedBy, Locale locale, OutputStream out) {
        Long rows = snapshot.execute(status -> writeRows(request, scope, requestedBy, locale, out,
                XlsxExportWriter.MAX_DATA_ROWS, written -> { }));
        return rows == null ? 0 : rows;
    }

    /** The file name a manual export of {@code request} gets. */
    public static String fileName(ExportRequest request) {
        return ExportService.fileName(request);
    }

    /** How many visits the export of {@code request} would have for {@code scope}. */
    public long count(ExportRequest request, VisitScope scope) {
        return reports.count(scope, request.range(), request.filter());
    }

    /**
     * The writing itself, inside the caller's transaction; {@code afterRow} is told the number of rows
     * written after each row (progress, interruption checks).
     */
    long writeRows(ExportRequest request, VisitScope scope, String requestedBy, Locale locale, OutputStream out,
            int maxRowsPerSheet, LongConsumer afterRow) {
        ExportTexts texts = ExportTexts.of(locale);
        long[] rows = {0};
        try (ExportWriter writer = open(request, scope, requestedBy, texts, out, maxRowsPerSheet)) {
            reports.stream(scope, request.range(), request.filter(), request.sort(), request.descending(), visit -> {
                try {
                    writer.write(visit);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                afterRow.accept(++rows[0]);
            });
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows[0];
    }

    private ExportWriter open(ExportRequest request, VisitScope scope, String requestedBy, ExportTexts texts,
            OutputStream out, int maxRowsPerSheet) throws IOException {
        return switch (request.format()) {
            case CSV -> new CsvExportWriter(out, request.columns(), request.range().zone(), texts);
            case XLSX -> new XlsxExportWriter(out, request, texts, summary(request, scope, requestedBy),
                    maxRowsPerSheet);
        };
    }

    private ExportSummary summary(ExportRequest request, VisitScope scope, String requestedBy) {
        HeadlineComparison headlines = reports.headlines(scope, request.range(), request.filter());
        List<DailyVisits> days = reports.dailySeries(scope, request.range(), request.filter());
        return new ExportSummary(requestedBy, clock.instant(), headlines.current(), headlines.previous(), days);
    }
}
