package org.virtualvisits.analytics.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailException;
import org.springframework.test.util.ReflectionTestUtils;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.export.ExportFile;
import org.virtualvisits.analytics.export.ExportJob;
import org.virtualvisits.analytics.export.ExportRequest;
import org.virtualvisits.analytics.export.ExportService;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;

/** Subscription mails over real SMTP (GreenMail): their parts, chart, attachment, and who gets what at send time. */
@IntegrationTest
class SubscriptionMailTest extends SubscriptionTestSupport {

    @Autowired
    ExportService exports;
    @Autowired
    UserAccounts users;
    @Autowired
    Organisations organisations;
    @Autowired
    SubscriptionSettings settings;

    @Test
    void theMailHasTextHtmlAnInlineChartAndTheXlsxOfAManualExport() throws Exception {
        organisationWithVisits();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.XLSX,
                Locale.ENGLISH));

        assertThat(delivery.deliver(subscription.id())).isPresent();

        MimeMessage message = onlyMessage();
        ReportRange range = ReportMailComposer.range(subscription, clock.instant());
        assertThat(message.getSubject()).isEqualTo("Virtual visits — " + RangeText.of(range, Locale.ENGLISH));
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email(viewer));
        assertThat(message.getFrom()[0].toString()).isEqualTo("reports@visits.example.test");
        assertThat(structure(message)).isEqualTo("multipart/mixed[multipart/related[multipart/alternative["
                + "text/plain, text/html], image/png], "
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet]");
        List<Part> parts = leaves(message);
        String text = text(parts.get(0));
        String html = text(parts.get(1));
        Part png = parts.get(2);
        Part xlsx = parts.get(3);

        // Headline figures with their change, the table by day, the links.
        assertThat(text).contains("Visits: 5 (no visits in the previous 7 days)", "Completed: 5 (", "By day",
                "Median lobby wait: 1 min 00 s");
        assertThat(html).contains("src=\"cid:chart\"", ">5<", "Median lobby wait");
        String viewLink = "https://visits.example.test/?days=7";
        assertThat(text).contains(viewLink);
        assertThat(html).contains("href=\"" + viewLink + "\"");
        String token = new UnsubscribeTokens("test-signing-key-0123456789abcdefghijklmnop".getBytes())
                .token(subscription.id());
        assertThat(html).contains("https://visits.example.test/unsubscribe?token=" + token);
        assertThat(message.getHeader("List-Unsubscribe")[0])
                .isEqualTo("<https://visits.example.test/unsubscribe?token=" + token + ">");
        assertThat(message.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

        // The chart: an inline PNG the HTML refers to, which decodes.
        assertThat(png.getDisposition()).isEqualToIgnoringCase(Part.INLINE);
        assertThat(((jakarta.mail.internet.MimeBodyPart) png).getContentID()).isEqualTo("<chart>");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes(png)));
        assertThat(image.getWidth()).isEqualTo(ChartImage.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartImage.HEIGHT);
        assertThat(distinctColours(image)).as("a drawn chart, not a blank image").isGreaterThan(10);

        // The attachment equals the manual export of the same view by the same user.
        ExportRequest request = ReportMailComposer.exportRequest(subscription, range,
                SubscriptionTexts.of(Locale.ENGLISH));
        assertThat(xlsx.getFileName()).isEqualTo(org.virtualvisits.analytics.export.ExportFiles.fileName(request));
        byte[] manual = manualExport(viewer, request);
        assertThat(cells(bytes(xlsx))).isEqualTo(cells(manual)).isNotEmpty();
        assertThat(cells(bytes(xlsx)).stream().filter(row -> row.startsWith("Visits|")).count())
                .as("a header and one row per visit").isEqualTo(6);

        Subscription after = subscriptions.find(subscription.id()).orElseThrow();
        assertThat(after.lastSentAt()).isEqualTo(clock.instant());
        assertThat(after.nextRunAt()).isAfter(clock.instant());
        assertThat(after.lastError()).isNull();
        assertThat(auditCount("subscription.sent")).isEqualTo(1);
    }

    @Test
    void aFrenchCsvSubscriptionGetsAFrenchMailAndTheCsvOfAManualExport() throws Exception {
        organisationWithVisits();
        AppUserPrincipal viewer = user(Role.TEAMS_ADMIN, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.CSV,
                Locale.FRENCH));

        delivery.deliver(subscription.id());

        MimeMessage message = onlyMessage();
        ReportRange range = ReportMailComposer.range(subscription, clock.instant());
        SubscriptionTexts french = SubscriptionTexts.of(Locale.FRENCH);
        assertThat(message.getSubject()).isEqualTo(french.get("report.tab.visits") + " — "
                + RangeText.of(range, Locale.FRENCH));
        List<Part> parts = leaves(message);
        assertThat(text(parts.get(0))).contains("Visites : 5 (aucune visite sur les 7 jours précédents)",
                "Se désabonner");
        Part csv = parts.get(3);
        assertThat(csv.getContentType()).startsWith("text/csv");
        ExportRequest request = ReportMailComposer.exportRequest(subscription, range, french);
        TestFixture.signIn(viewer);
        ExportJob job = exports.start(request, Locale.FRENCH);
        TestFixture.signOut();
        assertThat(bytes(csv)).isEqualTo(download(viewer, job.id()));
    }

    @Test
    void aDepartmentLimitedViewerGetsOnlyTheirDepartmentsAndAChangeCountsAtTheNextSend() throws Exception {
        organisationWithVisits();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of("Oncology"));
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.XLSX,
                Locale.ENGLISH));

        delivery.deliver(subscription.id());
        MimeMessage limited = onlyMessage();
        List<Part> parts = leaves(limited);
        assertThat(text(parts.get(0))).contains("Visits: 2 (", "Departments: Oncology");
        List<String> rows = cells(bytes(parts.get(3)));
        assertThat(rows.stream().filter(row -> row.startsWith("Visits|")).skip(1)).hasSize(2)
                .allMatch(row -> row.endsWith("|Oncology"));

        // An administrator widens the viewer to every department: the next mail shows all five.
        users.update(organisation.id(), viewer.userId(), viewer.displayName(), Role.REPORT_VIEWER, Set.of());
        delivery.deliver(subscription.id());
        MimeMessage wide = greenMail.getReceivedMessages()[1];
        assertThat(text(leaves(wide).get(0))).contains("Visits: 5 (").doesNotContain("Departments:");
    }

    @Test
    void aDisabledUserGetsNothingAndTheSubscriptionSaysWhy() {
        organisationWithVisits();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        users.setEnabled(organisation.id(), viewer.userId(), false);

        assertThat(delivery.deliver(subscription.id())).as("the schedule goes on").isPresent();

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        Subscription after = subscriptions.find(subscription.id()).orElseThrow();
        assertThat(after.lastError()).isEqualTo(SubscriptionDelivery.USER_DISABLED);
        assertThat(after.lastSentAt()).isNull();
        assertThat(auditCount("subscription.skipped")).isEqualTo(1);
    }

    @Test
    void withAnalyticsOffTheMailIsAShortNote() throws Exception {
        organisationWithVisits();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.XLSX,
                Locale.ENGLISH));
        organisations.setAnalyticsEnabled(organisation.id(), false);

        delivery.deliver(subscription.id());

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).startsWith("Virtual visits analytics is off — ");
        assertThat(structure(message)).isEqualTo("multipart/mixed[multipart/related[multipart/alternative["
                + "text/plain, text/html]]]");
        assertThat(text(leaves(message).get(0))).contains("switched off for " + organisation.name())
                .doesNotContain("Visits:");
    }

    @Test
    void aMailServerFailureIsRecordedAndAuditedAndTheSendFails() {
        organisationWithVisits();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        greenMail.stop();

        assertThatThrownBy(() -> delivery.deliver(subscription.id())).isInstanceOf(MailException.class);

        Subscription after = subscriptions.find(subscription.id()).orElseThrow();
        assertThat(after.lastError()).startsWith(SubscriptionDelivery.SMTP + "|");
        assertThat(after.lastSentAt()).isNull();
        assertThat(auditCount("subscription.failed")).isEqualTo(1);
    }

    @Test
    void withoutSpringMailHostSubscriptionsAreKeptButNothingIsSent() {
        organisationWithVisits();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        ReflectionTestUtils.setField(settings, "mailConfigured", false);
        try {
            assertThat(delivery.deliver(subscription.id())).as("the schedule goes on").isPresent();
        } finally {
            ReflectionTestUtils.setField(settings, "mailConfigured", true);
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(subscriptions.find(subscription.id()).orElseThrow().lastError())
                .isEqualTo(SubscriptionDelivery.MAIL_OFF);
        assertThat(new SubscriptionSettings("a@b.c", "http://x", "", " ", 1).mailConfigured()).isFalse();
        assertThat(new SubscriptionSettings("a@b.c", "http://x", "k".repeat(32), "smtp.example.org", 1).mailConfigured())
                .isTrue();
    }

    @Test
    void aPausedOrDeletedSubscriptionEndsItsExecution() {
        organisationWithVisits();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        TestFixture.signIn(viewer);
        service.setPaused(subscription.id(), true);
        TestFixture.signOut();

        assertThat(delivery.deliver(subscription.id())).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private byte[] manualExport(AppUserPrincipal user, ExportRequest request) throws Exception {
        TestFixture.signIn(user);
        ExportJob job = exports.start(request, Locale.ENGLISH);
        TestFixture.signOut();
        return download(user, job.id());
    }

    private byte[] download(AppUserPrincipal user, long jobId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        TestFixture.signIn(user);
        try {
            while (!exports.job(jobId).orElseThrow().status().finished()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("export " + jobId + " did not finish");
                }
                Thread.sleep(50);
            }
            ExportFile file = exports.file(jobId);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            file.writeTo(out);
            return out.toByteArray();
        } finally {
            TestFixture.signOut();
        }
    }

    /** Every row of every sheet as "sheet|cell|cell...", values as Excel shows them. */
    static List<String> cells(byte[] xlsx) throws Exception {
        List<String> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    StringBuilder line = new StringBuilder(sheet.getSheetName());
                    for (Cell cell : row) {
                        line.append('|').append(formatter.formatCellValue(cell));
                    }
                    rows.add(line.toString());
                }
            }
        }
        return rows;
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
