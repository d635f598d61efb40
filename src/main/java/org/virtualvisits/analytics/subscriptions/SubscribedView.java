package org.virtualvisits.analytics.subscriptions;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * The report view a subscription mails: the tab, the filters of the screen (the tab sets the
 * meeting type), the grid's columns and sort. The range and zone are the subscription's own.
 */
public record SubscribedView(ReportTab tab, String department, AppointmentKind appointmentKind, VisitStatus status,
        List<VisitColumn> columns, VisitSort sort, boolean descending) {

    public SubscribedView {
        Objects.requireNonNull(tab, "tab");
        if (!tab.hasVisits()) {
            throw new IllegalArgumentException("The " + tab.urlName() + " tab has no report to subscribe to");
        }
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("A subscribed view needs at least one column");
        }
        columns = List.copyOf(new LinkedHashSet<>(columns));
        sort = sort == null ? VisitSort.START_TIME : sort;
        department = department == null || department.isBlank() ? null : department.strip();
    }

    /** The filter of the tab: what its chart, table and attachment cover. */
    public VisitFilter tabFilter() {
        return new VisitFilter(tab.meetingType(), department, appointmentKind, status);
    }

    /** The filter of the headline figures, which the screen shows for all tabs alike. */
    public VisitFilter headlineFilter() {
        return new VisitFilter(null, department, appointmentKind, status);
    }
}
