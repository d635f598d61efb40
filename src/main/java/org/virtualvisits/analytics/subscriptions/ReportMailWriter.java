package org.virtualvisits.analytics.subscriptions;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.util.HtmlUtils;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.HeadlineComparison;
import org.virtualvisits.analytics.report.Headlines;
import org.virtualvisits.analytics.report.ReportRange;

/**
 * Writes the text of a subscription mail, in plain text and in HTML made for mail clients (one
 * column, inline styles, readable on a phone): the headline figures with their change against
 * the previous period, the chart, the figures by day, a link to the same view, the unsubscribe link.
 */
final class ReportMailWriter {

    /** What the mail states; the chart and the attachment are made elsewhere. */
    record Content(String title, String organisationName, Set<String> departments, ReportRange range,
            HeadlineComparison headlines, List<ChartImage.Line> lines, List<DailyVisits> days, boolean chart,
            String viewUrl, String unsubscribeUrl, String attachmentNote) {
    }

    private final SubscriptionTexts texts;
    private final NumberFormat integer;
    private final NumberFormat decimal;

    ReportMailWriter(SubscriptionTexts texts) {
        this.texts = texts;
        this.integer = NumberFormat.getIntegerInstance(texts.locale());
        this.decimal = NumberFormat.getNumberInstance(texts.locale());
        decimal.setMinimumFractionDigits(1);
        decimal.setMaximumFractionDigits(1);
    }

    static String subject(SubscriptionTexts texts, String title, ReportRange range) {
        return texts.get("mail.subject", title, RangeText.of(range, texts.locale()));
    }

    /** A figure as the mail shows it: name, value, change against the previous period. */
    record Figure(String name, String value, String change) {
    }

