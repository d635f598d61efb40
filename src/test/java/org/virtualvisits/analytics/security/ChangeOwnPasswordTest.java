package org.virtualvisits.analytics.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.textfield.PasswordField;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.report.ui.ReportView;

/** Every signed-in user changes their own password from the user menu. */
class ChangeOwnPasswordTest extends KaribuTest {

    static final String OLD = "correct horse battery";
    static final String NEW = "a long sentence nobody guesses";

    @Autowired
    Organisations organisations;
    @Autowired
    UserAccounts userAccounts;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OwnPassword ownPassword;

    Organisation org;
    String username;
    long userId;

    @BeforeEach
    void viewerOfANewOrganisation() {
        org = organisations.createIfMissing("pw-" + UUID.randomUUID(), "Password test org", true, true);
        username = "pw-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        userId = userAccounts.create(org.id(), username, "Pat Viewer", passwordEncoder.encode(OLD),
                Role.REPORT_VIEWER, Set.of());
        login(username);
        UI.getCurrent().navigate(ReportView.class);
        ContextMenuKt._clickItemWithID(_get(MenuBar.class, spec -> spec.withId("user-menu-bar")), "change-password");
    }

    ChangePasswordDialog dialog() {
        return _get(ChangePasswordDialog.class);
    }

    void fill(String current, String next, String repeat) {
        _get(dialog(), PasswordField.class, spec -> spec.withId("password-current")).setValue(current);
        _get(dialog(), PasswordField.class, spec -> spec.withId("password-new")).setValue(next);
        _get(dialog(), PasswordField.class, spec -> spec.withId("password-repeat")).setValue(repeat);
        _click(_get(dialog(), Button.class, spec -> spec.withId("password-save")));
    }

    PasswordField field(String id) {
        return _get(dialog(), PasswordField.class, spec -> spec.withId(id));
    }

    boolean storedPasswordIs(String password) {
        String hash = jdbc.sql("select password_hash from app_user where id = :id").param("id", userId)
                .query(String.class).single();
        return passwordEncoder.matches(password, hash);
    }

    List<String> audit() {
        return jdbc.sql("select action || '|' || actor from audit_log where organisation_id = :org order by id")
                .param("org", org.id()).query(String.class).list();
    }

    @Test
    void aViewerChangesTheirPassword() {
        ChangePasswordDialog dialog = dialog();
        AppUserPrincipal anotherSession = userAccounts.findById(userId).orElseThrow().withoutPassword();
        fill(OLD, NEW, NEW);
        assertThat(storedPasswordIs(NEW)).isTrue();
        assertThat(dialog.isOpened()).isFalse();
        NotificationsKt.expectNotifications("Your password was changed.");
        assertThat(audit()).containsExactly("user.passwordChanged|" + username);

        AppUserPrincipal stored = userAccounts.findById(userId).orElseThrow();
        AppUserPrincipal thisSession = (AppUserPrincipal) SecurityContextHolder.getContext().getAuthentication()
                .getPrincipal();
        assertThat(SignedInUserCheckFilter.stillValid(thisSession, stored)).as("this session stays signed in").isTrue();
        assertThat(thisSession.getPassword()).doesNotContain(stored.passwordHash());
        assertThat(SignedInUserCheckFilter.stillValid(anotherSession, stored)).as("other sessions end").isFalse();
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        fill("not my password", NEW, NEW);
        assertThat(field("password-current").isInvalid()).isTrue();
        assertThat(field("password-current").getErrorMessage()).isEqualTo("The current password is not right.");
        assertThat(storedPasswordIs(OLD)).isTrue();
        assertThat(audit()).isEmpty();
    }

    @Test
    void theNewPasswordFollowsTheRules() {
        fill(OLD, NEW, NEW + "!");
        assertThat(field("password-repeat").getErrorMessage()).isEqualTo("The two new passwords are not the same.");
        fill(OLD, "too short", "too short");
        assertThat(field("password-new").getErrorMessage()).isEqualTo("The password must have at least 12 characters.");
        fill(OLD, "my name is " + username, "my name is " + username);
        assertThat(field("password-new").getErrorMessage()).isEqualTo("The password must not contain your username.");
        fill(OLD, OLD, OLD);
        assertThat(field("password-new").getErrorMessage())
                .isEqualTo("The new password must differ from the current one.");
        assertThat(storedPasswordIs(OLD)).isTrue();
        assertThat(dialog().isOpened()).isTrue();
    }

    @Test
    void nobodyChangesAPasswordWithoutSigningIn() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> ownPassword.change(OLD, NEW))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThat(storedPasswordIs(OLD)).isTrue();
    }
}
