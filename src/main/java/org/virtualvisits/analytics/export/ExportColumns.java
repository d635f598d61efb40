package org.virtualvisits.analytics.export;

import java.time.ZoneId;
import java.util.List;
import org.virtualvisits.analytics.report.VisitColumn;

/** Column headers (with units and zone) and fixed widths, the same for both formats. */
final class ExportColumns {

    private ExportColumns() {
    }

    /**
     * The header of a column; waits and durations name their unit, which differs by format
     * (xlsx: duration cells shown as h:mm:ss; CSV: whole seconds).
     */
    static String header(VisitColumn column, ExportTexts texts, ZoneId zone, ExportFormat format) {
        String unit = format == ExportFormat.CSV ? ".seconds" : ".duration";
        return switch (column) {
            case START_TIME -> texts.get("export.col.startTime", ExportJob.zoneName(zone));
            case MEETING_ID -> texts.get("export.col.meetingId");
            case LOBBY_WAIT -> texts.get("export.col.lobbyWait" + unit);
            case DURATION -> texts.get("export.col.duration" + unit);
            case STATUS -> texts.get("export.col.status");
            case MEETING_TYPE -> texts.get("export.col.meetingType");
            case PARTICIPANTS -> texts.get("export.col.participants");
            case SMS_SENT -> texts.get("export.col.smsSent");
            case DEPARTMENT -> texts.get("export.col.department");
            case APPOINTMENT_KIND -> texts.get("export.col.appointmentKind");
        };
    }

    static List<String> headers(List<VisitColumn> columns, ExportTexts texts, ZoneId zone, ExportFormat format) {
        return columns.stream().map(column -> header(column, texts, zone, format)).toList();
    }

    /** Width in characters: fixed, because streaming sheets cannot measure their content. */
    static int widthInCharacters(VisitColumn column) {
        return switch (column) {
            case START_TIME -> 21;
            case MEETING_ID -> 38;
            case LOBBY_WAIT -> 18;
            case DURATION -> 16;
            case STATUS -> 14;
            case MEETING_TYPE -> 15;
            case PARTICIPANTS -> 13;
            case SMS_SENT -> 11;
            case DEPARTMENT -> 24;
            case APPOINTMENT_KIND -> 20;
        };
    }
}
