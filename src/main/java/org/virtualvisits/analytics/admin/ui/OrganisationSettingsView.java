package org.virtualvisits.analytics.admin.ui;

import org.virtualvisits.analytics.base.ui.PageHeading;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.virtualvisits.analytics.admin.AdminException;
import org.virtualvisits.analytics.admin.OrganisationSettings;
import org.virtualvisits.analytics.admin.OrganisationSettings.Settings;
import org.virtualvisits.analytics.security.Role;

/** Licences, data retention and lobby-wait threshold of the admin's organisation. */
@AccessDeniedErrorRouter(rerouteToError = AccessDeniedException.class)
@Menu(title = "nav.admin.organisation", order = 12, icon = "vaadin:cog")
@Route("admin/organisation")
@RolesAllowed(Role.Names.GLOBAL_ADMIN)
public class OrganisationSettingsView extends VerticalLayout implements HasDynamicTitle {

    private final OrganisationSettings settings;
    final Checkbox bookings = new Checkbox();
    final Checkbox ehr = new Checkbox();
    final IntegerField retentionDays = new IntegerField();
    final IntegerField thresholdMinutes = new IntegerField();
    final Button save = new Button();
    final TextField entraTenantId = new TextField();
    final Button saveTenant = new Button();
    private Settings loaded;

    public OrganisationSettingsView(OrganisationSettings settings) {
        this.settings = settings;
        addClassName("vva-page");
        setMaxWidth("56rem");

        Paragraph name = new Paragraph(new Span(settings.organisation().name()));
        name.addClassName("vva-muted");
        name.setId("organisation-name");

        bookings.setLabel(getTranslation("admin.organisation.bookings"));
        bookings.setHelperText(getTranslation("admin.organisation.bookings.helper"));
        bookings.setId("licence-bookings");
        ehr.setLabel(getTranslation("admin.organisation.ehr"));
        ehr.setHelperText(getTranslation("admin.organisation.ehr.helper"));
        ehr.setId("licence-ehr");

        retentionDays.setLabel(getTranslation("admin.organisation.retention.days"));
        retentionDays.setHelperText(getTranslation("admin.organisation.retention.helper"));
        retentionDays.setMin(OrganisationSettings.MIN_RETENTION_DAYS);
        retentionDays.setMax(OrganisationSettings.MAX_RETENTION_DAYS);
        retentionDays.setStepButtonsVisible(true);
        retentionDays.setRequired(true);
        retentionDays.setId("retention-days");
        thresholdMinutes.setLabel(getTranslation("admin.organisation.threshold"));
        thresholdMinutes.setHelperText(getTranslation("admin.organisation.threshold.helper"));
        thresholdMinutes.setMin(OrganisationSettings.MIN_THRESHOLD_MINUTES);
        thresholdMinutes.setMax(OrganisationSettings.MAX_THRESHOLD_MINUTES);
        thresholdMinutes.setStepButtonsVisible(true);
        thresholdMinutes.setRequired(true);
        thresholdMinutes.setId("lobby-wait-threshold");

        FormLayout licences = new FormLayout(bookings, ehr);
        FormLayout data = new FormLayout(retentionDays);
        FormLayout report = new FormLayout(thresholdMinutes);

        save.setText(getTranslation("admin.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        save.setId("organisation-save");

        // One h1 per page; the lobby-wait threshold is about the report, not about keeping data.
        add(PageHeading.of(getTranslation("admin.organisation.title")), name,
                PageHeading.section(getTranslation("admin.organisation.licences")), licences,
                PageHeading.section(getTranslation("admin.organisation.retention")), data,
                PageHeading.section(getTranslation("admin.organisation.reportSection")), report, save);
        addDirectorySection();
        load();
    }

    /** The directory tenant is saved on its own: it is not one of the report's settings. */
    private void addDirectorySection() {
        entraTenantId.setLabel(getTranslation("admin.organisation.tenant"));
        entraTenantId.setHelperText(getTranslation("admin.organisation.tenant.helper"));
        entraTenantId.setId("entra-tenant-id");
        entraTenantId.setWidthFull();
        entraTenantId.setValue(settings.entraTenantId());
        saveTenant.setText(getTranslation("admin.save"));
        saveTenant.setId("entra-tenant-save");
        saveTenant.addClickListener(e -> saveTenant());
        add(PageHeading.section(getTranslation("admin.organisation.directory")), new FormLayout(entraTenantId), saveTenant);
    }

    void saveTenant() {
        try {
            settings.updateEntraTenantId(entraTenantId.getValue());
            entraTenantId.setValue(settings.entraTenantId());
            entraTenantId.setInvalid(false);
            Notices.success(getTranslation("admin.saved"));
        } catch (AdminException e) {
            entraTenantId.setErrorMessage(Notices.message(this, e));
            entraTenantId.setInvalid(true);
        }
    }

    private void load() {
        loaded = settings.settings();
        bookings.setValue(loaded.bookingsLicence());
        ehr.setValue(loaded.ehrLicence());
        retentionDays.setValue(loaded.retentionDays());
        thresholdMinutes.setValue(loaded.lobbyWaitThresholdMinutes());
        retentionDays.setInvalid(false);
        thresholdMinutes.setInvalid(false);
    }

    void save() {
        Integer days = retentionDays.getValue();
        Integer minutes = thresholdMinutes.getValue();
        Settings wanted = new Settings(bookings.getValue(), ehr.getValue(), days == null ? 0 : days,
                minutes == null ? 0 : minutes);
        if (days != null && days < loaded.retentionDays() && days >= OrganisationSettings.MIN_RETENTION_DAYS) {
            ConfirmDialog confirm = new ConfirmDialog(getTranslation("admin.organisation.retention.confirm.title"),
                    getTranslation("admin.organisation.retention.confirm.text", days),
                    getTranslation("admin.organisation.retention.confirm.ok"), e -> store(wanted));
            confirm.setCancelable(true);
            confirm.setCancelText(getTranslation("admin.cancel"));
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        } else {
            store(wanted);
        }
    }

    void store(Settings wanted) {
        try {
            settings.update(wanted);
            load();
            Notices.success(getTranslation("admin.saved"));
        } catch (AdminException e) {
            IntegerField field = e.key().equals("admin.error.retention") ? retentionDays
                    : e.key().equals("admin.error.threshold") ? thresholdMinutes : null;
            if (field == null) {
                Notices.refused(this, e);
            } else {
                field.setErrorMessage(Notices.message(this, e));
                field.setInvalid(true);
            }
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.organisation.title") + " · " + getTranslation("app.name");
    }
}
