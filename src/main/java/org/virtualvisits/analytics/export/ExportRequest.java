package org.virtualvisits.analytics.export;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ShownReport;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitSort;

/**
 * Exactly what a report tab shows, to be exported: the tab's title, the range (days and time
 * zone), the filters (the tab sets the meeting type), the user's chosen columns in their order,
 * and the grid's sort. The scope (organisation, departments) is never part of it: the service
 * takes that from the signed-in user.
 *
 * @param format     file format; {@link ExportFormat#XLSX} unless the user chose CSV
 * @param title      the tab's title as shown, e.g. "Bookings" (names the file and the summary)
 * @param range      the days on screen and the display time zone
 * @param filter     the tab's filters; null fields mean "any"
 * @param columns    the columns on screen, in their order, at least one
 * @param sort       the grid's sort column (start time when the grid is unsorted)
 * @param descending the grid's sort direction
 */
public record ExportRequest(ExportFormat format, String title, ReportRange range, VisitFilter filter,
        List<VisitColumn> columns, VisitSort sort, boolean descending) {

    /** Longest title kept (tab titles are short; this only bounds what is stored). */
    public static final int MAX_TITLE_LENGTH = 200;

    public ExportRequest {
        format = format == null ? ExportFormat.XLSX : format;
        Objects.requireNonNull(range, "range");
        filter = filter == null ? VisitFilter.NONE : filter;
        sort = sort == null ? VisitSort.START_TIME : sort;
        title = title == null || title.isBlank() ? "Export" : title.strip();
        if (title.length() > MAX_TITLE_LENGTH) {
            title = title.substring(0, MAX_TITLE_LENGTH);
        }
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("An export needs at least one column");
        }
        columns = List.copyOf(new LinkedHashSet<>(columns));
    }

    /** An xlsx export of a tab, sorted as the grid sorts. */
    public static ExportRequest of(String title, ReportRange range, VisitFilter filter, List<VisitColumn> columns,
            VisitSort sort, boolean descending) {
        return new ExportRequest(ExportFormat.XLSX, title, range, filter, columns, sort, descending);
    }

    /** An xlsx export of a report tab as it is on screen. */
    public static ExportRequest of(ShownReport shown) {
        return of(shown.title(), shown.range(), shown.filter(), shown.columns(), shown.sort(), shown.descending());
    }

    /** An xlsx export of a tab in the default order (start time, oldest first). */
    public static ExportRequest of(String title, ReportRange range, VisitFilter filter, List<VisitColumn> columns) {
        return of(title, range, filter, columns, VisitSort.START_TIME, false);
    }

    public ExportRequest withFormat(ExportFormat newFormat) {
        return new ExportRequest(newFormat, title, range, filter, columns, sort, descending);
    }
}
