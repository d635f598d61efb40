package org.virtualvisits.analytics.report.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import elemental.json.Json;
import java.util.List;

/**
 * Server-side handle of the {@code <vva-chart>} web component (frontend/components/vva-chart.ts,
 * Apache ECharts). The view hands it categories and series; everything interactive (tooltip,
 * legend toggling) happens in the browser.
 */
@Tag("vva-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/vva-chart.ts")
public class TimeSeriesChart extends Component implements HasSize {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Series(String name, List<? extends Number> data, String kind, String color) {
        public static Series line(String name, List<? extends Number> data, String color) {
            return new Series(name, data, "line", color);
        }
    }

    /** One colour per measure, the same on every tab. */
    public static final class Colors {
        public static final String TOTAL = "#1a5fb4";
        public static final String BOOKINGS = "#26a269";
        public static final String EHR = "#9141ac";
        public static final String DURATION = "#1a5fb4";
        public static final String WAIT = "#e66100";

        private Colors() {
        }
    }

    /** What the browser receives; field names match the TypeScript {@code ChartData}. */
    public record Data(List<String> categories, List<Series> series, String yAxisName, int decimals,
            String emptyText) {
    }

    private Data data;

    public TimeSeriesChart() {
        addClassName("vva-chart");
    }

    public void setData(Data data) {
        this.data = data;
        try {
            getElement().setPropertyJson("data", Json.parse(JSON.writeValueAsString(data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chart data not serialisable", e);
        }
    }

    /** The data last sent to the browser (for tests and for exports that follow the screen). */
    public Data getData() {
        return data;
    }
}
