package org.virtualvisits.analytics.admin.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBoxBase;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.admin.AuditEntry;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.admin.UserAdministration.UserListItem;
import org.virtualvisits.analytics.security.ApiScope;
import org.virtualvisits.analytics.security.ApiToken;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;

/** A global admin runs their organisation from the UI: users, tokens, settings, audit log. */
class AdminViewsTest extends KaribuTest {

    @Autowired
    Organisations organisations;
    @Autowired
    UserAccounts userAccounts;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcClient jdbc;

    Organisation org;
    String admin;

    @BeforeEach
    void organisationWithAdmin() {
        org = organisations.createIfMissing("ui-" + UUID.randomUUID(), "UI test org", true, true);
        admin = "ui-admin-" + UUID.randomUUID().toString().substring(0, 8);
        userAccounts.create(org.id(), admin, "UI Admin", passwordEncoder.encode("correct horse battery"),
                Role.GLOBAL_ADMIN, Set.of());
        jdbc.sql("""
                        insert into visit (organisation_id, meeting_id, meeting_type, start_time, duration_seconds,
                                           status, participants, sms_sent, department, appointment_kind)
                        values (:org, 'M-1', 'EHR', now(), 60, 'COMPLETED', 2, false, 'Dermatology', 'SCHEDULED')""")
                .param("org", org.id()).update();
        login(admin);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(Class<T> type) {
        return GridKt._findAll((Grid<T>) _get(Grid.class));
    }

    @Test
    void createsADepartmentLimitedViewerFromTheDialog() {
        UI.getCurrent().navigate(UsersView.class);
        _click(_get(Button.class, spec -> spec.withId("new-user")));
        UserDialog dialog = _get(UserDialog.class);
        assertThat(dialog.departments.isVisible()).isTrue();
        String username = "dana-" + UUID.randomUUID().toString().substring(0, 8);
        _setValue(dialog.username, username);
        _setValue(dialog.displayName, "Dana Dermatology");
        // One department offered from the visits, one typed in.
        assertThat(com.github.mvysny.kaributesting.v23.MultiselectComboBoxUtilsKt.getSuggestions(dialog.departments))
                .containsExactly("Dermatology");
        dialog.departments.select("Dermatology");
        ComponentUtil.fireEvent(dialog.departments,
                new ComboBoxBase.CustomValueSetEvent<>(dialog.departments, true, "Tele-ICU"));
        _setValue(dialog.password, "too short");
        _click(dialog.save);
        assertThat(dialog.password.isInvalid()).isTrue();
        assertThat(dialog.password.getErrorMessage()).isEqualTo("The password must have at least 12 characters.");

        _setValue(dialog.password, "a long enough password");
        _click(dialog.save);
        assertThat(dialog.isOpened()).isFalse();
        AppUserPrincipal created = userAccounts.findByUsername(username).orElseThrow();
        assertThat(created.organisationId()).isEqualTo(org.id());
        assertThat(created.role()).isEqualTo(Role.REPORT_VIEWER);
        assertThat(created.departments()).containsExactlyInAnyOrder("Dermatology", "Tele-ICU");
        assertThat(rows(UserListItem.class)).extracting(i -> i.account().username()).contains(admin, username);
        // Departments read as the access they give: an administrator's "All departments", never blank.
        @SuppressWarnings("unchecked")
        Grid<UserListItem> grid = _get(Grid.class);
        List<String> usernames = rows(UserListItem.class).stream().map(i -> i.account().username()).toList();
        assertThat(GridKt._getFormatted(grid, usernames.indexOf(admin), "departments")).isEqualTo("All departments");
        assertThat(GridKt._getFormatted(grid, usernames.indexOf(username), "departments"))
                .isEqualTo("Dermatology, Tele-ICU");
    }

    @Test
    void disablesAUserAfterConfirmation() {
        String viewer = "val-" + UUID.randomUUID().toString().substring(0, 8);
        long id = userAccounts.create(org.id(), viewer, "Val", passwordEncoder.encode("x"), Role.REPORT_VIEWER,
                Set.of());
        UI.getCurrent().navigate(UsersView.class);
        UsersView view = _get(UsersView.class);
        int row = rows(UserListItem.class).stream().map(i -> i.account().username()).toList().indexOf(viewer);
        var actions = GridKt._getCellComponent(view.grid(), row, "actions");
        _click(_get(actions, Button.class, spec -> spec.withText("Disable")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(userAccounts.findById(id).orElseThrow().enabled()).isFalse();
        assertThat(GridKt._getFormattedRow(view.grid(), row)).contains("Disabled");
    }

    @Test
    void showsANewTokensSecretOnceAndNeverInTheGrid() {
        UI.getCurrent().navigate(ApiTokensView.class);
        _click(_get(Button.class, spec -> spec.withId("new-token")));
        _setValue(_get(TextField.class, spec -> spec.withId("token-name")), "Report reader");
        @SuppressWarnings("unchecked")
        CheckboxGroup<ApiScope> scopes = _get(CheckboxGroup.class, spec -> spec.withId("token-scopes"));
        _setValue(scopes, EnumSet.of(ApiScope.REPORT_READ));
        _click(_get(Button.class, spec -> spec.withId("token-create")));

        Dialog secretDialog = _get(Dialog.class, spec -> spec.withId("token-secret-dialog"));
        String secret = _get(secretDialog, TextField.class, spec -> spec.withId("token-secret")).getValue();
        assertThat(secret).startsWith("vva_");
        assertThat(rows(ApiToken.class)).singleElement().satisfies(token -> {
            assertThat(token.name()).isEqualTo("Report reader");
            assertThat(token.scopes()).containsExactly(ApiScope.REPORT_READ);
            assertThat(token.organisationId()).isEqualTo(org.id());
        });
        Grid<?> grid = _get(ApiTokensView.class).getChildren().filter(Grid.class::isInstance).map(Grid.class::cast)
                .findFirst().orElseThrow();
        assertThat(GridKt._getFormattedRow(grid, 0)).noneMatch(cell -> cell.contains(secret));

        secretDialog.close();
        MockVaadin.clientRoundtrip();
        assertThat(LocatorJ._find(TextField.class, spec -> spec.withId("token-secret"))).isEmpty();
    }

    @Test
    void savesSettingsAndAsksBeforeShorteningRetention() {
        UI.getCurrent().navigate(OrganisationSettingsView.class);
        OrganisationSettingsView view = _get(OrganisationSettingsView.class);
        _setValue(view.bookings, false);
        _setValue(view.thresholdMinutes, 20);
        _setValue(view.retentionDays, 90);
        _click(view.save);
        // Nothing saved until confirmed.
        assertThat(organisations.findById(org.id()).orElseThrow().retentionDays()).isEqualTo(365);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        Organisation saved = organisations.findById(org.id()).orElseThrow();
        assertThat(saved.bookingsLicence()).isFalse();
        assertThat(saved.ehrLicence()).isTrue();
        assertThat(saved.retentionDays()).isEqualTo(90);
        assertThat(saved.lobbyWaitThresholdSeconds()).isEqualTo(1200);

        _setValue(view.retentionDays, 3);
        _click(view.save);
        assertThat(view.retentionDays.isInvalid()).isTrue();
        assertThat(organisations.findById(org.id()).orElseThrow().retentionDays()).isEqualTo(90);
    }

    @Test
    void theAuditLogListsNewestFirstAndFiltersByAction() {
        UI.getCurrent().navigate(OrganisationSettingsView.class);
        OrganisationSettingsView settings = _get(OrganisationSettingsView.class);
        _setValue(settings.ehr, false);
        _click(settings.save);
        _setValue(settings.thresholdMinutes, 11);
        _click(settings.save);

        UI.getCurrent().navigate(AuditLogView.class);
        AuditLogView view = _get(AuditLogView.class);
        assertThat(GridKt._findAll(view.grid)).extracting(AuditEntry::action)
                .containsExactly("settings.lobbyWaitThreshold", "settings.licence");
        assertThat(GridKt._findAll(view.grid)).extracting(AuditEntry::actor).containsOnly(admin);
        _setValue(view.action, "settings.licence");
        assertThat(GridKt._findAll(view.grid)).extracting(AuditEntry::detail).containsExactly("EHR licence switched off");
        // People read the actions in their language, in the grid and in the filter.
        assertThat(GridKt._getFormatted(view.grid, 0, "action")).isEqualTo("Licence changed");
        assertThat(view.action.getItemLabelGenerator().apply("settings.lobbyWaitThreshold"))
                .isEqualTo("Lobby-wait threshold changed");
        UI.getCurrent().getSession().setLocale(java.util.Locale.FRENCH);
        UI.getCurrent().setLocale(java.util.Locale.FRENCH);
        UI.getCurrent().navigate(OrganisationSettingsView.class);
        UI.getCurrent().navigate(AuditLogView.class);
        AuditLogView french = _get(AuditLogView.class);
        _setValue(french.action, "settings.licence");
        assertThat(GridKt._getFormatted(french.grid, 0, "action")).isEqualTo("Licence modifiée");
        // An action without a translation (say, from a newer version) shows as stored.
        assertThat(french.action.getItemLabelGenerator().apply("something.new")).isEqualTo("something.new");
    }

    @Test
    void theNavigationOffersTheAdminViews() {
        UI.getCurrent().navigate(UsersView.class);
        assertThat(LocatorJ._find(com.vaadin.flow.component.sidenav.SideNavItem.class))
                .extracting(com.vaadin.flow.component.sidenav.SideNavItem::getLabel)
                .contains("Users", "API tokens", "Organisation", "Audit log");
    }
}
