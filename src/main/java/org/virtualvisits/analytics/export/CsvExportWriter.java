package org.virtualvisits.analytics.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.visits.Visit;

/**
 * CSV as RFC 4180 (comma, double quotes, CRLF), UTF-8 with a byte-order mark so that Excel
 * opens accents correctly; a header row, then one row per visit. Start times are ISO-8601 in
 * the chosen zone with its offset, waits and durations in whole seconds ("(s)" in the header),
 * statuses, types and kinds as the grid shows them in the user's language.
 */
final class CsvExportWriter implements ExportWriter {

    static final char BYTE_ORDER_MARK = '\uFEFF';

    private final List<VisitColumn> columns;
    private final ZoneId zone;
    private final ExportTexts texts;
    private final String yes;
    private final String no;
    private final Writer writer;
    private final CSVPrinter printer;

    CsvExportWriter(OutputStream out, List<VisitColumn> columns, ZoneId zone, ExportTexts texts) throws IOException {
        this.columns = List.copyOf(columns);
        this.zone = zone;
        this.texts = texts;
        this.yes = texts.get("export.yes");
        this.no = texts.get("export.no");
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(BYTE_ORDER_MARK);
        this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        printer.printRecord(ExportColumns.headers(columns, texts, zone, ExportFormat.CSV).stream().map(SpreadsheetText::neutralise));
    }

    @Override
    public void write(Visit visit) throws IOException {
        for (VisitColumn column : columns) {
            printer.print(value(column, visit));
        }
        printer.println();
    }

    private String value(VisitColumn column, Visit visit) {
        return switch (column) {
            case START_TIME -> ExportValues.isoTime(visit.startTime(), zone);
            case MEETING_ID -> SpreadsheetText.neutralise(visit.meetingId());
            case LOBBY_WAIT -> visit.lobbyWaitSeconds() == null ? null : Long.toString(visit.lobbyWaitSeconds());
            case DURATION -> Long.toString(visit.durationSeconds());
            case STATUS -> texts.label(visit.status());
            case MEETING_TYPE -> texts.label(visit.meetingType());
            case PARTICIPANTS -> Integer.toString(visit.participants());
            case SMS_SENT -> visit.smsSent() ? yes : no;
            case DEPARTMENT -> SpreadsheetText.neutralise(visit.department());
            case APPOINTMENT_KIND -> texts.label(visit.appointmentKind());
        };
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }

    @Override
    public void close() {
        // Nothing of its own to release; the target stream belongs to the caller.
    }
}
