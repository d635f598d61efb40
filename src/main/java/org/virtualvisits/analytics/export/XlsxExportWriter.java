package org.virtualvisits.analytics.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.Headlines;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.visits.Visit;

/**
 * An Office Open XML workbook written with POI's streaming SXSSF: only a window of rows is in
 * memory, the rest goes to temporary files that are zipped into the target stream at the end.
 *
 * <p>Sheet "Visits": a bold, frozen header with an autofilter, then one row per visit with
 * typed cells: the start time as an Excel date-time in the chosen zone, waits and durations as
 * duration cells ("[h]:mm:ss", numbers Excel can sum), participants as a number, statuses, types
 * and kinds as the grid shows them in the user's language. A sheet holds at most {@link #MAX_DATA_ROWS}
 * visits (Excel's 1,048,576 rows less the header); further visits continue on "Visits (2)",
 * "Visits (3)", ... each with the same header, never cut. A "Summary" sheet follows, with the
 * request, the headline figures and the daily series.
 */
final class XlsxExportWriter implements ExportWriter {

    /** Visits one sheet can hold below its header row. */
    static final int MAX_DATA_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
    /** Rows SXSSF keeps in memory per sheet before flushing them to its temporary file. */
    private static final int ROW_WINDOW = 200;

    private final OutputStream out;
    private final ExportRequest request;
    private final ExportTexts texts;
    private final ExportSummary summary;
    private final int maxRowsPerSheet;
    private final ZoneId zone;
    private final VisitColumn[] columns;
    private final String yes;
    private final String no;

    private final SXSSFWorkbook workbook;
    private final CellStyle headerStyle;
    private final CellStyle dateTimeStyle;
    private final CellStyle dateStyle;
    private final CellStyle durationStyle;
    private final CellStyle integerStyle;
    private final CellStyle percentStyle;
    private final CellStyle titleStyle;

    private final List<String> visitSheetNames = new ArrayList<>();
    private SXSSFSheet sheet;
    private int rowsInSheet;
    private long rows;

    /**
     * @param summary         what the Summary sheet states; null for no Summary sheet
     * @param maxRowsPerSheet visits per sheet before the next one starts (tests use small values)
     */
    XlsxExportWriter(OutputStream out, ExportRequest request, ExportTexts texts, ExportSummary summary,
            int maxRowsPerSheet) {
        if (maxRowsPerSheet < 1 || maxRowsPerSheet > MAX_DATA_ROWS) {
            throw new IllegalArgumentException("maxRowsPerSheet must be within 1.." + MAX_DATA_ROWS);
        }
        this.out = out;
        this.request = request;
        this.texts = texts;
        this.summary = summary;
        this.maxRowsPerSheet = maxRowsPerSheet;
        this.zone = request.range().zone();
        this.columns = request.columns().toArray(VisitColumn[]::new);
        this.yes = texts.get("export.yes");
        this.no = texts.get("export.no");

        workbook = new SXSSFWorkbook(ROW_WINDOW);
        CreationHelper helper = workbook.getCreationHelper();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        Font large = workbook.createFont();
        large.setBold(true);
        large.setFontHeightInPoints((short) 14);
        titleStyle = workbook.createCellStyle();
        titleStyle.setFont(large);
        dateTimeStyle = workbook.createCellStyle();
        dateTimeStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd"));
        durationStyle = workbook.createCellStyle();
        durationStyle.setDataFormat(helper.createDataFormat().getFormat("[h]:mm:ss"));
        integerStyle = workbook.createCellStyle();
        integerStyle.setDataFormat(helper.createDataFormat().getFormat("0"));
        percentStyle = workbook.createCellStyle();
        percentStyle.setDataFormat(helper.createDataFormat().getFormat("0.0%"));
    }

    /** Visits written so far. */
    long rows() {
        return rows;
    }

    /** Names of the visit sheets so far, in order. */
    List<String> visitSheetNames() {
        return List.copyOf(visitSheetNames);
    }

    @Override
    public void write(Visit visit) throws IOException {
        if (sheet == null || rowsInSheet == maxRowsPerSheet) {
            startVisitSheet();
        }
        Row row = sheet.createRow(++rowsInSheet);
        for (int i = 0; i < columns.length; i++) {
            writeCell(row, i, columns[i], visit);
        }
        rows++;
    }

