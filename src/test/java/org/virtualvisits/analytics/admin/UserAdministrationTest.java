package org.virtualvisits.analytics.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.admin.UserAdministration.NewUser;
import org.virtualvisits.analytics.admin.UserAdministration.UserChange;
import org.virtualvisits.analytics.admin.UserAdministration.UserListItem;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.LoginAttempts;
import org.virtualvisits.analytics.security.Role;

@IntegrationTest
class UserAdministrationTest extends AdminTestSupport {

    @Autowired
    UserAdministration administration;
    @Autowired
    LoginAttempts loginAttempts;

    Organisation org;
    AppUserPrincipal admin;

    @BeforeEach
    void organisationWithAdmin() {
        org = newOrganisation();
        admin = newUser(org, Role.GLOBAL_ADMIN);
        signIn(admin);
    }

    private static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsADepartmentLimitedViewerWhoCanSignInWithThePassword() {
        String username = unique("dana");
        long id = administration.create(new NewUser(username, " Dana Dermatology ", Role.REPORT_VIEWER,
                Set.of(" Dermatology", "Cardiology "), "a long enough password"));

        AppUserPrincipal created = userAccounts.findByUsername(username).orElseThrow();
        assertThat(created.userId()).isEqualTo(id);
        assertThat(created.organisationId()).isEqualTo(org.id());
        assertThat(created.displayName()).isEqualTo("Dana Dermatology");
        assertThat(created.departments()).containsExactlyInAnyOrder("Dermatology", "Cardiology");
        assertThat(passwordEncoder.matches("a long enough password", created.getPassword())).isTrue();
        assertThat(created.getPassword()).doesNotContain("a long enough password");
        assertThat(administration.users()).extracting(i -> i.account().username()).contains(username);
        assertThat(auditOf(org)).contains("user.created|" + admin.username() + "|" + username
                + ": REPORT_VIEWER [Cardiology, Dermatology]");
    }

    @Test
    void departmentsOnlyLimitViewers() {
        String username = unique("tess");
        administration.create(new NewUser(username, "Tess", Role.TEAMS_ADMIN, Set.of("Cardiology"),
                "a long enough password"));
        assertThat(userAccounts.findByUsername(username).orElseThrow().departments()).isEmpty();
    }

    @Test
    void refusesShortPasswordsBadUsernamesAndTakenUsernames() {
        assertThatThrownBy(() -> administration.create(new NewUser(unique("short"), "S", Role.REPORT_VIEWER,
                Set.of(), "elevenchars")))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.password.tooShort");
        assertThatThrownBy(() -> administration.create(new NewUser("x", "S", Role.REPORT_VIEWER, Set.of(),
                "a long enough password")))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.username.invalid");
        // Usernames are unique across organisations: "admin" belongs to the demo organisation.
        assertThatThrownBy(() -> administration.create(new NewUser("ADMIN", "S", Role.REPORT_VIEWER, Set.of(),
                "a long enough password")))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.username.taken");
        String username = unique("pat");
        assertThatThrownBy(() -> administration.create(new NewUser(username, "S", Role.REPORT_VIEWER, Set.of(),
                "my name is " + username)))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.password.containsUsername");
        assertThatThrownBy(() -> administration.create(new NewUser(username, "S", Role.REPORT_VIEWER, Set.of(" "),
                "a long enough password")))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.department");
        assertThat(userAccounts.exists(username)).isFalse();
    }

    @Test
    void changesRoleAndDepartmentsAndAudits() {
        AppUserPrincipal viewer = newUser(org, Role.REPORT_VIEWER);
        administration.update(viewer.userId(), new UserChange("Val", Role.REPORT_VIEWER, Set.of("Paediatrics")));
        assertThat(userAccounts.findById(viewer.userId()).orElseThrow().departments()).containsExactly("Paediatrics");

        administration.update(viewer.userId(), new UserChange("Val", Role.TEAMS_ADMIN, Set.of("Paediatrics")));
        AppUserPrincipal promoted = userAccounts.findById(viewer.userId()).orElseThrow();
        assertThat(promoted.role()).isEqualTo(Role.TEAMS_ADMIN);
        assertThat(promoted.departments()).isEmpty();
        assertThat(auditOf(org)).anyMatch(e -> e.startsWith("user.updated|") && e.contains("REPORT_VIEWER [Paediatrics] → TEAMS_ADMIN"));
    }

