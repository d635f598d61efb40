package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.Headlines;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/** The xlsx writer on its own: typed cells, header, and visits continuing on further sheets. */
class XlsxExportWriterTest {

    static final ReportRange RANGE = new ReportRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30),
            ZoneId.of("Europe/Paris"));
    static final List<VisitColumn> ALL = List.of(VisitColumn.values());

    static ExportRequest request(List<VisitColumn> columns) {
        return ExportRequest.of("Virtual visits", RANGE, VisitFilter.NONE, columns);
    }

    static ExportSummary summary() {
        Headlines headlines = new Headlines(10, 7, 2, 90.0, 300.0, 1, 600);
        return new ExportSummary("viewer", Instant.parse("2026-11-30T12:00:00Z"), headlines,
                new Headlines(0, 0, 0, null, null, 0, 600),
                RANGE.days().stream().map(DailyVisits::empty).toList());
    }

    static XSSFWorkbook write(List<Visit> visits, List<VisitColumn> columns, int maxRowsPerSheet) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxExportWriter writer = new XlsxExportWriter(out, request(columns), ExportTexts.of(Locale.ENGLISH),
                summary(), maxRowsPerSheet)) {
            for (Visit visit : visits) {
                writer.write(visit);
            }
            writer.finish();
            assertThat(writer.rows()).isEqualTo(visits.size());
        }
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    @ParameterizedTest(name = "{0} visits, {1} per sheet: {2} visit sheets")
    @CsvSource({"0, 3, 1", "1, 3, 1", "3, 3, 1", "4, 3, 2", "6, 3, 2", "7, 3, 3", "10, 1, 10"})
    void visitsContinueOnFurtherSheetsNeverCut(int count, int perSheet, int sheets) throws Exception {
        List<Visit> visits = SampleVisits.visits(count);
        List<VisitColumn> columns = List.of(VisitColumn.MEETING_ID, VisitColumn.DURATION);
        try (XSSFWorkbook workbook = write(visits, columns, perSheet)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(sheets + 1);
            int next = 0;
            for (int s = 0; s < sheets; s++) {
                Sheet sheet = workbook.getSheetAt(s);
                assertThat(sheet.getSheetName()).isEqualTo(s == 0 ? "Visits" : "Visits (" + (s + 1) + ")");
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Meeting ID");
                assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Duration (h:mm:ss)");
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                int rows = sheet.getLastRowNum();
                assertThat(rows).isLessThanOrEqualTo(perSheet);
                if (s < sheets - 1) {
                    assertThat(rows).isEqualTo(perSheet);
                }
                assertThat(((XSSFSheet) sheet).getCTWorksheet().getAutoFilter().getRef())
                        .isEqualTo("A1:B" + (rows + 1));
                for (int r = 1; r <= rows; r++) {
                    assertThat(sheet.getRow(r).getCell(0).getStringCellValue())
                            .isEqualTo(visits.get(next++).meetingId());
                }
            }
            assertThat(next).isEqualTo(count);
            assertThat(workbook.getSheetAt(sheets).getSheetName()).isEqualTo("Summary");
        }
    }

    @Test
    void cellsAreTypedAndTheHeaderIsBoldAndFrozen() throws Exception {
        List<Visit> visits = SampleVisits.visits(12);
        DataFormatter shown = new DataFormatter(Locale.ENGLISH);
        try (XSSFWorkbook workbook = write(visits, ALL, XlsxExportWriter.MAX_DATA_ROWS)) {
            Sheet sheet = workbook.getSheet("Visits");
            Row header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Start time (Europe/Paris)");
            assertThat(header.getCell(2).getStringCellValue()).isEqualTo("Lobby wait time (h:mm:ss)");
            for (Cell cell : header) {
                assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).isTrue();
            }
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getColumnWidth(1))
                    .isEqualTo(ExportColumns.widthInCharacters(VisitColumn.MEETING_ID) * 256);
            for (int i = 0; i < visits.size(); i++) {
                Visit v = visits.get(i);
                Row row = sheet.getRow(i + 1);
                Cell start = row.getCell(0);
                assertThat(start.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(start)).isTrue();
                assertThat(start.getLocalDateTimeCellValue())
                        .isEqualTo(LocalDateTime.ofInstant(v.startTime(), ZoneId.of("Europe/Paris")));
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(v.meetingId());
                if (v.lobbyWaitSeconds() == null) {
                    assertThat(row.getCell(2)).isNull();
                } else {
                    assertThat(Math.round(row.getCell(2).getNumericCellValue() * 86_400)).isEqualTo(v.lobbyWaitSeconds());
                    assertThat(shown.formatCellValue(row.getCell(2))).isEqualTo(hms(v.lobbyWaitSeconds()));
                }
                // A duration cell: a number (a fraction of a day) shown as h:mm:ss.
                assertThat(row.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(Math.round(row.getCell(3).getNumericCellValue() * 86_400)).isEqualTo(v.durationSeconds());
                assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("[h]:mm:ss");
                assertThat(shown.formatCellValue(row.getCell(3))).isEqualTo(hms(v.durationSeconds()));
                assertThat(row.getCell(4).getStringCellValue()).isEqualTo(SampleVisits.ENGLISH_STATUS.get(v.status()));
                assertThat(row.getCell(5).getStringCellValue())
                        .isEqualTo(SampleVisits.ENGLISH_TYPE.get(v.meetingType()));
                assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(v.participants());
                assertThat(row.getCell(7).getStringCellValue()).isEqualTo(v.smsSent() ? "Yes" : "No");
                if (v.department() == null) {
                    assertThat(row.getCell(8)).isNull();
                } else {
                    assertThat(row.getCell(8).getStringCellValue()).isEqualTo(v.department());
                }
                assertThat(row.getCell(9).getStringCellValue())
                        .isEqualTo(SampleVisits.ENGLISH_KIND.get(v.appointmentKind()));
            }
        }
    }

    @Test
    void formulaLikeTextIsNeutralised() throws Exception {
        Visit evil = new Visit("=HYPERLINK(\"http://evil\",\"x\")", MeetingType.BOOKINGS,
                Instant.parse("2026-11-20T10:00:00Z"), null, 0, VisitStatus.NO_SHOW, 1, false, "@SUM(1+1)",
                AppointmentKind.SCHEDULED);
        try (XSSFWorkbook workbook = write(List.of(evil), ALL, 10)) {
            Row row = workbook.getSheet("Visits").getRow(1);
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
            assertThat(row.getCell(8).getStringCellValue()).isEqualTo("'@SUM(1+1)");
        }
    }

    @Test
    void theSummaryStatesTheRequestAndTheFigures() throws Exception {
        try (XSSFWorkbook workbook = write(SampleVisits.visits(5), ALL, 10)) {
            Sheet summary = workbook.getSheet("Summary");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).contains("Virtual visits");
            assertThat(valueOf(summary, "Time zone").getStringCellValue()).isEqualTo("Europe/Paris");
            assertThat(valueOf(summary, "From").getLocalDateTimeCellValue().toLocalDate()).isEqualTo(RANGE.from());
            assertThat(valueOf(summary, "Visits exported").getNumericCellValue()).isEqualTo(5);
            assertThat(valueOf(summary, "No-show rate").getNumericCellValue()).isEqualTo(0.2);
            assertThat(new DataFormatter(Locale.ENGLISH).formatCellValue(valueOf(summary, "Median lobby wait (h:mm:ss)")))
                    .isEqualTo("0:01:30");
            assertThat(valueOf(summary, "Lobby waits over 10 min").getNumericCellValue()).isEqualTo(1);
        }
    }

    @Test
    void frenchUsersGetFrenchSheetsAndHeaders() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxExportWriter writer = new XlsxExportWriter(out, request(ALL), ExportTexts.of(Locale.FRANCE),
                summary(), 2)) {
            for (Visit visit : SampleVisits.visits(3)) {
                writer.write(visit);
            }
            writer.finish();
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Visites");
            assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("Visites (2)");
            assertThat(workbook.getSheetAt(2).getSheetName()).isEqualTo("Synthèse");
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(2).getStringCellValue())
                    .isEqualTo("Temps d'attente en salle d'attente (h:mm:ss)");
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(7).getStringCellValue()).isEqualTo("Oui");
            List<String> statuses = List.of(workbook.getSheetAt(0).getRow(1).getCell(4).getStringCellValue(),
                    workbook.getSheetAt(0).getRow(2).getCell(4).getStringCellValue(),
                    workbook.getSheetAt(1).getRow(1).getCell(4).getStringCellValue());
            assertThat(statuses).isSubsetOf("En cours", "Terminée", "Absence", "Abandonnée");
        }
    }

    /** Seconds as the "[h]:mm:ss" format shows them. */
    static String hms(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** The value cell beside a label in the first column of the summary. */
    static Cell valueOf(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return row.getCell(1);
            }
        }
        throw new AssertionError("No row labelled " + label);
    }
}
