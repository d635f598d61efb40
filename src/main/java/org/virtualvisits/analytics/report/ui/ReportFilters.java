package org.virtualvisits.analytics.report.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import java.util.stream.Stream;
import org.virtualvisits.analytics.visits.AppointmentKind;
import org.virtualvisits.analytics.visits.VisitStatus;

/**
 * The report's filters and display zone, in a section that can be folded away: open on a wide
 * screen, folded on a phone (where four stacked fields would fill the first screen), its summary
 * counting the filters in use so a folded section still says the figures are filtered.
 */
class ReportFilters extends Details {

    final ComboBox<String> departmentBox = new ComboBox<>();
    final Select<AppointmentKind> kindSelect = new Select<>();
    final Select<VisitStatus> statusSelect = new Select<>();
    final ComboBox<String> zoneBox = new ComboBox<>();

    ReportFilters() {
        setId("report-filters");
        departmentBox.setLabel(getTranslation("filter.department"));
        departmentBox.setId("filter-department");
        departmentBox.setClearButtonVisible(true);
        departmentBox.setPlaceholder(getTranslation("filter.all"));
        kindSelect.setLabel(getTranslation("filter.kind"));
        kindSelect.setId("filter-kind");
        kindSelect.setItems(AppointmentKind.values());
        kindSelect.setEmptySelectionAllowed(true);
        kindSelect.setEmptySelectionCaption(getTranslation("filter.all"));
        kindSelect.setItemLabelGenerator(k -> k == null ? getTranslation("filter.all") : getTranslation("kind." + k.name()));
        statusSelect.setLabel(getTranslation("filter.status"));
        statusSelect.setId("filter-status");
        statusSelect.setItems(VisitStatus.values());
        statusSelect.setEmptySelectionAllowed(true);
        statusSelect.setEmptySelectionCaption(getTranslation("filter.all"));
        statusSelect.setItemLabelGenerator(s -> s == null ? getTranslation("filter.all") : getTranslation("status." + s.name()));
        zoneBox.setLabel(getTranslation("filter.zone"));
        zoneBox.setId("filter-zone");
        zoneBox.setItems(TimeZones.all());
        zoneBox.setAllowCustomValue(false);
        zoneBox.setWidth("16em");
        FlexLayout fields = new FlexLayout(departmentBox, kindSelect, statusSelect, zoneBox);
        fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        fields.addClassName("vva-filters");
        add(fields);
        setOpened(true);
        updateSummary();
    }

    /** "Filters", or "Filters (2)" when two of department, kind and status are chosen. */
    void updateSummary() {
        long inUse = Stream.of(departmentBox.getValue(), kindSelect.getValue(), statusSelect.getValue())
                .filter(value -> value != null).count();
        setSummaryText(inUse == 0 ? getTranslation("filter.title") : getTranslation("filter.titleInUse", inUse));
    }
}
