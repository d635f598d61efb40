package org.virtualvisits.analytics.export.ui;

import com.vaadin.flow.component.Component;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.virtualvisits.analytics.export.ExportRequest;
import org.virtualvisits.analytics.export.ExportService;
import org.virtualvisits.analytics.report.ShownReport;
import org.virtualvisits.analytics.report.ui.ReportDownloads;

/** The export feature's part of the report screen: the export button of each tab and the Downloads tab. */
@org.springframework.stereotype.Component
class ExportDownloadsForReport implements ReportDownloads {

    private final ExportService exports;

    ExportDownloadsForReport(ExportService exports) {
        this.exports = exports;
    }

    @Override
    public Component exportButton(Supplier<ShownReport> shown, Runnable openDownloads) {
        return new ExportButton(exports, () -> ExportRequest.of(shown.get()), openDownloads);
    }

    @Override
    public Component downloadsPanel(ZoneId zone) {
        return new DownloadsPanel(exports, zone);
    }
}
