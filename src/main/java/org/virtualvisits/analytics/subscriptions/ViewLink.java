package org.virtualvisits.analytics.subscriptions;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitSort;

/**
 * The link of a mail that opens the same view in the app: the report's route with the query
 * parameters the report reads (report.ui.ReportState): {@code days} for a rolling range (it opens
 * on today's), {@code from}/{@code to} for a calendar one (the mailed days), {@code tz},
 * the filters, {@code tab}, {@code sort} and {@code order}.
 */
final class ViewLink {

    private ViewLink() {
    }

    static Map<String, String> parameters(SubscribedView view, RelativeRange relative, ReportRange range) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (relative.presetDays() != null) {
            parameters.put("days", relative.presetDays().toString());
        } else {
            parameters.put("from", range.from().toString());
            parameters.put("to", range.to().toString());
        }
        if (!ZoneOffset.UTC.equals(range.zone().normalized())) {
            parameters.put("tz", range.zone().getId());
        }
        if (view.department() != null) {
            parameters.put("department", view.department());
        }
        if (view.appointmentKind() != null) {
            parameters.put("kind", view.appointmentKind().name());
        }
        if (view.status() != null) {
            parameters.put("status", view.status().name());
        }
        if (view.tab() != ReportTab.VISITS) {
            parameters.put("tab", view.tab().urlName());
        }
        if (view.sort() != VisitSort.START_TIME || view.descending()) {
            for (VisitColumn column : VisitColumn.values()) {
                if (column.sort() == view.sort()) {
                    parameters.put("sort", column.name().toLowerCase());
                    break;
                }
            }
            if (view.descending()) {
                parameters.put("order", "desc");
            }
        }
        return parameters;
    }

    /** {@code publicUrl} + the report's route + the parameters, encoded. */
    static String of(String publicUrl, SubscribedView view, RelativeRange relative, ReportRange range) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(stripSlash(publicUrl) + "/");
        parameters(view, relative, range).forEach(builder::queryParam);
        return builder.encode().build().toUriString();
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
