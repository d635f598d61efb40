package org.virtualvisits.analytics.report;

import java.util.List;

/**
 * A report tab as it is on screen: what an export (or any other hand-over of "this view") takes.
 *
 * @param title      the tab's title in the user's language
 * @param range      the range in the display zone
 * @param filter     the tab's filter (its meeting type included)
 * @param columns    the grid columns the user shows
 * @param sort       the grid's sort
 * @param descending its direction
 */
public record ShownReport(String title, ReportRange range, VisitFilter filter, List<VisitColumn> columns,
                          VisitSort sort, boolean descending) {

    public ShownReport {
        columns = List.copyOf(columns);
    }
}
