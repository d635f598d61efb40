package org.virtualvisits.analytics.subscriptions;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.virtualvisits.analytics.report.ReportRange;

/** A range of days as a person writes it: "30 Nov 2026", "24–30 Nov 2026", "27 Oct – 2 Nov 2026". */
final class RangeText {

    private RangeText() {
    }

    static String of(ReportRange range, Locale locale) {
        DateTimeFormatter full = DateTimeFormatter.ofPattern("d MMM yyyy", locale);
        if (range.from().equals(range.to())) {
            return full.format(range.to());
        }
        if (range.from().getYear() != range.to().getYear()) {
            return full.format(range.from()) + " – " + full.format(range.to());
        }
        if (range.from().getMonth() != range.to().getMonth()) {
            return DateTimeFormatter.ofPattern("d MMM", locale).format(range.from()) + " – " + full.format(range.to());
        }
        return range.from().getDayOfMonth() + "–" + full.format(range.to());
    }
}
