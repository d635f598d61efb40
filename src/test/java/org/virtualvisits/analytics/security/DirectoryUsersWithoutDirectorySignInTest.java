package org.virtualvisits.analytics.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.login.LoginForm;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.admin.AdminException;
import org.virtualvisits.analytics.admin.OrganisationSettings;
import org.virtualvisits.analytics.admin.UserAdministration;
import org.virtualvisits.analytics.admin.UserAdministration.UserListItem;
import org.virtualvisits.analytics.admin.ui.UsersView;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.UserAccounts.DirectoryProfile;

/**
 * The shared context, where directory sign-in is not configured: the application behaves as before,
 * and directory users (made here directly in the table) never get in with a password and are shown
 * as such to administrators. Also the organisation's tenant id setting.
 */
class DirectoryUsersWithoutDirectorySignInTest extends KaribuTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    UserAccounts users;
    @Autowired
    Organisations organisations;
    @Autowired
    UserAdministration administration;
    @Autowired
    OrganisationSettings settings;

    private AppUserPrincipal directoryUser(Organisation organisation) {
        String username = "dir-" + UUID.randomUUID().toString().substring(0, 8);
        long id = users.createDirectoryUser(organisation.id(), username, "https://issuer.example",
                UUID.randomUUID().toString(), new DirectoryProfile("Dir", null, Role.GLOBAL_ADMIN, Set.of()));
        return users.findById(id).orElseThrow();
    }

    @Test
    void theLoginPageHasNoDirectoryButtonWhenNoProviderIsConfigured() {
        UI.getCurrent().navigate(LoginView.class);
        assertThat(_find(Anchor.class)).as("no directory sign-in link").isEmpty();
        assertThat(_find(LoginForm.class)).hasSize(1);
    }

    @Test
    void aDirectoryUserCannotSignInWithAPassword() throws Exception {
        AppUserPrincipal user = directoryUser(fixture.newOrganisation());
        for (String password : List.of("", "anything", TestFixture.PASSWORD)) {
            var result = TestFixture.postLoginForm(mvc, user.username(), password, null);
            assertThat(result.getResponse().getRedirectedUrl()).as("refused, not an error").isEqualTo("/login?error");
        }
    }

    @Test
    void theUsersViewMarksDirectoryUsersAndOffersThemNoPasswordReset() {
        Organisation organisation = fixture.newOrganisation();
        AppUserPrincipal admin = fixture.newUser(organisation, Role.GLOBAL_ADMIN);
        AppUserPrincipal directory = directoryUser(organisation);
        login(admin.username());
        UI.getCurrent().navigate(UsersView.class);

        @SuppressWarnings("unchecked")
        Grid<UserListItem> grid = _find(Grid.class).get(0);
        List<UserListItem> rows = GridKt._fetch(grid, 0, 100);
        UserListItem directoryRow = rows.stream().filter(r -> r.account().id() == directory.userId()).findFirst()
                .orElseThrow();
        UserListItem localRow = rows.stream().filter(r -> r.account().id() == admin.userId()).findFirst().orElseThrow();
        assertThat(GridKt._getFormatted(grid, rows.indexOf(directoryRow), "signIn")).isEqualTo("Directory");
        assertThat(GridKt._getFormatted(grid, rows.indexOf(localRow), "signIn")).isEqualTo("Password");
        assertThat(buttonsIn(grid, rows.indexOf(directoryRow))).doesNotContain("Reset password");
        assertThat(buttonsIn(grid, rows.indexOf(localRow))).contains("Reset password");

        assertThatThrownBy(() -> administration.resetPassword(directory.userId(), "a long enough new password 1"))
                .isInstanceOf(AdminException.class)
                .extracting(e -> ((AdminException) e).key()).isEqualTo("admin.error.directoryUser.password");
        assertThat(users.findById(directory.userId()).orElseThrow().passwordHash()).isNull();
    }

    private static List<String> buttonsIn(Grid<UserListItem> grid, int row) {
        var cell = GridKt._getCellComponent(grid, row, "actions");
        return _find(cell, Button.class).stream().map(Button::getText).toList();
    }

    @Test
    void aGlobalAdminSetsTheOrganisationsTenantIdOnceAcrossOrganisations() {
        Organisation first = fixture.newOrganisation();
        Organisation second = fixture.newOrganisation();
        String tenant = UUID.randomUUID().toString();

        login(fixture.newUser(first, Role.GLOBAL_ADMIN).username());
        settings.updateEntraTenantId(" " + tenant.toUpperCase() + " ");
        assertThat(settings.entraTenantId()).isEqualTo(tenant.toUpperCase());
        assertThat(organisations.findByEntraTenantId(tenant)).map(Organisation::id).contains(first.id());
        assertThatThrownBy(() -> settings.updateEntraTenantId("not a tenant!"))
                .isInstanceOf(AdminException.class);

        logout();
        login(fixture.newUser(second, Role.GLOBAL_ADMIN).username());
        assertThatThrownBy(() -> settings.updateEntraTenantId(tenant))
                .as("another organisation has it (compared without case)").isInstanceOf(AdminException.class)
                .extracting(e -> ((AdminException) e).key()).isEqualTo("admin.error.tenant.taken");
        assertThat(settings.entraTenantId()).isEmpty();

        logout();
        login(users.findByUsername(
                users.findByOrganisation(first.id()).get(0).username()).orElseThrow().username());
        settings.updateEntraTenantId("");
        assertThat(organisations.findByEntraTenantId(tenant)).isEmpty();
    }
}
