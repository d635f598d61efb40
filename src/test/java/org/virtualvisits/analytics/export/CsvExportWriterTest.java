package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/** The CSV writer on its own: RFC 4180, UTF-8 with BOM, ISO times with offset, neutralised text. */
class CsvExportWriterTest {

    static byte[] write(List<Visit> visits, List<VisitColumn> columns, ZoneId zone) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvExportWriter writer = new CsvExportWriter(out, columns, zone, ExportTexts.of(Locale.ENGLISH))) {
            for (Visit visit : visits) {
                writer.write(visit);
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    static List<CSVRecord> parse(byte[] bytes) throws Exception {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text.charAt(0)).isEqualTo('\uFEFF');
        try (CSVParser parser = CSVParser.parse(new StringReader(text.substring(1)), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }

    @Test
    void startsWithAByteOrderMarkAndUsesCrLf() throws Exception {
        byte[] bytes = write(SampleVisits.visits(2), List.of(VisitColumn.MEETING_ID), ZoneId.of("UTC"));
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFFMeeting ID\r\nm-0\r\nm-1\r\n");
    }

    @Test
    void everyValueReadsBackAsWritten() throws Exception {
        ZoneId zone = ZoneId.of("America/New_York");
        List<Visit> visits = SampleVisits.visits(30);
        List<CSVRecord> records = parse(write(visits, List.of(VisitColumn.values()), zone));
        assertThat(records).hasSize(31);
        assertThat(records.get(0).values()).containsExactly("Start time (America/New_York)", "Meeting ID",
                "Lobby wait time (s)", "Duration (s)", "Status", "Meeting type", "Participants", "SMS sent",
                "Department", "Appointment kind");
        for (int i = 0; i < visits.size(); i++) {
            Visit v = visits.get(i);
            CSVRecord r = records.get(i + 1);
            assertThat(r.get(0)).endsWith("-05:00");
            assertThat(OffsetDateTime.parse(r.get(0)).toInstant()).isEqualTo(v.startTime());
            assertThat(r.get(1)).isEqualTo(v.meetingId());
            // Whole seconds, the unit in the header.
            assertThat(r.get(2)).isEqualTo(v.lobbyWaitSeconds() == null ? "" : v.lobbyWaitSeconds().toString());
            assertThat(r.get(3)).isEqualTo(Long.toString(v.durationSeconds()));
            assertThat(r.get(4)).isEqualTo(SampleVisits.ENGLISH_STATUS.get(v.status()));
            assertThat(r.get(5)).isEqualTo(SampleVisits.ENGLISH_TYPE.get(v.meetingType()));
            assertThat(Integer.parseInt(r.get(6))).isEqualTo(v.participants());
            assertThat(r.get(7)).isEqualTo(v.smsSent() ? "Yes" : "No");
            assertThat(r.get(8)).isEqualTo(v.department() == null ? "" : v.department());
            assertThat(r.get(9)).isEqualTo(SampleVisits.ENGLISH_KIND.get(v.appointmentKind()));
        }
    }

    @Test
    void frenchUsersGetTheFrenchLabelsOfTheScreen() throws Exception {
        Visit visit = new Visit("m", MeetingType.EHR, Instant.parse("2026-11-20T10:00:00Z"), 75L, 298,
                VisitStatus.NO_SHOW, 1, true, null, AppointmentKind.ON_DEMAND);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvExportWriter writer = new CsvExportWriter(out, List.of(VisitColumn.values()), ZoneId.of("UTC"),
                ExportTexts.of(Locale.FRANCE))) {
            writer.write(visit);
            writer.finish();
        }
        List<CSVRecord> records = parse(out.toByteArray());
        assertThat(records.get(0).get(3)).isEqualTo("Durée (s)");
        assertThat(records.get(1).values()).containsExactly("2026-11-20T10:00:00Z", "m", "75", "298", "Absence", "DSE",
                "1", "Oui", "", "À la demande");
    }

    @Test
    void quotesCommasQuotesAndLineBreaksAndNeutralisesFormulas() throws Exception {
        List<String> ids = List.of("a,b", "say \"hi\"", "two\nlines", "=1+1", "+33 1 23", "-5", "@cmd", "\tx",
                "\ry", "Zoë — 東京");
        List<Visit> visits = ids.stream().map(id -> new Visit(id, MeetingType.EHR,
                Instant.parse("2026-11-20T10:00:00Z"), 60L, 120, VisitStatus.COMPLETED, 2, true, "=Dept",
                AppointmentKind.SCHEDULED)).toList();
        List<CSVRecord> records = parse(write(visits, List.of(VisitColumn.MEETING_ID, VisitColumn.DEPARTMENT),
                ZoneId.of("UTC")));
        assertThat(records.stream().skip(1).map(r -> r.get(0)).toList()).containsExactly("a,b", "say \"hi\"",
                "two\nlines", "'=1+1", "'+33 1 23", "'-5", "'@cmd", "'\tx", "'\ry", "Zoë — 東京");
        assertThat(records.stream().skip(1).map(r -> r.get(1)).distinct().toList()).containsExactly("'=Dept");
    }
}