    List<Figure> figures(HeadlineComparison comparison, int days) {
        Headlines now = comparison.current();
        Headlines before = comparison.previous();
        NumberFormat percent = NumberFormat.getPercentInstance(texts.locale());
        percent.setMaximumFractionDigits(1);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(texts.get("kpi.visits"), integer.format(now.visits()),
                relative(HeadlineComparison.change(now.visits(), before.visits()), days)));
        figures.add(new Figure(texts.get("kpi.completed"), integer.format(now.completed()),
                relative(HeadlineComparison.change(now.completed(), before.completed()), days)));
        Double points = now.noShowRate() == null || before.noShowRate() == null ? null
                : Math.round((now.noShowRate() - before.noShowRate()) * 1000) / 10.0;
        figures.add(new Figure(texts.get("kpi.noShowRate"),
                now.noShowRate() == null ? "–" : percent.format(now.noShowRate()),
                points == null ? texts.get("mail.change.none", days)
                        : arrow(points) + texts.get("kpi.points", decimal.format(Math.abs(points))) + " "
                                + texts.get("mail.change.vsPrevious", days)));
        figures.add(new Figure(texts.get("kpi.medianWait"), waitText(now.medianLobbyWaitSeconds()),
                relative(HeadlineComparison.change(now.medianLobbyWaitSeconds(), before.medianLobbyWaitSeconds()),
                        days)));
        figures.add(new Figure(texts.get("kpi.p90Wait"), waitText(now.p90LobbyWaitSeconds()),
                relative(HeadlineComparison.change(now.p90LobbyWaitSeconds(), before.p90LobbyWaitSeconds()), days)));
        figures.add(new Figure(texts.get("kpi.longWaits", now.thresholdSeconds() / 60),
                integer.format(now.waitsOverThreshold()),
                relative(HeadlineComparison.change(now.waitsOverThreshold(), before.waitsOverThreshold()), days)));
        return figures;
    }

    private String relative(Double change, int days) {
        if (change == null) {
            return texts.get("mail.change.none", days);
        }
        NumberFormat percent = NumberFormat.getPercentInstance(texts.locale());
        percent.setMaximumFractionDigits(0);
        double shown = Math.round(change * 100) / 100.0;
        return arrow(shown) + percent.format(Math.abs(shown)) + " " + texts.get("mail.change.vsPrevious", days);
    }

    private static String arrow(double shown) {
        return shown > 0 ? "▲ +" : shown < 0 ? "▼ −" : "= ";
    }

    /** Waits as the screen writes them: "27 min 05 s", "1 h 02 min". */
    static String waitText(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.max(0, Math.round(seconds));
        if (s >= 3600) {
            return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    private String cell(Number value) {
        if (value == null) {
            return "–";
        }
        return value instanceof Double d ? decimal.format(d) : integer.format(value);
    }

    private String scopeLine(Content content) {
        return content.departments().isEmpty() ? null
                : texts.get("mail.scope.limited", String.join(", ", new TreeSet<>(content.departments())));
    }

    String text(Content content) {
        StringBuilder text = new StringBuilder();
        ReportRange range = content.range();
        text.append(texts.get("mail.greeting", content.title(), RangeText.of(range, texts.locale()),
                content.organisationName())).append("\n");
        String scope = scopeLine(content);
        if (scope != null) {
            text.append(scope).append("\n");
        }
        text.append("\n");
        for (Figure figure : figures(content.headlines(), range.dayCount())) {
            text.append(texts.get("mail.figure", figure.name(), figure.value(), figure.change())).append("\n");
        }
        text.append("\n").append(texts.get("mail.table.title")).append("\n");
        DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE;
        text.append(texts.get("mail.table.date"));
        content.lines().forEach(line -> text.append("\t").append(line.name()));
        text.append("\n");
        for (DailyVisits visits : content.days()) {
            text.append(day.format(visits.date()));
            content.lines().forEach(line -> text.append("\t").append(cell(line.value().apply(visits))));
            text.append("\n");
        }
        if (content.attachmentNote() != null) {
            text.append("\n").append(content.attachmentNote()).append("\n");
        }
        text.append("\n").append(texts.get("mail.link", texts.get("mail.open"), content.viewUrl())).append("\n\n")
                .append(texts.get("mail.footer")).append("\n")
                .append(texts.get("mail.link", texts.get("mail.unsubscribe"), content.unsubscribeUrl())).append("\n");
        return text.toString();
    }

    String html(Content content) {
        ReportRange range = content.range();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"").append(texts.locale().getLanguage()).append("\"><head>")
                .append("<meta charset=\"UTF-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("</head><body style=\"margin:0;padding:0;background:#f4f5f7;\">")
                .append("<div style=\"max-width:640px;margin:0 auto;padding:16px;background:#ffffff;")
                .append("font-family:Arial,Helvetica,sans-serif;color:#1f2933;font-size:15px;line-height:1.4;\">")
                .append("<h1 style=\"font-size:20px;margin:0 0 4px 0;\">")
                .append(escape(subject(texts, content.title(), range))).append("</h1>")
                .append("<p style=\"margin:0 0 12px 0;color:#52606d;\">")
                .append(escape(texts.get("mail.greeting", content.title(), RangeText.of(range, texts.locale()),
                        content.organisationName())));
        String scope = scopeLine(content);
        if (scope != null) {
            html.append("<br>").append(escape(scope));
        }
        html.append("</p><table role=\"presentation\" style=\"width:100%;border-collapse:collapse;\">");
        for (Figure figure : figures(content.headlines(), range.dayCount())) {
            html.append("<tr><td style=\"padding:6px 0;border-bottom:1px solid #e4e7eb;\">")
                    .append(escape(figure.name())).append("<br><span style=\"color:#52606d;font-size:13px;\">")
                    .append(escape(figure.change())).append("</span></td>")
                    .append("<td style=\"padding:6px 0;border-bottom:1px solid #e4e7eb;text-align:right;")
                    .append("font-size:20px;font-weight:bold;\">").append(escape(figure.value())).append("</td></tr>");
        }
        html.append("</table>");
        if (content.chart()) {
            html.append("<p style=\"margin:16px 0;\"><img src=\"cid:").append(ComposedMail.CHART_ID)
                    .append("\" alt=\"").append(escape(texts.get("mail.chart.alt"))).append("\" width=\"")
                    .append(ChartImage.WIDTH).append("\" style=\"width:100%;max-width:")
                    .append(ChartImage.WIDTH).append("px;height:auto;display:block;\"></p>");
        } else {
            html.append("<p style=\"margin:16px 0;color:#52606d;\">").append(escape(texts.get("report.empty")))
                    .append("</p>");
        }
        html.append("<h2 style=\"font-size:16px;margin:16px 0 6px 0;\">").append(escape(texts.get("mail.table.title")))
                .append("</h2><table style=\"width:100%;border-collapse:collapse;font-size:14px;\"><tr>")
                .append(th(texts.get("mail.table.date"), "left"));
        content.lines().forEach(line -> html.append(th(line.name(), "right")));
        html.append("</tr>");
        for (DailyVisits visits : content.days()) {
            html.append("<tr>").append(td(DateTimeFormatter.ISO_LOCAL_DATE.format(visits.date()), "left"));
            content.lines().forEach(line -> html.append(td(cell(line.value().apply(visits)), "right")));
            html.append("</tr>");
        }
        html.append("</table>");
        if (content.attachmentNote() != null) {
            html.append("<p style=\"margin:12px 0;\">").append(escape(content.attachmentNote())).append("</p>");
        }
        html.append("<p style=\"margin:20px 0;\"><a href=\"").append(escape(content.viewUrl()))
                .append("\" style=\"display:inline-block;padding:10px 16px;background:#1a5fb4;color:#ffffff;")
                .append("text-decoration:none;border-radius:4px;\">").append(escape(texts.get("mail.open")))
                .append("</a></p><p style=\"margin:20px 0 0 0;font-size:12px;color:#7b8794;\">")
                .append(escape(texts.get("mail.footer"))).append(" <a href=\"").append(escape(content.unsubscribeUrl()))
                .append("\" style=\"color:#7b8794;\">").append(escape(texts.get("mail.unsubscribe")))
                .append("</a></p></div></body></html>");
        return html.toString();
    }

    private static String th(String text, String align) {
        return "<th style=\"text-align:" + align + ";padding:4px;border-bottom:2px solid #cbd2d9;\">" + escape(text)
                + "</th>";
    }

    private static String td(String text, String align) {
        return "<td style=\"text-align:" + align + ";padding:4px;border-bottom:1px solid #e4e7eb;\">" + escape(text)
                + "</td>";
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
