package org.virtualvisits.analytics.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitFilter;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.MeetingType;
import org.virtualvisits.analytics.visits.Visit;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * Benchmark, not a test (see bench/export/README.md): 1,000,000-row xlsx and CSV exports
 * through the real job path (count, stream from PostgreSQL, write, store in chunks) against
 * bare SXSSF and bare Commons CSV writes of the same rows in the same run, with wall time and
 * peak heap of each. Skipped unless run with -Dbench=true:
 *
 * <pre>bench/export/run.sh</pre> (which runs {@code mvn -Pbench test -Dtest=ExportBenchmark -Dbench=true -DargLine=-Xmx256m})
 *
 * Optional: -Dbench.rows=N (default 1,000,000), -Dbench.repeat=N (default 2; the fastest of the
 * repeats is kept, the highest heap figures).
 */
@IntegrationTest
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ExportBenchmark extends ExportTestSupport {

    @Autowired
    ExportRunner runner;
    @Autowired
    PlatformTransactionManager transactionManager;

    static final int DAYS = 90;
    final int rows = Integer.getInteger("bench.rows", 1_000_000);
    final int repeat = Integer.getInteger("bench.repeat", 2);
    final List<String> results = new ArrayList<>();
    Path scratch;

    @Test
    void exportsAgainstBareWrites() throws Exception {
        scratch = Files.createTempDirectory("export-bench");
        AppUserPrincipal user = newOrganisationUser(Role.REPORT_VIEWER, Set.of());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ReportRange range = ReportRange.utc(today.minusDays(DAYS - 1), today);
        long inserted = time("insert " + rows + " visits (set-up, not compared)", () -> insertVisits(user, range));
        VisitScope scope = new VisitScope(user.organisationId(), Set.of());
        ExportRequest xlsx = ExportRequest.of("Virtual visits", range, VisitFilter.NONE, List.of(VisitColumn.values()));
        ExportRequest csv = xlsx.withFormat(ExportFormat.CSV);
        signIn(user);

        // Warm-up (class loading, JIT, database caches) on a slice, not measured.
        ExportRequest warmUp = ExportRequest.of("Virtual visits", ReportRange.utc(today, today), VisitFilter.NONE,
                List.of(VisitColumn.values()));
        runJob(user, warmUp);
        runJob(user, warmUp.withFormat(ExportFormat.CSV));
        bareCsv(scope, warmUp);
        bareXlsx(scope, warmUp);

        Measured streamOnly = null;
        Measured bareCsvDb = null;
        Measured bareCsvMem = null;
        Measured exportCsv = null;
        Measured bareXlsxDb = null;
        Measured bareXlsxMem = null;
        Measured exportXlsx = null;
        // Each run is repeated and the fastest kept: on a shared machine the slower ones measure the neighbours.
        for (int round = 1; round <= repeat; round++) {
            System.out.println("--- round " + round + " of " + repeat);
            streamOnly = best(streamOnly, measure("stream the rows from PostgreSQL only (no writing)", () -> {
                AtomicLong n = new AtomicLong();
                streamFromDatabase(scope, csv, visit -> n.incrementAndGet());
                return n.get();
            }));
            bareCsvDb = best(bareCsvDb, measure("bare Commons CSV, rows streamed from PostgreSQL",
                    () -> bareCsv(scope, csv)));
            bareCsvMem = best(bareCsvMem, measure("bare Commons CSV, same rows generated in memory",
                    () -> bareCsvInMemory(range)));
            exportCsv = best(exportCsv, measure("CSV export job (count, stream, write, store in chunks)",
                    () -> runJob(user, csv)));
            bareXlsxDb = best(bareXlsxDb, measure("bare SXSSF, rows streamed from PostgreSQL",
                    () -> bareXlsx(scope, xlsx)));
            bareXlsxMem = best(bareXlsxMem, measure("bare SXSSF, same rows generated in memory",
                    () -> bareXlsxInMemory(range)));
            exportXlsx = best(exportXlsx, measure("xlsx export job (count, summary, stream, write, store in chunks)",
                    () -> runJob(user, xlsx)));
        }
        results.clear();
        for (Measured m : List.of(streamOnly, bareCsvDb, bareCsvMem, exportCsv, bareXlsxDb, bareXlsxMem,
                exportXlsx)) {
            results.add(m.line());
        }

        StringBuilder report = new StringBuilder();
        report.append("Export benchmark, ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        report.append("rows: ").append(inserted).append(", repeats: ").append(repeat).append(", max heap: ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB, processors: ")
                .append(Runtime.getRuntime().availableProcessors()).append(", load average before: ")
                .append(String.format(Locale.ROOT, "%.2f", loadBefore)).append(", java ")
                .append(System.getProperty("java.version")).append('\n');
        report.append("heap in use after GC before the measurements (the running application): ")
                .append(mb(baseline)).append(" MB\n\n");
        report.append("| run | rows | wall time (s) | peak heap used, sampled (MB) | peak live heap after GC (MB)"
                + " | output (MB) |\n|---|---:|---:|---:|---:|---:|\n");
        for (String line : results) {
            report.append(line).append('\n');
        }
        report.append('\n');
        report.append(String.format(Locale.ROOT,
                "CSV export / bare CSV from PostgreSQL: %.2f×; / bare CSV in memory: %.2f×%n",
                exportCsv.seconds / bareCsvDb.seconds, exportCsv.seconds / bareCsvMem.seconds));
        report.append(String.format(Locale.ROOT,
                "xlsx export / bare SXSSF from PostgreSQL: %.2f×; / bare SXSSF in memory: %.2f×%n",
                exportXlsx.seconds / bareXlsxDb.seconds, exportXlsx.seconds / bareXlsxMem.seconds));
        report.append(String.format(Locale.ROOT, "streaming the rows alone: %.2f s%n", streamOnly.seconds));
        System.out.println("\n" + report);
        Path out = Path.of("bench", "export", "results", "raw", "last-run.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    // --- the measured runs -----------------------------------------------------------------

    long runJob(AppUserPrincipal user, ExportRequest request) {
        Instant now = Instant.now();
        long id = jobs.insert(user.organisationId(), user.userId(), user.username(), user.departments(),
                Locale.ENGLISH, request, ExportService.fileName(request), now, now.plus(1, ChronoUnit.DAYS));
        runner.run(id);
        ExportJob job = jobs.find(id).orElseThrow().job();
        if (job.status() != ExportStatus.READY) {
            throw new IllegalStateException("Export failed: " + job);
        }
        lastOutputBytes = job.sizeBytes();
        return job.rowsWritten();
    }

    long bareCsv(VisitScope scope, ExportRequest request) {
        AtomicLong n = new AtomicLong();
        Path file = scratch.resolve("bare.csv");
        try (Writer writer = new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8); CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
            printer.printRecord((Object[]) VisitColumn.values());
            streamFromDatabase(scope, request, visit -> {
                printCsv(printer, visit);
                n.incrementAndGet();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastOutputBytes = size(file);
        return n.get();
    }

    long bareCsvInMemory(ReportRange range) {
        Path file = scratch.resolve("bare-memory.csv");
        try (Writer writer = new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8); CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
            printer.printRecord((Object[]) VisitColumn.values());
            generate(range, visit -> printCsv(printer, visit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastOutputBytes = size(file);
        return rows;
    }

    static void printCsv(CSVPrinter printer, Visit v) {
        try {
            printer.printRecord(v.startTime(), v.meetingId(), v.lobbyWaitSeconds(), v.durationSeconds(), v.status(),
                    v.meetingType(), v.participants(), v.smsSent(), v.department(), v.appointmentKind());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long bareXlsx(VisitScope scope, ExportRequest request) {
        AtomicLong n = new AtomicLong();
        lastOutputBytes = bareWorkbook("bare.xlsx", sink -> streamFromDatabase(scope, request, visit -> {
            sink.accept(visit);
            n.incrementAndGet();
        }));
        return n.get();
    }

    long bareXlsxInMemory(ReportRange range) {
        lastOutputBytes = bareWorkbook("bare-memory.xlsx", sink -> generate(range, sink));
        return rows;
    }

    /** Plain SXSSF: default window, one sheet, a header, typed cells, a date format. */
    long bareWorkbook(String name, Consumer<Consumer<Visit>> source) {
        Path file = scratch.resolve(name);
        SXSSFWorkbook workbook = new SXSSFWorkbook();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            SXSSFSheet sheet = workbook.createSheet("Visits");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Row header = sheet.createRow(0);
            for (VisitColumn column : VisitColumn.values()) {
                header.createCell(column.ordinal()).setCellValue(column.name());
            }
            int[] r = {1};
            source.accept(v -> {
                Row row = sheet.createRow(r[0]++);
                row.createCell(0).setCellValue(LocalDateTime.ofInstant(v.startTime(), ZoneOffset.UTC));
                row.getCell(0).setCellStyle(date);
                row.createCell(1).setCellValue(v.meetingId());
                if (v.lobbyWaitSeconds() != null) {
                    row.createCell(2).setCellValue(v.lobbyWaitSeconds() / 60.0);
                }
                row.createCell(3).setCellValue(v.durationSeconds() / 60.0);
                row.createCell(4).setCellValue(v.status().name());
                row.createCell(5).setCellValue(v.meetingType().name());
                row.createCell(6).setCellValue(v.participants());
                row.createCell(7).setCellValue(v.smsSent() ? "Yes" : "No");
                if (v.department() != null) {
                    row.createCell(8).setCellValue(v.department());
                }
                row.createCell(9).setCellValue(v.appointmentKind().name());
            });
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
        }
        return size(file);
    }

    void streamFromDatabase(VisitScope scope, ExportRequest request, Consumer<Visit> consumer) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> reports.stream(scope,
                request.range(), request.filter(), VisitSort.START_TIME, false, consumer));
    }

    // --- data ------------------------------------------------------------------------------

    static final String[] DEPARTMENTS = {"Cardiology", "Dermatology", "Paediatrics", "Mental Health", "Oncology",
            "General Practice"};

    /** The same rows as {@link #insertVisits}, computed in memory (for the bare writers without a database). */
    void generate(ReportRange range, Consumer<Visit> sink) {
        Instant start = range.startInclusive();
        double step = DAYS * 86_400.0 / rows;
        VisitStatus[] statuses = {VisitStatus.COMPLETED, VisitStatus.COMPLETED, VisitStatus.COMPLETED,
                VisitStatus.COMPLETED, VisitStatus.COMPLETED, VisitStatus.COMPLETED, VisitStatus.COMPLETED,
                VisitStatus.NO_SHOW, VisitStatus.ABANDONED, VisitStatus.IN_PROGRESS};
        for (int i = 0; i < rows; i++) {
            sink.accept(new Visit(String.format("bench-%07d", i), i % 3 == 0 ? MeetingType.EHR : MeetingType.BOOKINGS,
                    start.plusMillis((long) (i * step * 1000)), i % 5 == 0 ? null : (long) ((i * 7919L) % 1200),
                    (i * 104_729L) % 3600, statuses[i % 10], 1 + i % 4, i % 3 != 0, DEPARTMENTS[i % 6],
                    i % 7 == 0 ? AppointmentKind.ON_DEMAND : AppointmentKind.SCHEDULED));
        }
    }

    long insertVisits(AppUserPrincipal user, ReportRange range) {
        int inserted = jdbc.sql("""
                        insert into visit (organisation_id, meeting_id, meeting_type, start_time, lobby_wait_seconds,
                                           duration_seconds, status, participants, sms_sent, department,
                                           appointment_kind)
                        select :org, 'bench-' || lpad(i::text, 7, '0'),
                               case when i % 3 = 0 then 'EHR' else 'BOOKINGS' end,
                               cast(:start as timestamptz) + make_interval(secs => floor(i * :step * 1000) / 1000.0),
                               case when i % 5 = 0 then null else (i * 7919::bigint) % 1200 end,
                               (i * 104729::bigint) % 3600,
                               (array['COMPLETED','COMPLETED','COMPLETED','COMPLETED','COMPLETED','COMPLETED',
                                      'COMPLETED','NO_SHOW','ABANDONED','IN_PROGRESS'])[i % 10 + 1],
                               1 + i % 4, i % 3 <> 0,
                               (array['Cardiology','Dermatology','Paediatrics','Mental Health','Oncology',
                                      'General Practice'])[i % 6 + 1],
                               case when i % 7 = 0 then 'ON_DEMAND' else 'SCHEDULED' end
                        from generate_series(0, :last) as i""")
                .param("org", user.organisationId())
                .param("start", Timestamp.from(range.startInclusive()))
                .param("step", DAYS * 86_400.0 / rows)
                .param("last", rows - 1)
                .update();
        jdbc.sql("analyze visit").update();
        return inserted;
    }

    // --- measuring -------------------------------------------------------------------------

    /** One run: its wall time and heap figures, and its line in the table. */
    record Measured(double seconds, long peakBytes, long liveBytes, String line) {
    }

    /** The faster run's time, the higher of the heap figures. */
    static Measured best(Measured a, Measured b) {
        if (a == null) {
            return b;
        }
        Measured faster = a.seconds() <= b.seconds() ? a : b;
        return new Measured(faster.seconds(), Math.max(a.peakBytes(), b.peakBytes()),
                Math.max(a.liveBytes(), b.liveBytes()), faster.line()
                        .replaceFirst("\\| (\\d+) \\| ([\\w ]+) \\| ([\\d.]+) \\|$", "| "
                                + mb(Math.max(a.peakBytes(), b.peakBytes())) + " | "
                                + (Math.max(a.liveBytes(), b.liveBytes()) == 0 ? "no GC"
                                        : Long.toString(mb(Math.max(a.liveBytes(), b.liveBytes())))) + " | $3 |"));
    }

    interface Run {
        long run() throws Exception;
    }

    long lastOutputBytes;
    long baseline = -1;
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    long time(String name, Run run) throws Exception {
        long t0 = System.nanoTime();
        long n = run.run();
        System.out.printf(Locale.ROOT, "%s: %d rows in %.1f s%n", name, n, (System.nanoTime() - t0) / 1e9);
        return n;
    }

    /**
     * Wall time; the highest heap use sampled every 5 ms (live objects and garbage not yet
     * collected, so it tracks the collector's sizing as much as the export); and the highest heap
     * use right after a collection (the live set), from the collectors' notifications.
     */
    Measured measure(String name, Run run) throws Exception {
        System.gc();
        Thread.sleep(200);
        if (baseline < 0) {
            baseline = heapUsed();
        }
        AtomicLong sampledPeak = new AtomicLong(heapUsed());
        AtomicLong liveAfterGc = new AtomicLong(0);
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo();
                long after = info.getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
                liveAfterGc.accumulateAndGet(after, Math::max);
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampledPeak.accumulateAndGet(heapUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        long n = run.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        sampler.join();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
        String line = String.format(Locale.ROOT, "| %s | %,d | %.2f | %d | %s | %.1f |", name, n, seconds,
                mb(sampledPeak.get()), liveAfterGc.get() == 0 ? "no GC" : Long.toString(mb(liveAfterGc.get())),
                lastOutputBytes / (1024.0 * 1024));
        System.out.println(line);
        lastOutputBytes = 0;
        return new Measured(seconds, sampledPeak.get(), liveAfterGc.get(), line);
    }

    static final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
