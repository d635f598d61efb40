package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import java.util.List;

/**
 * The chart's figures as a table, folded under the chart: for screen readers (a canvas or SVG
 * line says nothing to them), for keyboard users, and for anyone who wants the exact numbers.
 */
class ChartDataTable extends Details {

    private final Div holder = new Div();

    ChartDataTable() {
        setId("chart-data");
        setSummaryText(getTranslation("chart.table"));
        holder.addClassName("vva-chart-table");
        holder.getStyle().set("overflow-x", "auto").set("max-height", "320px").set("overflow-y", "auto");
        add(holder);
    }

    void show(TimeSeriesChart.Data data, String caption) {
        holder.getElement().removeAllChildren();
        Element table = new Element("table");
        table.getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
        table.appendChild(new Element("caption").setText(caption));
        Element head = new Element("tr");
        head.appendChild(headerCell("col", getTranslation("chart.table.date")));
        for (TimeSeriesChart.Series series : data.series()) {
            head.appendChild(headerCell("col", series.name()));
        }
        table.appendChild(new Element("thead").appendChild(head));
        Element body = new Element("tbody");
        List<String> days = data.categories();
        for (int d = 0; d < days.size(); d++) {
            Element row = new Element("tr");
            row.appendChild(headerCell("row", days.get(d)));
            for (TimeSeriesChart.Series series : data.series()) {
                Number value = series.data().get(d);
                Element cell = new Element("td").setText(value == null ? "–" : value.toString());
                cell.getStyle().set("text-align", "end").set("padding", "0 var(--lumo-space-s)");
                row.appendChild(cell);
            }
            body.appendChild(row);
        }
        table.appendChild(body);
        holder.getElement().appendChild(table);
        setVisible(!days.isEmpty());
    }

    /** The table shown (for tests). */
    Element table() {
        return holder.getElement().getChild(0);
    }

    private static Element headerCell(String scope, String text) {
        Element cell = new Element("th").setText(text);
        cell.setAttribute("scope", scope);
        cell.getStyle().set("text-align", "start").set("padding", "0 var(--lumo-space-s)");
        return cell;
    }
}
