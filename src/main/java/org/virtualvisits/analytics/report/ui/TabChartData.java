package org.virtualvisits.analytics.report.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.ReportTab;

/** The chart of a report tab: which daily series it plots, in which colours, on which axis. */
final class TabChartData {

    private TabChartData() {
    }

    static TimeSeriesChart.Data of(ReportTab tab, List<DailyVisits> days, Organisation organisation,
            Function<String, String> text) {
        List<String> categories = days.stream().map(d -> d.date().toString()).toList();
        List<TimeSeriesChart.Series> series = new ArrayList<>();
        String yAxis = text.apply("chart.axis.visits");
        int decimals = 0;
        switch (tab) {
            case VISITS -> {
                series.add(TimeSeriesChart.Series.line(text.apply("series.total"),
                        days.stream().map(DailyVisits::total).toList(), TimeSeriesChart.Colors.TOTAL));
                // With one licence the per-type line would lie on the Total line: only Total then.
                if (organisation.bookingsLicence() && organisation.ehrLicence()) {
                    series.add(TimeSeriesChart.Series.line(text.apply("series.bookings"),
                            days.stream().map(DailyVisits::bookings).toList(), TimeSeriesChart.Colors.BOOKINGS));
                    series.add(TimeSeriesChart.Series.line(text.apply("series.ehr"),
                            days.stream().map(DailyVisits::ehr).toList(), TimeSeriesChart.Colors.EHR));
                }
            }
            case DURATION -> {
                series.add(TimeSeriesChart.Series.line(text.apply("series.avgDuration"),
                        days.stream().map(d -> round1(d.avgDurationMinutes())).toList(), TimeSeriesChart.Colors.DURATION));
                series.add(TimeSeriesChart.Series.line(text.apply("series.avgWait"),
                        days.stream().map(d -> round1(d.avgLobbyWaitMinutes())).toList(), TimeSeriesChart.Colors.WAIT));
                yAxis = text.apply("chart.axis.minutes");
                decimals = 1;
            }
            case BOOKINGS -> series.add(TimeSeriesChart.Series.line(text.apply("series.bookings"),
                    days.stream().map(DailyVisits::bookings).toList(), TimeSeriesChart.Colors.BOOKINGS));
            case EHR -> series.add(TimeSeriesChart.Series.line(text.apply("series.ehr"),
                    days.stream().map(DailyVisits::ehr).toList(), TimeSeriesChart.Colors.EHR));
            default -> throw new IllegalStateException("No chart on " + tab);
        }
        if (days.stream().allMatch(d -> d.total() == 0)) {
            // No axis of flat zero lines (it looks like a broken chart): the chart shows the message.
            return new TimeSeriesChart.Data(List.of(), List.of(), yAxis, decimals, text.apply("report.empty"));
        }
        return new TimeSeriesChart.Data(categories, series, yAxis, decimals, "");
    }

    private static Double round1(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }
}
