package org.virtualvisits.analytics.export;

/** The file formats an export can be written in (PRODUCT.md §4). */
public enum ExportFormat {
    /** Office Open XML workbook: typed cells, a summary sheet, further sheets past Excel's row limit. */
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    /** RFC 4180, UTF-8 with a byte-order mark so that Excel reads the accents right. */
    CSV("csv", "text/csv; charset=UTF-8");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
