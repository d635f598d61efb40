package org.virtualvisits.analytics.subscriptions;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.function.Function;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.report.DailyVisits;
import org.virtualvisits.analytics.report.ReportTab;

/**
 * The chart of a report tab as a PNG for a mail, drawn on the server with JFreeChart: the same
 * series in the same colours as the tab's chart on screen (report.ui.TabChartData and
 * TimeSeriesChart.Colors, which a test compares with {@link #Colours}).
 */
final class ChartImage {

    static final int WIDTH = 640;
    static final int HEIGHT = 300;

    /** The screen's colours by measure (TimeSeriesChart.Colors). */
    static final class Colours {
        static final String TOTAL = "#1a5fb4";
        static final String BOOKINGS = "#26a269";
        static final String EHR = "#9141ac";
        static final String DURATION = "#1a5fb4";
        static final String WAIT = "#e66100";

        private Colours() {
        }
    }

    /** One plotted line. */
    record Line(String name, String colour, Function<DailyVisits, Number> value) {
    }

    private ChartImage() {
    }

    /** The lines the tab plots, as on screen. */
    static List<Line> lines(ReportTab tab, Organisation organisation, Function<String, String> text) {
        List<Line> lines = new ArrayList<>();
        switch (tab) {
            case VISITS -> {
                lines.add(new Line(text.apply("series.total"), Colours.TOTAL, DailyVisits::total));
                // With one licence the per-type line would lie on the Total line: only Total then.
                if (organisation.bookingsLicence() && organisation.ehrLicence()) {
                    lines.add(new Line(text.apply("series.bookings"), Colours.BOOKINGS, DailyVisits::bookings));
                    lines.add(new Line(text.apply("series.ehr"), Colours.EHR, DailyVisits::ehr));
                }
            }
            case DURATION -> {
                lines.add(new Line(text.apply("series.avgDuration"), Colours.DURATION,
                        d -> round1(d.avgDurationMinutes())));
                lines.add(new Line(text.apply("series.avgWait"), Colours.WAIT, d -> round1(d.avgLobbyWaitMinutes())));
            }
            case BOOKINGS -> lines.add(new Line(text.apply("series.bookings"), Colours.BOOKINGS, DailyVisits::bookings));
            case EHR -> lines.add(new Line(text.apply("series.ehr"), Colours.EHR, DailyVisits::ehr));
            default -> throw new IllegalArgumentException("No chart on " + tab);
        }
        return lines;
    }

    /** The PNG of the lines over the days. */
    static byte[] png(List<Line> lines, List<DailyVisits> days, String yAxisName) {
        TimeSeriesCollection dataset = new TimeSeriesCollection(TimeZone.getTimeZone("UTC"));
        for (Line line : lines) {
            TimeSeries series = new TimeSeries(line.name());
            for (DailyVisits day : days) {
                java.util.Date midnight = java.util.Date.from(day.date().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
                series.add(new Day(midnight, TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT),
                        line.value().apply(day));
            }
            dataset.addSeries(series);
        }
        DateAxis dates = new DateAxis();
        dates.setTimeZone(TimeZone.getTimeZone("UTC"));
        SimpleDateFormat format = new SimpleDateFormat("d/M");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        dates.setDateFormatOverride(format);
        NumberAxis values = new NumberAxis(yAxisName);
        values.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, days.size() <= 31);
        // Round points on every line, as on screen (JFreeChart would vary the shape by series).
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, Color.decode(lines.get(i).colour()));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        XYPlot plot = new XYPlot(dataset, dates, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setDomainGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The y axis: visits, or minutes on the Duration tab. */
    static String yAxisKey(ReportTab tab) {
        return tab == ReportTab.DURATION ? "chart.axis.minutes" : "chart.axis.visits";
    }

    private static Double round1(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }
}