    private void writeCell(Row row, int index, VisitColumn column, Visit visit) {
        switch (column) {
            case START_TIME -> {
                Cell cell = row.createCell(index);
                cell.setCellValue(LocalDateTime.ofInstant(visit.startTime(), zone));
                cell.setCellStyle(dateTimeStyle);
            }
            case MEETING_ID -> row.createCell(index).setCellValue(SpreadsheetText.neutralise(visit.meetingId()));
            case LOBBY_WAIT -> {
                if (visit.lobbyWaitSeconds() != null) {
                    Cell cell = row.createCell(index);
                    cell.setCellValue(ExportValues.spreadsheetDuration(visit.lobbyWaitSeconds()));
                    cell.setCellStyle(durationStyle);
                }
            }
            case DURATION -> {
                Cell cell = row.createCell(index);
                cell.setCellValue(ExportValues.spreadsheetDuration(visit.durationSeconds()));
                cell.setCellStyle(durationStyle);
            }
            case STATUS -> row.createCell(index).setCellValue(texts.label(visit.status()));
            case MEETING_TYPE -> row.createCell(index).setCellValue(texts.label(visit.meetingType()));
            case PARTICIPANTS -> {
                Cell cell = row.createCell(index);
                cell.setCellValue(visit.participants());
                cell.setCellStyle(integerStyle);
            }
            case SMS_SENT -> row.createCell(index).setCellValue(visit.smsSent() ? yes : no);
            case DEPARTMENT -> {
                if (visit.department() != null) {
                    row.createCell(index).setCellValue(SpreadsheetText.neutralise(visit.department()));
                }
            }
            case APPOINTMENT_KIND -> row.createCell(index).setCellValue(texts.label(visit.appointmentKind()));
        }
    }

