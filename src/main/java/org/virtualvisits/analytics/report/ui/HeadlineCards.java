package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.text.NumberFormat;
import java.util.Locale;
import org.virtualvisits.analytics.report.HeadlineComparison;
import org.virtualvisits.analytics.report.Headlines;

/**
 * The headline figures above the tabs, each with its change against the previous period of
 * the same length. For the no-show rate and waits, up is bad and shown so.
 */
class HeadlineCards extends Composite<Div> {

    HeadlineCards() {
        getContent().addClassName("vva-headlines");
        getContent().setId("headlines");
    }

    void show(HeadlineComparison comparison, int days) {
        Div content = getContent();
        content.removeAll();
        Headlines now = comparison.current();
        Headlines before = comparison.previous();
        Locale locale = getLocale();
        NumberFormat integer = NumberFormat.getIntegerInstance(locale);
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMaximumFractionDigits(1);

        content.add(card("visits", getTranslation("kpi.visits"), integer.format(now.visits()),
                HeadlineComparison.change(now.visits(), before.visits()), false, days));
        content.add(card("completed", getTranslation("kpi.completed"), integer.format(now.completed()),
                HeadlineComparison.change(now.completed(), before.completed()), false, days));
        content.add(rateCard("no-show-rate", getTranslation("kpi.noShowRate"),
                now.noShowRate() == null ? "–" : percent.format(now.noShowRate()),
                now.noShowRate() == null || before.noShowRate() == null ? null
                        : (now.noShowRate() - before.noShowRate()) * 100, days));
        content.add(card("median-wait", getTranslation("kpi.medianWait"),
                waitText(now.medianLobbyWaitSeconds()),
                HeadlineComparison.change(now.medianLobbyWaitSeconds(), before.medianLobbyWaitSeconds()), true, days));
        content.add(card("p90-wait", getTranslation("kpi.p90Wait"), waitText(now.p90LobbyWaitSeconds()),
                HeadlineComparison.change(now.p90LobbyWaitSeconds(), before.p90LobbyWaitSeconds()), true, days));
        // Visits read from Teams attendance reports have no lobby data (issue 16): say so where waits are shown.
        content.getChildren().filter(c -> c.getId().filter(i -> i.endsWith("-wait")).isPresent())
                .forEach(c -> c.getElement().setAttribute("title", getTranslation("kpi.wait.help")));
        content.add(card("long-waits",
                getTranslation("kpi.longWaits", now.thresholdSeconds() / 60), integer.format(now.waitsOverThreshold()),
                HeadlineComparison.change(now.waitsOverThreshold(), before.waitsOverThreshold()), true, days));
    }

    private static String waitText(Double seconds) {
        return seconds == null ? "–" : DurationText.of(Math.round(seconds));
    }

    /** A count or a wait: its change relative to the previous period, in whole percents. */
    private Div card(String id, String label, String value, Double change, boolean upIsBad, int days) {
        NumberFormat percent = NumberFormat.getPercentInstance(getLocale());
        percent.setMaximumFractionDigits(0);
        // What the reader sees decides the arrow and colour: a change shown as 0 % is no change.
        Double shown = change == null ? null : Math.round(change * 100) / 100.0;
        return card(id, label, value, shown, shown == null ? null : percent.format(Math.abs(shown)), upIsBad, days);
    }

    /**
     * A rate (the no-show rate): its change in percentage points, since a relative change of a rate
     * ("-8 %" for 10 % to 9.2 %) reads as something else.
     */
    private Div rateCard(String id, String label, String value, Double points, int days) {
        NumberFormat decimal = NumberFormat.getNumberInstance(getLocale());
        decimal.setMinimumFractionDigits(1);
        decimal.setMaximumFractionDigits(1);
        Double shown = points == null ? null : Math.round(points * 10) / 10.0;
        return card(id, label, value, shown,
                shown == null ? null : getTranslation("kpi.points", decimal.format(Math.abs(shown))), true, days);
    }

    private Div card(String id, String label, String value, Double shown, String amount, boolean upIsBad, int days) {
        Span labelSpan = new Span(label);
        labelSpan.addClassName("vva-kpi-label");
        Span valueSpan = new Span(value);
        valueSpan.addClassName("vva-kpi-value");
        Span changeSpan = new Span(shown == null ? getTranslation("kpi.noComparison", days)
                : (shown > 0 ? "▲ +" : shown < 0 ? "▼ −" : "= ") + amount + " "
                        + getTranslation("kpi.vsPrevious", days));
        changeSpan.addClassName("vva-kpi-change");
        if (shown != null && shown != 0) {
            boolean bad = (shown > 0) == upIsBad;
            changeSpan.addClassName(bad ? "vva-worse" : "vva-better");
        }
        Div card = new Div(labelSpan, valueSpan, changeSpan);
        card.addClassName("vva-kpi");
        card.setId("kpi-" + id);
        return card;
    }
}
