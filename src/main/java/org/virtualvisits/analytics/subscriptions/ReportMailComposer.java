package org.virtualvisits.analytics.subscriptions;

import java.io.ByteArrayOutputStream;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;
import org.virtualvisits.analytics.export.ExportFiles;
import org.virtualvisits.analytics.export.ExportFormat;
import org.virtualvisits.analytics.export.ExportRequest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.HeadlineComparison;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportReader;
import org.virtualvisits.analytics.report.VisitScope;
import org.virtualvisits.analytics.security.AppUserPrincipal;

/**
 * Puts a subscription mail together for its subscriber as they are now: the report's figures in
 * their scope, the chart, and the attachment written by the export feature exactly as a manual
 * export of the same view. With analytics switched off, a short note instead.
 */
@Component
class ReportMailComposer {

    private final ReportReader reports;
    private final ExportFiles exports;
    private final SubscriptionSettings settings;
    private final UnsubscribeTokens tokens;

    ReportMailComposer(ReportReader reports, ExportFiles exports, SubscriptionSettings settings) {
        this.reports = reports;
        this.exports = exports;
        this.settings = settings;
        this.tokens = new UnsubscribeTokens(settings.signingKey());
    }

    UnsubscribeTokens tokens() {
        return tokens;
    }

    String unsubscribeUrl(long subscriptionId) {
        return settings.publicUrl() + "/unsubscribe?token=" + tokens.token(subscriptionId);
    }

    /** The range a mail sent at {@code at} covers. */
    static ReportRange range(Subscription subscription, Instant at) {
        ZoneId zone = subscription.schedule().zone();
        return subscription.range().range(LocalDate.ofInstant(at, zone), zone);
    }

    /** The export a mail attaches, for the subscriber's language; null when the subscription attaches none. */
    static ExportRequest exportRequest(Subscription subscription, ReportRange range, SubscriptionTexts texts) {
        ExportFormat format = subscription.attachment().exportFormat().orElse(null);
        if (format == null) {
            return null;
        }
        SubscribedView view = subscription.view();
        return new ExportRequest(format, texts.get(view.tab().titleKey()), range, view.tabFilter(), view.columns(),
                view.sort(), view.descending());
    }

    ComposedMail compose(Subscription subscription, AppUserPrincipal user, Organisation organisation, Instant now) {
        SubscriptionTexts texts = SubscriptionTexts.of(subscription.language());
        ReportRange range = range(subscription, now);
        SubscribedView view = subscription.view();
        String title = texts.get(view.tab().titleKey());
        String unsubscribeUrl = unsubscribeUrl(subscription.id());
        if (!organisation.analyticsEnabled()) {
            return analyticsOff(texts, organisation, range, unsubscribeUrl);
        }
        VisitScope scope = new VisitScope(user.organisationId(), user.departments());
        HeadlineComparison headlines = reports.headlines(scope, range, view.headlineFilter());
        List<DailyVisits> days = reports.dailySeries(scope, range, view.tabFilter());
        List<ChartImage.Line> lines = ChartImage.lines(view.tab(), organisation, texts::get);
        boolean anyVisits = days.stream().anyMatch(d -> d.total() > 0);
        byte[] chart = anyVisits ? ChartImage.png(lines, days, texts.get(ChartImage.yAxisKey(view.tab()))) : null;

        ComposedMail.MailFile attachment = null;
        String attachmentNote = null;
        ExportRequest request = exportRequest(subscription, range, texts);
        if (request != null) {
            long rows = exports.count(request, scope);
            if (rows > settings.maxAttachmentRows()) {
                NumberFormat integer = NumberFormat.getIntegerInstance(texts.locale());
                attachmentNote = texts.get("mail.attachment.tooLarge", integer.format(rows),
                        integer.format(settings.maxAttachmentRows()));
            } else {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                exports.write(request, scope, user.username(), texts.locale(), out);
                attachment = new ComposedMail.MailFile(ExportFiles.fileName(request),
                        request.format().contentType(), out.toByteArray());
                attachmentNote = texts.get("mail.attachment.note");
            }
        }
        String viewUrl = ViewLink.of(settings.publicUrl(), view, subscription.range(), range);
        ReportMailWriter writer = new ReportMailWriter(texts);
        ReportMailWriter.Content content = new ReportMailWriter.Content(title, organisation.name(),
                user.departments(), range, headlines, lines, days, chart != null, viewUrl, unsubscribeUrl,
                attachmentNote);
        return new ComposedMail(ReportMailWriter.subject(texts, title, range), writer.text(content),
                writer.html(content), chart, attachment);
    }

    private static ComposedMail analyticsOff(SubscriptionTexts texts, Organisation organisation, ReportRange range,
            String unsubscribeUrl) {
        String subject = texts.get("mail.analyticsOff.subject", RangeText.of(range, texts.locale()));
        String body = texts.get("mail.analyticsOff.body", organisation.name());
        String text = body + "\n\n" + texts.get("mail.footer") + "\n"
                + texts.get("mail.link", texts.get("mail.unsubscribe"), unsubscribeUrl) + "\n";
        String html = "<!DOCTYPE html><html lang=\"" + texts.locale().getLanguage() + "\"><head><meta charset=\"UTF-8\">"
                + "</head><body style=\"font-family:Arial,Helvetica,sans-serif;\"><p>"
                + ReportMailWriter.escape(body) + "</p><p style=\"font-size:12px;color:#7b8794;\">"
                + ReportMailWriter.escape(texts.get("mail.footer")) + " <a href=\""
                + ReportMailWriter.escape(unsubscribeUrl) + "\">" + ReportMailWriter.escape(texts.get("mail.unsubscribe"))
                + "</a></p></body></html>";
        return new ComposedMail(subject, text, html, null, null);
    }
}
