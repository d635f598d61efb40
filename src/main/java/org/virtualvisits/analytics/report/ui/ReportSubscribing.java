package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.Component;
import java.util.function.Supplier;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.ShownReport;

/**
 * What the report screen offers for mailing its view on a schedule, contributed by the
 * subscriptions feature (an optional bean: without it the report has no such button), so that
 * the report knows nothing of subscriptions and they depend on the report, not back.
 */
public interface ReportSubscribing {

    /** The "Subscribe to this report…" button of a tab; {@code shown} is the tab as it is at the click. */
    Component subscribeButton(ReportTab tab, Supplier<ShownReport> shown);
}
