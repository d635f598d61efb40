package org.virtualvisits.analytics.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.report.ReportRange;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.report.ui.ReportState;
import org.virtualvisits.analytics.report.ui.TimeSeriesChart;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.VisitStatus;

/** The relative ranges, the subject's range text, the link back to the view, the unsubscribe token. */
class RangesAndLinksTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** A Monday. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

    @Test
    void relativeRanges() {
        assertThat(RelativeRange.LAST_7_DAYS.range(MONDAY, PARIS))
                .isEqualTo(new ReportRange(LocalDate.of(2026, 11, 24), MONDAY, PARIS));
        assertThat(RelativeRange.LAST_90_DAYS.range(MONDAY, PARIS).dayCount()).isEqualTo(90);
        assertThat(RelativeRange.PREVIOUS_WEEK.range(MONDAY, PARIS))
                .isEqualTo(new ReportRange(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29), PARIS));
        assertThat(RelativeRange.PREVIOUS_WEEK.range(LocalDate.of(2026, 11, 29), PARIS))
                .as("on a Sunday, the week before the current one")
                .isEqualTo(new ReportRange(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22), PARIS));
        assertThat(RelativeRange.PREVIOUS_MONTH.range(LocalDate.of(2026, 3, 1), PARIS))
                .isEqualTo(new ReportRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), PARIS));
        assertThat(RelativeRange.PREVIOUS_MONTH.range(LocalDate.of(2026, 1, 15), PARIS))
                .isEqualTo(new ReportRange(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31), PARIS));
    }

    @Test
    void theDialogStartsFromTheScreensPreset() {
        assertThat(RelativeRange.closestTo(7)).isEqualTo(RelativeRange.LAST_7_DAYS);
        assertThat(RelativeRange.closestTo(30)).isEqualTo(RelativeRange.LAST_30_DAYS);
        assertThat(RelativeRange.closestTo(90)).isEqualTo(RelativeRange.LAST_90_DAYS);
        assertThat(RelativeRange.closestTo(12)).isEqualTo(RelativeRange.LAST_7_DAYS);
    }

    @Test
    void rangeTextAsInTheSubject() {
        assertThat(RangeText.of(new ReportRange(LocalDate.of(2026, 11, 24), MONDAY, PARIS), Locale.ENGLISH))
                .isEqualTo("24–30 Nov 2026");
        assertThat(RangeText.of(new ReportRange(LocalDate.of(2026, 10, 27), LocalDate.of(2026, 11, 2), PARIS),
                Locale.ENGLISH)).isEqualTo("27 Oct – 2 Nov 2026");
        assertThat(RangeText.of(new ReportRange(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 4), PARIS),
                Locale.ENGLISH)).isEqualTo("29 Dec 2025 – 4 Jan 2026");
        assertThat(RangeText.of(new ReportRange(MONDAY, MONDAY, PARIS), Locale.ENGLISH)).isEqualTo("30 Nov 2026");
        assertThat(RangeText.of(new ReportRange(LocalDate.of(2026, 11, 24), MONDAY, PARIS), Locale.FRENCH))
                .isEqualTo("24–30 nov. 2026");
        assertThat(ReportMailWriter.subject(SubscriptionTexts.of(Locale.ENGLISH), "Virtual visits",
                new ReportRange(LocalDate.of(2026, 11, 24), MONDAY, PARIS))).isEqualTo("Virtual visits — 24–30 Nov 2026");
    }

    @Test
    void theLinkOpensTheSameViewInTheReport() {
        SubscribedView view = new SubscribedView(ReportTab.BOOKINGS, "Cardiology & Co", AppointmentKind.SCHEDULED,
                VisitStatus.NO_SHOW, List.of(VisitColumn.MEETING_ID), VisitSort.LOBBY_WAIT, true);
        ReportRange week = RelativeRange.PREVIOUS_WEEK.range(MONDAY, PARIS);
        var parameters = ViewLink.parameters(view, RelativeRange.PREVIOUS_WEEK, week);
        ReportState state = ReportState.fromParameters(parameters);
        assertThat(state.problems()).isEmpty();
        assertThat(state.range(MONDAY)).isEqualTo(week);
        assertThat(state.tab()).isEqualTo(ReportTab.BOOKINGS);
        assertThat(state.filter()).isEqualTo(view.tabFilter());
        assertThat(state.sort()).isEqualTo(VisitColumn.LOBBY_WAIT);
        assertThat(state.descending()).isTrue();

        ReportState rolling = ReportState.fromParameters(ViewLink.parameters(view, RelativeRange.LAST_30_DAYS,
                RelativeRange.LAST_30_DAYS.range(MONDAY, PARIS)));
        assertThat(rolling.days()).isEqualTo(30);
        assertThat(ViewLink.of("https://visits.example.org/", view, RelativeRange.LAST_30_DAYS, week))
                .startsWith("https://visits.example.org/?days=30&tz=Europe/Paris&department=Cardiology%20%26%20Co");
    }

    @Test
    void unsubscribeTokensAreSignedAndBoundToTheirSubscription() {
        UnsubscribeTokens tokens = new UnsubscribeTokens("a key of thirty-two bytes or so..".getBytes());
        String token = tokens.token(42);
        assertThat(tokens.verify(token)).isEqualTo(OptionalLong.of(42));
        String otherId = "43" + token.substring(2);
        assertThat(tokens.verify(otherId)).isEmpty();
        char last = token.charAt(token.length() - 1);
        assertThat(tokens.verify(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(new UnsubscribeTokens("another key, also long enough....".getBytes()).verify(token)).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("42")).isEmpty();
        assertThat(tokens.verify("042." + token.substring(3))).isEmpty();
        assertThat(tokens.verify("x.y")).isEmpty();
    }

    @Test
    void theMailChartHasTheScreensColours() {
        assertThat(List.of(ChartImage.Colours.TOTAL, ChartImage.Colours.BOOKINGS, ChartImage.Colours.EHR,
                ChartImage.Colours.DURATION, ChartImage.Colours.WAIT)).containsExactly(TimeSeriesChart.Colors.TOTAL,
                TimeSeriesChart.Colors.BOOKINGS, TimeSeriesChart.Colors.EHR, TimeSeriesChart.Colors.DURATION,
                TimeSeriesChart.Colors.WAIT);
    }

    @Test
    void mailAddressesAreOneBareAddress() {
        assertThat(MailAddresses.checked(" ann@example.org ")).isEqualTo("ann@example.org");
        for (String bad : new String[] {"", "ann", "Ann <ann@example.org>", "a@b.org, c@d.org", "ann@example.org\r\nBcc: x@y.z"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> MailAddresses.checked(bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(MailAddresses.guess("report-viewer-1")).isEmpty();
    }
}
