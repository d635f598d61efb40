package org.virtualvisits.analytics.admin.ui;

import org.virtualvisits.analytics.base.ui.PageHeading;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.ItemLabelGenerator;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.virtualvisits.analytics.admin.AuditEntry;
import org.virtualvisits.analytics.admin.AuditLog;
import org.virtualvisits.analytics.base.ui.TranslationProvider;
import org.virtualvisits.analytics.security.Role;

/** The organisation's audit log: newest first, loaded page by page, filtered by action. */
@AccessDeniedErrorRouter(rerouteToError = AccessDeniedException.class)
@Menu(title = "nav.admin.audit", order = 13, icon = "vaadin:clipboard-text")
@Route("admin/audit")
@RolesAllowed(Role.Names.GLOBAL_ADMIN)
public class AuditLogView extends VerticalLayout implements HasDynamicTitle {

    private final AuditLog auditLog;
    final ComboBox<String> action = new ComboBox<>();
    final Grid<AuditEntry> grid = new Grid<>();

    public AuditLogView(AuditLog auditLog, TranslationProvider translations) {
        this.auditLog = auditLog;
        // Actions are stored as machine names ("user.created"); people read them in their language.
        ItemLabelGenerator<String> actionName = name -> translations.find("audit.action." + name, getLocale())
                .orElse(name);
        addClassName("vva-page");
        setSizeFull();

        action.setLabel(getTranslation("admin.audit.action"));
        action.setPlaceholder(getTranslation("admin.audit.action.all"));
        action.setClearButtonVisible(true);
        action.setItems(auditLog.actions());
        action.setItemLabelGenerator(actionName);
        action.setId("audit-action");
        action.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        Button refresh = new Button(getTranslation("admin.audit.refresh"), VaadinIcon.REFRESH.create(), e -> {
            action.setItems(auditLog.actions());
            grid.getDataProvider().refreshAll();
        });
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout toolbar = new HorizontalLayout(action, refresh);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> Notices.SECONDS.format(e.occurredAt())).setHeader(getTranslation("admin.audit.time"))
                .setKey("time").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::actor).setHeader(getTranslation("admin.audit.actor")).setKey("actor")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> actionName.apply(e.action())).setHeader(getTranslation("admin.audit.action")).setKey("action")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::detail).setHeader(getTranslation("admin.audit.detail")).setKey("detail")
                .setFlexGrow(1);
        grid.setItems(query -> auditLog.entries(action.getValue(), query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, auditLog.count(action.getValue())));

        add(PageHeading.of(getTranslation("admin.audit.title")), toolbar, grid);
        setFlexGrow(1, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.audit.title") + " · " + getTranslation("app.name");
    }
}
