package org.virtualvisits.analytics.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;

@IntegrationTest
class AuditLogTest extends AdminTestSupport {

    @Autowired
    AuditLog auditLog;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MockMvc mvc;

    Organisation org;
    AppUserPrincipal admin;

    @BeforeEach
    void organisationWithAdmin() {
        org = newOrganisation();
        admin = newUser(org, Role.GLOBAL_ADMIN);
        signIn(admin);
    }

    @Test
    void recordsWhatOtherFeaturesPublishWithTheSignedInUserAsDefaultActor() {
        events.publishEvent(new AuditEvent(org.id(), null, "export.created", "Visits, last 30 days, xlsx"));
        events.publishEvent(new AuditEvent(org.id(), "EHR connector", "settings.analytics", "Analytics switched off"));
        assertThat(auditOf(org)).containsExactly(
                "export.created|" + admin.username() + "|Visits, last 30 days, xlsx",
                "settings.analytics|EHR connector|Analytics switched off");
    }

    @Test
    void anEventOfARolledBackTransactionLeavesNoEntryAndReadOnlyTransactionsMayPublish() {
        transaction.executeWithoutResult(status -> {
            events.publishEvent(new AuditEvent(org.id(), null, "export.created", "rolled back"));
            status.setRollbackOnly();
        });
        TransactionTemplate readOnly = new TransactionTemplate(transaction.getTransactionManager());
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status ->
                events.publishEvent(new AuditEvent(org.id(), null, "export.downloaded", "read only")));
        assertThat(auditOf(org)).containsExactly("export.downloaded|" + admin.username() + "|read only");
    }

    @Test
    void showsTheOwnOrganisationsEntriesNewestFirstFilteredAndPaged() {
        Organisation other = newOrganisation();
        for (int i = 1; i <= 5; i++) {
            events.publishEvent(new AuditEvent(org.id(), null, i % 2 == 0 ? "token.created" : "user.created", "#" + i));
        }
        events.publishEvent(new AuditEvent(other.id(), "stranger", "user.created", "elsewhere"));

        assertThat(auditLog.count(null)).isEqualTo(5);
        assertThat(auditLog.entries(null, 0, 10)).extracting(AuditEntry::detail)
                .containsExactly("#5", "#4", "#3", "#2", "#1");
        assertThat(auditLog.entries(null, 1, 2)).extracting(AuditEntry::detail).containsExactly("#4", "#3");
        assertThat(auditLog.entries("token.created", 0, 10)).extracting(AuditEntry::detail)
                .containsExactly("#4", "#2");
        assertThat(auditLog.count("token.created")).isEqualTo(2);
        assertThat(auditLog.actions()).containsExactly("token.created", "user.created");
    }

    @Test
    void recordsSignInsOnceAndFailuresWithTheirReason() throws Exception {
        AppUserPrincipal viewer = newUser(org, Role.REPORT_VIEWER);
        signInByForm(viewer.username(), PASSWORD);
        signInByForm(viewer.username(), "wrong password!");
        String unknown = "nobody-" + UUID.randomUUID();
        signInByForm(unknown, "whatever password");

        assertThat(auditOf(org)).containsExactly(
                "login.succeeded|" + viewer.username() + "|from 127.0.0.1",
                "login.failed|" + viewer.username() + "|wrong username or password, from 127.0.0.1");
        // An unknown username belongs to no organisation: kept, but shown to no organisation's admin.
        assertThat(jdbc.sql("select organisation_id from audit_log where actor = :actor")
                .param("actor", unknown).query().listOfRows())
                .singleElement().satisfies(row -> assertThat(row.get("organisation_id")).isNull());
    }

    private void signInByForm(String username, String password) throws Exception {
        anonymously(admin, () -> TestFixture.postLoginForm(mvc, username, password, null));
    }
}
