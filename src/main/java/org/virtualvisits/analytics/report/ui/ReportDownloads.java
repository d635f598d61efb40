package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.Component;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.virtualvisits.analytics.report.ShownReport;

/**
 * What the report screen offers for downloading its data, contributed by the export feature (a bean),
 * so that the report knows nothing of how exports are made and export depends on report, not back.
 */
public interface ReportDownloads {

    /**
     * The button that exports the tab as shown at the moment of the click; once an export is queued it
     * offers {@code openDownloads} (switching to the Downloads tab) without leaving the tab itself.
     */
    Component exportButton(Supplier<ShownReport> shown, Runnable openDownloads);

    /** The Downloads tab: the user's exports, their times in {@code zone}. */
    Component downloadsPanel(ZoneId zone);
}
