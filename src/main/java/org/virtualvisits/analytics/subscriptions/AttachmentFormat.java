package org.virtualvisits.analytics.subscriptions;

import java.util.Optional;
import org.virtualvisits.analytics.export.ExportFormat;

/** What a subscription mail carries besides its body: an export of the view, or nothing. */
public enum AttachmentFormat {
    XLSX(ExportFormat.XLSX),
    CSV(ExportFormat.CSV),
    NONE(null);

    private final ExportFormat exportFormat;

    AttachmentFormat(ExportFormat exportFormat) {
        this.exportFormat = exportFormat;
    }

    /** The export format of the attachment; empty for none. */
    public Optional<ExportFormat> exportFormat() {
        return Optional.ofNullable(exportFormat);
    }
}
