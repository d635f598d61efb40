package org.virtualvisits.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.RawEvent;
import org.virtualvisits.analytics.visits.Visit;

/**
 * Exports end to end on the real database and scheduler: the files hold exactly what the
 * report returns for the same scope, range, filters and sort; access rules; expiry; limits.
 */
@IntegrationTest
class ExportServiceTest extends ExportTestSupport {

    static final List<VisitColumn> ALL = List.of(VisitColumn.values());

    @Autowired
    ExportRunner runner;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void xlsxHoldsExactlyTheRowsAndFiguresOfTheReport() throws Exception {
        AppUserPrincipal viewer = signIn("viewer");
        ExportRequest request = ExportRequest.of("Virtual visits", lastDays(30), VisitFilter.NONE, ALL);
        ExportJob job = exportAndWait(request);
        List<Visit> expected = expected(VisitScope.of(viewer), request);
        assertThat(expected).isNotEmpty();
        assertThat(job.rowsWritten()).isEqualTo(expected.size());
        assertThat(job.fileName()).endsWith(".xlsx");

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(job.id())))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Visits");
            Sheet sheet = workbook.getSheet("Visits");
            assertThat(sheet.getLastRowNum()).isEqualTo(expected.size());
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            Row header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Start time (UTC)");
            assertThat(header.getLastCellNum()).isEqualTo((short) ALL.size());
            for (int i = 0; i < expected.size(); i++) {
                assertRowEquals(sheet.getRow(i + 1), expected.get(i), ALL, ZoneId.of("UTC"));
            }

            Sheet summary = workbook.getSheet("Summary");
            // The expected figures come straight from the visits (SQL aggregates), not from the report's rollups.
            assertThat(viewer.departments()).isEmpty();
            Organisation organisation = organisations.findById(viewer.organisationId()).orElseThrow();
            int threshold = organisation.lobbyWaitThresholdSeconds();
            Map<String, Object> raw = jdbc.sql("""
                    select count(*) as visits, count(*) filter (where status = 'COMPLETED') as completed,
                           count(*) filter (where status = 'NO_SHOW') as no_shows,
                           percentile_cont(0.5) within group (order by lobby_wait_seconds) as median,
                           percentile_cont(0.9) within group (order by lobby_wait_seconds) as p90,
                           count(*) filter (where lobby_wait_seconds > :threshold) as over
                    from visit where organisation_id = :org and start_time >= :start and start_time < :end""")
                    .param("threshold", threshold).param("org", viewer.organisationId())
                    .param("start", Timestamp.from(request.range().startInclusive()))
                    .param("end", Timestamp.from(request.range().endExclusive()))
                    .query().singleRow();
            long visits = ((Number) raw.get("visits")).longValue();
            assertThat(visits).isPositive();
            assertThat(XlsxExportWriterTest.valueOf(summary, "Visits exported").getNumericCellValue())
                    .isEqualTo(expected.size());
            assertThat(figure(summary, "Visits")).isEqualTo(visits);
            assertThat(figure(summary, "Completed")).isEqualTo(((Number) raw.get("completed")).longValue());
            assertThat(figure(summary, "No-shows")).isEqualTo(((Number) raw.get("no_shows")).longValue());
            assertThat(figure(summary, "No-show rate")).isCloseTo(
                    ((Number) raw.get("no_shows")).doubleValue() / visits, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(figure(summary, "Median lobby wait (h:mm:ss)") * 86_400).isCloseTo(
                    ((Number) raw.get("median")).doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(figure(summary, "90th percentile lobby wait (h:mm:ss)") * 86_400).isCloseTo(
                    ((Number) raw.get("p90")).doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(figure(summary, "Lobby waits over "
                    + new java.text.DecimalFormat("#.##").format(threshold / 60.0) + " min"))
                    .isEqualTo(((Number) raw.get("over")).longValue());

            Map<LocalDate, long[]> daily = new java.util.HashMap<>();
            jdbc.sql("""
                    select (start_time at time zone :zone)::date as day, count(*) as total,
                           count(*) filter (where meeting_type = 'BOOKINGS') as bookings,
                           count(*) filter (where meeting_type = 'EHR') as ehr
                    from visit where organisation_id = :org and start_time >= :start and start_time < :end
                    group by 1""")
                    .param("zone", request.range().zone().getId()).param("org", viewer.organisationId())
                    .param("start", Timestamp.from(request.range().startInclusive()))
                    .param("end", Timestamp.from(request.range().endExclusive()))
                    .query(rs -> {
                        daily.put(rs.getObject("day", LocalDate.class),
                                new long[] {rs.getLong("total"), rs.getLong("bookings"), rs.getLong("ehr")});
                    });
            int dailyHeader = rowLabelled(summary, "Date");
            List<LocalDate> days = request.range().days();
            for (int d = 0; d < days.size(); d++) {
                Row row = summary.getRow(dailyHeader + 1 + d);
                assertThat(row.getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(days.get(d));
                long[] day = daily.getOrDefault(days.get(d), new long[3]);
                assertThat((long) row.getCell(1).getNumericCellValue()).isEqualTo(day[0]);
                assertThat((long) row.getCell(2).getNumericCellValue()).isEqualTo(day[1]);
                assertThat((long) row.getCell(3).getNumericCellValue()).isEqualTo(day[2]);
            }
        }
    }

    @Test
    void csvHoldsExactlyTheRowsOfATabWithItsFiltersZoneColumnsAndSort() throws Exception {
        AppUserPrincipal admin = signIn("admin");
        ZoneId paris = ZoneId.of("Europe/Paris");
        LocalDate today = LocalDate.now(paris);
        ExportRequest request = new ExportRequest(ExportFormat.CSV, "Bookings",
                new ReportRange(today.minusDays(29), today, paris), VisitFilter.ofType(MeetingType.BOOKINGS),
                List.of(VisitColumn.DURATION, VisitColumn.MEETING_ID, VisitColumn.START_TIME, VisitColumn.SMS_SENT,
                        VisitColumn.LOBBY_WAIT, VisitColumn.DEPARTMENT),
                VisitSort.DURATION, true);
        ExportJob job = exportAndWait(request);
        List<Visit> expected = expected(VisitScope.of(admin), request);
        assertThat(expected).isNotEmpty().allMatch(v -> v.meetingType() == MeetingType.BOOKINGS);

        byte[] bytes = download(job.id());
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).values()).containsExactly("Duration (s)", "Meeting ID",
                "Start time (Europe/Paris)", "SMS sent", "Lobby wait time (s)", "Department");
        assertThat(records).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            Visit v = expected.get(i);
            CSVRecord r = records.get(i + 1);
            assertThat(seconds(r.get(0))).isEqualTo(v.durationSeconds());
            assertThat(r.get(1)).isEqualTo(SpreadsheetText.neutralise(v.meetingId()));
            assertThat(OffsetDateTime.parse(r.get(2)).toInstant()).isEqualTo(v.startTime());
            assertThat(OffsetDateTime.parse(r.get(2)).getOffset())
                    .isEqualTo(paris.getRules().getOffset(v.startTime()));
            assertThat(r.get(3)).isEqualTo(v.smsSent() ? "Yes" : "No");
            assertThat(r.get(4).isEmpty() ? null : seconds(r.get(4))).isEqualTo(v.lobbyWaitSeconds());
            assertThat(r.get(5)).isEqualTo(v.department() == null ? "" : SpreadsheetText.neutralise(v.department()));
        }
    }

    @Test
    void aDepartmentLimitedViewersExportHoldsOnlyTheirDepartments() throws Exception {
        AppUserPrincipal cardio = signIn("cardio-viewer");
        assertThat(cardio.departments()).containsExactly("Cardiology");
        ExportRequest request = ExportRequest.of("Virtual visits", lastDays(30), VisitFilter.NONE,
                List.of(VisitColumn.MEETING_ID, VisitColumn.DEPARTMENT)).withFormat(ExportFormat.CSV);
        ExportJob job = exportAndWait(request);
        long cardiology = reports.count(VisitScope.of(cardio), request.range(), VisitFilter.NONE);
        long everyone = reports.count(VisitScope.wholeOrganisation(cardio.organisationId()), request.range(),
                VisitFilter.NONE);
        assertThat(cardiology).isPositive().isLessThan(everyone);
        assertThat(job.rowsWritten()).isEqualTo(cardiology);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(
                new String(download(job.id()), StandardCharsets.UTF_8).substring(1)), CSVFormat.RFC4180)) {
            records = parser.getRecords();
        }
        assertThat(records).hasSize((int) cardiology + 1);
        assertThat(records.stream().skip(1).map(r -> r.get(1)).distinct()).containsExactly("Cardiology");
    }

    @Test
    void usersSeeAndDownloadOnlyTheirOwnExportsAndGlobalAdminsTheirOrganisations() throws Exception {
        signIn("viewer");
        ExportJob viewersJob = exportAndWait(ExportRequest.of("Virtual visits", lastDays(7), VisitFilter.NONE,
                VisitColumn.DEFAULT));
        assertThat(exports.jobs()).extracting(ExportJob::id).contains(viewersJob.id());

        signIn("teams");
        assertThat(exports.jobs()).extracting(ExportJob::id).doesNotContain(viewersJob.id());
        assertThat(exports.job(viewersJob.id())).isEmpty();
        assertThatThrownBy(() -> exports.file(viewersJob.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(exports.delete(viewersJob.id())).isFalse();

        signIn("northwind-admin");
        assertThat(exports.jobs()).extracting(ExportJob::id).doesNotContain(viewersJob.id());
        assertThat(exports.job(viewersJob.id())).isEmpty();
        assertThatThrownBy(() -> exports.file(viewersJob.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(exports.delete(viewersJob.id())).isFalse();

        signIn("admin");
        assertThat(exports.jobs()).extracting(ExportJob::id).contains(viewersJob.id());
        assertThat(download(viewersJob.id())).startsWith((byte) 'P', (byte) 'K');

        signIn("viewer");
        assertThat(download(viewersJob.id())).startsWith((byte) 'P', (byte) 'K');
        assertThat(exports.delete(viewersJob.id())).isTrue();
        assertThat(exports.jobs()).extracting(ExportJob::id).doesNotContain(viewersJob.id());
        assertThatThrownBy(() -> exports.file(viewersJob.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(jobs.chunkCount(viewersJob.id())).isZero();
    }

    @Test
    void aJobAndItsSchedulerExecutionCommitTogether() {
        signIn("viewer");
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        ExportJob job = transaction.execute(status -> {
            ExportJob started = exports.start(ExportRequest.of("Virtual visits", lastDays(7), VisitFilter.NONE,
                    VisitColumn.DEFAULT), Locale.ENGLISH);
            status.setRollbackOnly();
            return started;
        });
        assertThat(jobs.find(job.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'export-job'"
                + " and task_instance = :instance").param("instance", Long.toString(job.id()))
                .query(Long.class).single()).isZero();
    }

    @Test
    void nobodyWithoutASignInGetsAnything() {
        assertThatThrownBy(() -> exports.jobs()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> exports.file(1)).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> exports.start(ExportRequest.of("x", lastDays(7), VisitFilter.NONE,
                VisitColumn.DEFAULT), Locale.ENGLISH)).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void clientTextThatWouldRunAsAFormulaIsNeutralisedInBothFormats() throws Exception {
        AppUserPrincipal user = newOrganisationUser(Role.REPORT_VIEWER, Set.of());
        Instant start = Instant.parse("2026-11-20T09:00:00Z");
        // (A tab or CR before the formula cannot arrive: ingestion refuses control characters.)
        List<String> ids = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0",
                "-2+3", "@SUM(A1:A2)", "plain-id");
        List<RawEvent> events = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            events.addAll(completedVisit(ids.get(i), "BOOKINGS", start.plusSeconds(60L * i), 90, 600,
                    i % 2 == 0 ? "=Dept()" : "Normal"));
        }
        ingestion.ingest(user.organisationId(), events);
        derivation.deriveQueued(Duration.ofSeconds(60));
        signIn(user);
        ReportRange range = ReportRange.utc(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20));
        List<String> expectedIds = ids.stream().map(id -> id.equals("plain-id") ? id : "'" + id).toList();

        ExportJob csv = exportAndWait(ExportRequest.of("Virtual visits", range, VisitFilter.NONE,
                List.of(VisitColumn.MEETING_ID, VisitColumn.DEPARTMENT)).withFormat(ExportFormat.CSV));
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(
                new String(download(csv.id()), StandardCharsets.UTF_8).substring(1)), CSVFormat.RFC4180)) {
            records = parser.getRecords();
        }
        assertThat(records.stream().skip(1).map(r -> r.get(0)).toList()).containsExactlyElementsOf(expectedIds);
        assertThat(records.stream().skip(1).map(r -> r.get(1)).distinct()).containsExactlyInAnyOrder("'=Dept()",
                "Normal");

        ExportJob xlsx = exportAndWait(ExportRequest.of("Virtual visits", range, VisitFilter.NONE,
                List.of(VisitColumn.MEETING_ID, VisitColumn.DEPARTMENT)));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(xlsx.id())))) {
            Sheet sheet = workbook.getSheet("Visits");
            List<String> cells = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                assertThat(sheet.getRow(r).getCell(0).getCellType()).isEqualTo(CellType.STRING);
                cells.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(cells).containsExactlyElementsOf(expectedIds);
        }
    }

    @Test
    void aUserHasAtMostTheAllowedNumberOfUnfinishedExports() {
        AppUserPrincipal user = newOrganisationUser(Role.REPORT_VIEWER, Set.of());
        signIn(user);
        ExportRequest request = ExportRequest.of("Virtual visits", lastDays(7), VisitFilter.NONE, VisitColumn.DEFAULT);
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            // Queued rows without a scheduled execution: they stay queued for this test.
            jobs.insert(user.organisationId(), user.userId(), user.username(), Set.of(), Locale.ENGLISH, request,
                    "x.xlsx", now, now.plus(1, ChronoUnit.DAYS));
        }
        assertThatThrownBy(() -> exports.start(request, Locale.ENGLISH)).isInstanceOf(ExportLimitException.class);
        exports.jobs().forEach(job -> exports.delete(job.id()));
        ExportJob started = exports.start(request, Locale.ENGLISH);
        assertThat(awaitFinished(started.id()).status()).isEqualTo(ExportStatus.READY);
    }

    @Test
    void expiredExportsAreHiddenRefusedAndRemovedByTheCleanup() throws Exception {
        signIn("viewer");
        ExportJob job = exportAndWait(ExportRequest.of("Virtual visits", lastDays(7), VisitFilter.NONE,
                VisitColumn.DEFAULT));
        assertThat(job.expiresAt()).isCloseTo(job.createdAt().plus(exports.expireAfter()),
                org.assertj.core.api.Assertions.within(1, ChronoUnit.SECONDS));
        assertThat(jobs.chunkCount(job.id())).isPositive();
        jdbc.sql("update export_job set expires_at = :past where id = :id")
                .param("past", Timestamp.from(Instant.now().minusSeconds(1))).param("id", job.id()).update();

        assertThat(exports.jobs()).extracting(ExportJob::id).doesNotContain(job.id());
        assertThatThrownBy(() -> exports.file(job.id())).isInstanceOf(AccessDeniedException.class);

        assertThat(jobs.deleteExpired(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(jobs.find(job.id())).isEmpty();
        assertThat(jobs.chunkCount(job.id())).isZero();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = :name")
                .param("name", ExportTasks.CLEANUP).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void pastTheSheetLimitVisitsContinueOnFurtherSheets() throws Exception {
        AppUserPrincipal viewer = signIn("viewer");
        ExportRequest request = ExportRequest.of("Virtual visits", lastDays(30), VisitFilter.NONE,
                List.of(VisitColumn.START_TIME, VisitColumn.MEETING_ID));
        List<Visit> expected = expected(VisitScope.of(viewer), request);
        int perSheet = 40;
        runner.setMaxRowsPerSheet(perSheet);
        ExportJob job;
        try {
            job = exportAndWait(request);
        } finally {
            runner.setMaxRowsPerSheet(XlsxExportWriter.MAX_DATA_ROWS);
        }
        int sheets = (expected.size() + perSheet - 1) / perSheet;
        assertThat(sheets).isGreaterThan(1);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(job.id())))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(sheets + 1);
            List<String> ids = new ArrayList<>();
            for (int s = 0; s < sheets; s++) {
                Sheet sheet = workbook.getSheetAt(s);
                assertThat(sheet.getSheetName()).isEqualTo(s == 0 ? "Visits" : "Visits (" + (s + 1) + ")");
                assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Meeting ID");
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    ids.add(sheet.getRow(r).getCell(1).getStringCellValue());
                }
            }
            assertThat(ids).containsExactlyElementsOf(
                    expected.stream().map(v -> SpreadsheetText.neutralise(v.meetingId())).toList());
        }
    }

    @Test
    void frenchUsersGetFrenchHeaders() throws Exception {
        signIn("viewer");
        ExportJob job = exports.start(ExportRequest.of("Visites virtuelles", lastDays(7), VisitFilter.NONE,
                List.of(VisitColumn.SMS_SENT)).withFormat(ExportFormat.CSV), Locale.FRANCE);
        assertThat(awaitFinished(job.id()).status()).isEqualTo(ExportStatus.READY);
        String text = new String(download(job.id()), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFSMS envoyé\r\n");
        assertThat(text.lines().skip(1).distinct()).allMatch(line -> line.equals("Oui") || line.equals("Non"));
    }

    static void assertRowEquals(Row row, Visit v, List<VisitColumn> columns, ZoneId zone) {
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = row.getCell(c);
            switch (columns.get(c)) {
                case START_TIME -> {
                    assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
                    assertThat(cell.getLocalDateTimeCellValue()).isCloseTo(
                            LocalDateTime.ofInstant(v.startTime(), zone),
                            org.assertj.core.api.Assertions.within(1, ChronoUnit.MILLIS));
                }
                case MEETING_ID -> assertThat(cell.getStringCellValue())
                        .isEqualTo(SpreadsheetText.neutralise(v.meetingId()));
                case LOBBY_WAIT -> {
                    if (v.lobbyWaitSeconds() == null) {
                        assertThat(cell).isNull();
                    } else {
                        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                        assertThat(Math.round(cell.getNumericCellValue() * 86_400)).isEqualTo(v.lobbyWaitSeconds());
                    }
                }
                case DURATION -> {
                    assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(Math.round(cell.getNumericCellValue() * 86_400)).isEqualTo(v.durationSeconds());
                }
                case STATUS -> assertThat(cell.getStringCellValue()).isEqualTo(SampleVisits.ENGLISH_STATUS.get(v.status()));
                case MEETING_TYPE -> assertThat(cell.getStringCellValue())
                        .isEqualTo(SampleVisits.ENGLISH_TYPE.get(v.meetingType()));
                case PARTICIPANTS -> {
                    assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(cell.getNumericCellValue()).isEqualTo(v.participants());
                }
                case SMS_SENT -> assertThat(cell.getStringCellValue()).isEqualTo(v.smsSent() ? "Yes" : "No");
                case DEPARTMENT -> {
                    if (v.department() == null) {
                        assertThat(cell).isNull();
                    } else {
                        assertThat(cell.getStringCellValue()).isEqualTo(SpreadsheetText.neutralise(v.department()));
                    }
                }
                case APPOINTMENT_KIND -> assertThat(cell.getStringCellValue())
                        .isEqualTo(SampleVisits.ENGLISH_KIND.get(v.appointmentKind()));
            }
        }
    }

    static long seconds(String text) {
        return Long.parseLong(text);
    }

    static double figure(Sheet summary, String label) {
        Cell cell = XlsxExportWriterTest.valueOf(summary, label);
        return cell == null ? Double.NaN : cell.getNumericCellValue();
    }

    static int rowLabelled(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("No row labelled " + label);
    }
}