    private void startVisitSheet() throws IOException {
        endVisitSheet();
        String base = texts.get("export.sheet.visits");
        String name = visitSheetNames.isEmpty() ? base : base + " (" + (visitSheetNames.size() + 1) + ")";
        visitSheetNames.add(name);
        sheet = workbook.createSheet(name);
        rowsInSheet = 0;
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.length; i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(ExportColumns.header(columns[i], texts, zone, ExportFormat.XLSX));
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(i, ExportColumns.widthInCharacters(columns[i]) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /** The autofilter covers the header and every row of the sheet, so it is set once they are known. */
    private void endVisitSheet() {
        if (sheet != null) {
            sheet.setAutoFilter(new CellRangeAddress(0, rowsInSheet, 0, columns.length - 1));
        }
    }

    @Override
    public void finish() throws IOException {
        if (sheet == null) {
            startVisitSheet();
        }
        endVisitSheet();
        if (summary != null) {
            writeSummary();
        }
        workbook.setActiveSheet(0);
        workbook.write(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        workbook.dispose();
        workbook.close();
    }

    // --- Summary sheet -------------------------------------------------------------------

    private void writeSummary() {
        SXSSFSheet s = workbook.createSheet(texts.get("export.sheet.summary"));
        s.setColumnWidth(0, 38 * 256);
        for (int i = 1; i <= 5; i++) {
            s.setColumnWidth(i, 20 * 256);
        }
        int r = 0;
        Cell title = s.createRow(r++).createCell(0);
        title.setCellValue(SpreadsheetText.neutralise(texts.get("export.summary.title", request.title())));
        title.setCellStyle(titleStyle);
        r++;

        r = textRow(s, r, "export.summary.tab", SpreadsheetText.neutralise(request.title()));
        r = dateRow(s, r, "export.summary.from", request.range().from());
        r = dateRow(s, r, "export.summary.to", request.range().to());
        r = textRow(s, r, "export.summary.zone", ExportJob.zoneName(zone));
        r = textRow(s, r, "export.summary.filter.meetingType", anyOr(request.filter().meetingType(), texts::label));
        r = textRow(s, r, "export.summary.filter.department",
                request.filter().department() == null ? texts.get("export.summary.any")
                        : SpreadsheetText.neutralise(request.filter().department()));
        r = textRow(s, r, "export.summary.filter.appointmentKind",
                anyOr(request.filter().appointmentKind(), texts::label));
        r = textRow(s, r, "export.summary.filter.status", anyOr(request.filter().status(), texts::label));
        r = textRow(s, r, "export.summary.sort", ExportColumns.header(sortColumn(), texts, zone, ExportFormat.XLSX) + " "
                + texts.get(request.descending() ? "export.summary.descending" : "export.summary.ascending"));
        r = textRow(s, r, "export.summary.requestedBy", SpreadsheetText.neutralise(summary.requestedBy()));
        Cell generated = label(s, r++, "export.summary.generated");
        generated.setCellValue(LocalDateTime.ofInstant(summary.generatedAt(), zone));
        generated.setCellStyle(dateTimeStyle);
        Cell rowCount = label(s, r++, "export.summary.rows");
        rowCount.setCellValue(rows);
        rowCount.setCellStyle(integerStyle);
        r++;

        Row figuresHeader = s.createRow(r++);
        header(figuresHeader, 0, texts.get("export.summary.figures"));
        header(figuresHeader, 1, texts.get("export.summary.current"));
        header(figuresHeader, 2, texts.get("export.summary.previous"));
        Headlines now = summary.current();
        Headlines before = summary.previous();
        r = figure(s, r, texts.get("export.summary.visits"), now.visits(), before.visits(), integerStyle);
        r = figure(s, r, texts.get("export.summary.completed"), now.completed(), before.completed(), integerStyle);
        r = figure(s, r, texts.get("export.summary.noShows"), now.noShows(), before.noShows(), integerStyle);
        r = figure(s, r, texts.get("export.summary.noShowRate"), now.noShowRate(), before.noShowRate(), percentStyle);
        r = figure(s, r, texts.get("export.summary.medianWait"), ExportValues.spreadsheetDuration(now.medianLobbyWaitSeconds()),
                ExportValues.spreadsheetDuration(before.medianLobbyWaitSeconds()), durationStyle);
        r = figure(s, r, texts.get("export.summary.p90Wait"), ExportValues.spreadsheetDuration(now.p90LobbyWaitSeconds()),
                ExportValues.spreadsheetDuration(before.p90LobbyWaitSeconds()), durationStyle);
        r = figure(s, r, texts.get("export.summary.overThreshold", now.thresholdSeconds() / 60.0),
                now.waitsOverThreshold(), before.waitsOverThreshold(), integerStyle);
        r++;

        Row dailyHeader = s.createRow(r++);
        String[] dailyHeaders = {"export.daily.date", "export.daily.total", "export.daily.bookings",
                "export.daily.ehr", "export.daily.avgDuration", "export.daily.avgWait"};
        for (int i = 0; i < dailyHeaders.length; i++) {
            header(dailyHeader, i, texts.get(dailyHeaders[i]));
        }
        for (DailyVisits day : summary.days()) {
            Row row = s.createRow(r++);
            Cell date = row.createCell(0);
            date.setCellValue(day.date());
            date.setCellStyle(dateStyle);
            number(row, 1, day.total(), integerStyle);
            number(row, 2, day.bookings(), integerStyle);
            number(row, 3, day.ehr(), integerStyle);
            number(row, 4, minutesAsDuration(day.avgDurationMinutes()), durationStyle);
            number(row, 5, minutesAsDuration(day.avgLobbyWaitMinutes()), durationStyle);
        }
    }

    private VisitColumn sortColumn() {
        for (VisitColumn column : VisitColumn.values()) {
            if (column.sort() == request.sort()) {
                return column;
            }
        }
        return VisitColumn.START_TIME;
    }

    /** A filter's value as the screen labels it, or "Any" when it is not set. */
    private <T> String anyOr(T value, Function<T, String> label) {
        return value == null ? texts.get("export.summary.any") : label.apply(value);
    }

    private static Double minutesAsDuration(Double minutes) {
        return minutes == null ? null : ExportValues.spreadsheetDuration(minutes * 60);
    }

    private Cell label(SXSSFSheet s, int r, String key) {
        Row row = s.createRow(r);
        Cell label = row.createCell(0);
        label.setCellValue(texts.get(key));
        label.setCellStyle(headerStyle);
        return row.createCell(1);
    }

    private int textRow(SXSSFSheet s, int r, String key, String value) {
        label(s, r, key).setCellValue(value);
        return r + 1;
    }

    private int dateRow(SXSSFSheet s, int r, String key, LocalDate value) {
        Cell cell = label(s, r, key);
        cell.setCellValue(value);
        cell.setCellStyle(dateStyle);
        return r + 1;
    }

    private int figure(SXSSFSheet s, int r, String name, Number current, Number previous, CellStyle style) {
        Row row = s.createRow(r);
        Cell label = row.createCell(0);
        label.setCellValue(name);
        number(row, 1, current, style);
        number(row, 2, previous, style);
        return r + 1;
    }

    private void header(Row row, int index, String text) {
        Cell cell = row.createCell(index);
        cell.setCellValue(text);
        cell.setCellStyle(headerStyle);
    }

    private static void number(Row row, int index, Number value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(index);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        }
    }
}