    @Test
    void disablesAndEnablesAndResetsPasswordsLiftingTheLock() {
        AppUserPrincipal viewer = newUser(org, Role.REPORT_VIEWER);
        administration.setEnabled(viewer.userId(), false);
        assertThat(userAccounts.findById(viewer.userId()).orElseThrow().enabled()).isFalse();
        administration.setEnabled(viewer.userId(), true);
        assertThat(userAccounts.findById(viewer.userId()).orElseThrow().enabled()).isTrue();

        for (int i = 0; i < 5; i++) {
            loginAttempts.recordFailure(viewer.username());
        }
        assertThat(administration.users()).filteredOn(i -> i.account().id() == viewer.userId())
                .singleElement().extracting(UserListItem::locked).isEqualTo(true);
        administration.resetPassword(viewer.userId(), "a brand new password");
        assertThat(loginAttempts.isLocked(viewer.username())).isFalse();
        assertThat(passwordEncoder.matches("a brand new password",
                userAccounts.findById(viewer.userId()).orElseThrow().getPassword())).isTrue();
        assertThatThrownBy(() -> administration.resetPassword(viewer.userId(), "too short"))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.password.tooShort");
        assertThat(auditOf(org)).extracting(e -> e.split("\\|")[0])
                .contains("user.disabled", "user.enabled", "user.passwordReset");
    }

    @Test
    void unlockLiftsALock() {
        AppUserPrincipal viewer = newUser(org, Role.REPORT_VIEWER);
        for (int i = 0; i < 5; i++) {
            loginAttempts.recordFailure(viewer.username());
        }
        administration.unlock(viewer.userId());
        assertThat(loginAttempts.isLocked(viewer.username())).isFalse();
        assertThat(auditOf(org)).anyMatch(e -> e.startsWith("user.unlocked|"));
    }

    @Test
    void anAdminCannotDisableOrDemoteThemselvesAndTheLastAdminStays() {
        assertThatThrownBy(() -> administration.setEnabled(admin.userId(), false))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.self.disable");
        assertThatThrownBy(() -> administration.update(admin.userId(),
                new UserChange("Me", Role.REPORT_VIEWER, Set.of())))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.self.role");

        AppUserPrincipal second = newUser(org, Role.GLOBAL_ADMIN);
        administration.setEnabled(second.userId(), false);
        // The signed-in admin was disabled meanwhile by someone else: the other one is then the last.
        userAccounts.setEnabled(org.id(), second.userId(), true);
        userAccounts.setEnabled(org.id(), admin.userId(), false);
        assertThatThrownBy(() -> administration.update(second.userId(),
                new UserChange("Second", Role.TEAMS_ADMIN, Set.of())))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.lastAdmin");
        assertThatThrownBy(() -> administration.setEnabled(second.userId(), false))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.lastAdmin");
    }

    @Test
    void usersOfAnotherOrganisationCanNeitherBeSeenNorChanged() {
        Organisation other = newOrganisation();
        AppUserPrincipal stranger = newUser(other, Role.GLOBAL_ADMIN);
        String hashBefore = stranger.getPassword();

        assertThat(administration.users()).extracting(i -> i.account().organisationId()).containsOnly(org.id());
        assertThat(administration.users()).extracting(i -> i.account().username()).doesNotContain(stranger.username());
        long id = stranger.userId();
        assertThatThrownBy(() -> administration.update(id, new UserChange("Hacked", Role.REPORT_VIEWER, Set.of())))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.notFound");
        assertThatThrownBy(() -> administration.setEnabled(id, false))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.notFound");
        assertThatThrownBy(() -> administration.resetPassword(id, "a long enough password"))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.notFound");
        assertThatThrownBy(() -> administration.unlock(id))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.notFound");

        AppUserPrincipal after = userAccounts.findById(id).orElseThrow();
        assertThat(after.displayName()).isEqualTo(stranger.displayName());
        assertThat(after.role()).isEqualTo(Role.GLOBAL_ADMIN);
        assertThat(after.enabled()).isTrue();
        assertThat(after.getPassword()).isEqualTo(hashBefore);
        assertThat(auditOf(other)).isEmpty();
    }

    @Test
    void offersTheDepartmentsOfTheOrganisationsVisitsOnly() {
        Organisation other = newOrganisation();
        insertVisit(org, "M-1", "Cardiology");
        insertVisit(org, "M-2", "Oncology");
        insertVisit(org, "M-3", null);
        insertVisit(other, "M-4", "Secret Department");
        assertThat(administration.knownDepartments()).containsExactly("Cardiology", "Oncology");
    }

    private void insertVisit(Organisation organisation, String meetingId, String department) {
        jdbc.sql("""
                        insert into visit (organisation_id, meeting_id, meeting_type, start_time, duration_seconds,
                                           status, participants, sms_sent, department, appointment_kind)
                        values (:org, :meeting, 'EHR', now(), 60, 'COMPLETED', 2, false, :department, 'SCHEDULED')""")
                .param("org", organisation.id()).param("meeting", meetingId).param("department", department)
                .update();
    }
}
