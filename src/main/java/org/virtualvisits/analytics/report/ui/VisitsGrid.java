package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.shared.Tooltip;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.LitRenderer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;
import org.virtualvisits.analytics.report.VisitColumn;
import org.virtualvisits.analytics.report.VisitSort;
import org.virtualvisits.analytics.visits.Visit;

/**
 * One row per visit, lazily paged from the database (only the rows on screen are fetched),
 * sortable on every column, with the columns the user chose.
 */
class VisitsGrid extends Composite<Grid<Visit>> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Fetches a page in the given order. */
    interface PageSource {
        List<Visit> fetch(VisitSort sort, boolean descending, int offset, int limit);
    }

    /** What a phone shows of a visit: when, how it went, how long (the other columns are hidden there). */
    static final List<VisitColumn> KEY_COLUMNS = List.of(VisitColumn.START_TIME, VisitColumn.STATUS,
            VisitColumn.DURATION);

    private final Grid<Visit> grid = new Grid<>(Visit.class, false);
    private boolean narrow;

    VisitsGrid() {
        grid.setId("visits-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setMultiSort(false);
        grid.setPageSize(100);
        grid.setEmptyStateText(getTranslation("report.grid.empty"));
        grid.setHeight("520px");
    }

    @Override
    protected Grid<Visit> initContent() {
        return grid;
    }

    Grid<Visit> grid() {
        return grid;
    }

    /**
     * The column's header; where a language's label is too long for a column ("Temps d'attente en
     * salle d'attente"), a short one ({@code <key>.short}) with the full label as its tooltip.
     */
    private Grid.Column<Visit> withHeader(Grid.Column<Visit> column, VisitColumn which) {
        String full = getTranslation(which.headerKey());
        String shortLabel = getTranslation(which.headerKey() + ".short");
        if (shortLabel.equals(full) || shortLabel.startsWith("!")) {
            return column.setHeader(full);
        }
        Span header = new Span(shortLabel);
        header.setId("header-" + which.name());
        Tooltip.forComponent(header).setText(full);
        return column.setHeader(header);
    }

    /**
     * On a narrow screen only the key columns the user shows (or, choosing none of them, their first
     * three); everything again on a wide one. The columns are only hidden: sort and choice stay.
     */
    void setNarrow(boolean narrow) {
        this.narrow = narrow;
        grid.setHeight(narrow ? "60vh" : "520px");
        showColumnsFor(narrow);
    }

    private void showColumnsFor(boolean narrow) {
        List<Grid.Column<Visit>> all = grid.getColumns();
        boolean anyKey = all.stream().anyMatch(c -> KEY_COLUMNS.contains(VisitColumn.valueOf(c.getKey())));
        for (int i = 0; i < all.size(); i++) {
            Grid.Column<Visit> column = all.get(i);
            boolean key = anyKey ? KEY_COLUMNS.contains(VisitColumn.valueOf(column.getKey())) : i < 3;
            column.setVisible(!narrow || key);
        }
    }

    /** True while {@link #configure} rebuilds the columns, whose sort events are not the user's. */
    private boolean configuring;

    /**
     * Builds the columns anew (zone, threshold and choice may have changed) and sorts by
     * {@code sort} (null: the default order) if that column is shown.
     */
    void configure(List<VisitColumn> columns, ZoneId zone, int thresholdSeconds, VisitColumn sort,
            boolean descending) {
        configuring = true;
        grid.removeAllColumns();
        for (VisitColumn column : columns) {
            Grid.Column<Visit> c = switch (column) {
                case START_TIME -> grid.addColumn(v -> TIME.format(v.startTime().atZone(zone)))
                        .setHeader(getTranslation("col.startTimeIn", ReportState.zoneName(zone))).setAutoWidth(true);
                case MEETING_ID -> grid.addColumn(Visit::meetingId).setHeader(getTranslation(column.headerKey()))
                        .setAutoWidth(true).setFlexGrow(2);
                case LOBBY_WAIT -> withHeader(grid.addColumn(v -> DurationText.of(v.lobbyWaitSeconds())), column)
                        .setTextAlign(ColumnTextAlign.END)
                        .setAutoWidth(true)
                        .setPartNameGenerator(v -> v.lobbyWaitSeconds() != null
                                && v.lobbyWaitSeconds() > thresholdSeconds ? "long-wait" : null);
                case DURATION -> grid.addColumn(v -> DurationText.of(v.durationSeconds()))
                        .setHeader(getTranslation(column.headerKey())).setTextAlign(ColumnTextAlign.END)
                        .setAutoWidth(true);
                case STATUS -> grid.addColumn(LitRenderer.<Visit>of(
                                "<span theme=\"badge ${item.theme}\">${item.label}</span>")
                                .withProperty("theme", v -> switch (v.status()) {
                                    case COMPLETED -> "success";
                                    case NO_SHOW -> "error";
                                    case ABANDONED -> "warning";
                                    case IN_PROGRESS -> "contrast";
                                })
                                .withProperty("label", v -> getTranslation("status." + v.status().name())))
                        .setHeader(getTranslation(column.headerKey())).setAutoWidth(true);
                case MEETING_TYPE -> grid.addColumn(v -> getTranslation("type." + v.meetingType().name()))
                        .setHeader(getTranslation(column.headerKey())).setAutoWidth(true);
                case PARTICIPANTS -> grid.addColumn(Visit::participants).setHeader(getTranslation(column.headerKey()))
                        .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
                case SMS_SENT -> grid.addColumn(v -> getTranslation(v.smsSent() ? "yes" : "no"))
                        .setHeader(getTranslation(column.headerKey())).setAutoWidth(true);
                case DEPARTMENT -> grid.addColumn(v -> v.department() == null ? "" : v.department())
                        .setHeader(getTranslation(column.headerKey())).setAutoWidth(true);
                case APPOINTMENT_KIND -> grid.addColumn(v -> getTranslation("kind." + v.appointmentKind().name()))
                        .setHeader(getTranslation(column.headerKey())).setAutoWidth(true);
            };
            c.setKey(column.name()).setResizable(true);
            if (column.sort() != null) {
                c.setSortable(true);
            }
        }
        showColumnsFor(narrow);
        Grid.Column<Visit> sorted = sort == null ? null : grid.getColumnByKey(sort.name());
        if (sorted != null && sorted.isSortable()) {
            grid.sort(List.of(new GridSortOrder<>(sorted, descending ? SortDirection.DESCENDING
                    : SortDirection.ASCENDING)));
        }
        configuring = false;
    }

    /**
     * Called with the column (null: the default order) and direction whenever the user sorts the
     * grid, not when {@link #configure} applies a sort.
     */
    void onSortChange(BiConsumer<VisitColumn, Boolean> listener) {
        grid.addSortListener(event -> {
            if (configuring) {
                return;
            }
            List<GridSortOrder<Visit>> order = event.getSortOrder();
            if (order.isEmpty()) {
                listener.accept(null, false);
            } else {
                listener.accept(VisitColumn.valueOf(order.get(0).getSorted().getKey()),
                        order.get(0).getDirection() == SortDirection.DESCENDING);
            }
        });
    }

    /** Shows the {@code count} rows that {@code source} pages through, lazily. */
    void show(PageSource source, long count) {
        grid.setItems(query -> {
            List<GridSortOrder<Visit>> order = grid.getSortOrder();
            VisitSort sort = VisitSort.START_TIME;
            boolean descending = false;
            if (!order.isEmpty()) {
                sort = VisitColumn.valueOf(order.get(0).getSorted().getKey()).sort();
                descending = order.get(0).getDirection() == SortDirection.DESCENDING;
            }
            return source.fetch(sort, descending, query.getOffset(), query.getLimit()).stream();
        }, query -> (int) Math.min(Integer.MAX_VALUE, count));
    }

    /** The sort the user chose, for exports that follow the screen. */
    VisitSort currentSort() {
        List<GridSortOrder<Visit>> order = grid.getSortOrder();
        return order.isEmpty() ? VisitSort.START_TIME : VisitColumn.valueOf(order.get(0).getSorted().getKey()).sort();
    }

    boolean currentSortDescending() {
        List<GridSortOrder<Visit>> order = grid.getSortOrder();
        return !order.isEmpty() && order.get(0).getDirection() == SortDirection.DESCENDING;
    }
}
