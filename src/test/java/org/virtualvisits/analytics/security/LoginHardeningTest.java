package org.virtualvisits.analytics.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.admin.AdminTestSupport;
import org.virtualvisits.analytics.organisation.Organisation;

/** Sign-in through the real filter chain: lockout, one generic answer, session fixation, headers. */
@IntegrationTest
class LoginHardeningTest extends AdminTestSupport {

    private static final String FAILED = "/login?error";

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAttempts attempts;

    Organisation org;
    AppUserPrincipal user;

    @BeforeEach
    void user() {
        org = newOrganisation();
        user = newUser(org, Role.REPORT_VIEWER);
    }

    private MvcResult signIn(String username, String password, MockHttpSession session) throws Exception {
        return TestFixture.postLoginForm(mvc, username, password, session);
    }

    private String signIn(String username, String password) throws Exception {
        return signIn(username, password, null).getResponse().getRedirectedUrl();
    }

    /** The typed username (never the password) stays in the browser's session, for the form to show again. */
    @Test
    void aFailedSignInKeepsTheTypedUsernameInTheSessionButNeverThePassword() throws Exception {
        MockHttpSession session = new MockHttpSession();
        assertThat(signIn(user.username(), "a wrong password", session).getResponse().getRedirectedUrl())
                .isEqualTo(FAILED);
        assertThat(session.getAttribute(AttemptedUsername.ATTRIBUTE)).isEqualTo(user.username());
        java.util.Collections.list(session.getAttributeNames()).forEach(name ->
                assertThat(String.valueOf(session.getAttribute(name))).doesNotContain("a wrong password"));

        MockHttpSession fresh = new MockHttpSession();
        signIn(" " + "x".repeat(300), "whatever", fresh);
        assertThat(fresh.getAttribute(AttemptedUsername.ATTRIBUTE)).as("too long to show again").isNull();
    }

    @Test
    void fiveFailuresLockTheUsernameEvenForTheRightPasswordAndTheAnswerStaysTheSame() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(user.username(), "wrong password " + i)).isEqualTo(FAILED);
        }
        assertThat(attempts.lockedUntil(user.username())).get()
                .satisfies(until -> assertThat(until).isBetween(Instant.now().plus(Duration.ofMinutes(14)),
                        Instant.now().plus(Duration.ofMinutes(16))));
        assertThat(signIn(user.username(), PASSWORD)).isEqualTo(FAILED);
        assertThat(auditOf(org)).filteredOn(e -> e.startsWith("login.locked|")).singleElement().asString()
                .contains("after 5 failed sign-ins");
        assertThat(auditOf(org)).last().asString().contains("locked after repeated failures");

        // Fifteen minutes later (moved back in the database, shared by every instance) it opens again.
        jdbc.sql("update login_attempt set locked_until = now() - interval '1 second' where username = :u")
                .param("u", user.username()).update();
        assertThat(signIn(user.username(), PASSWORD)).isEqualTo("/");
        assertThat(attempts.isLocked(user.username())).isFalse();
    }

    @Test
    void aSuccessResetsTheCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            signIn(user.username(), "wrong password");
        }
        assertThat(signIn(user.username(), PASSWORD)).isEqualTo("/");
        for (int i = 0; i < 4; i++) {
            signIn(user.username(), "wrong password");
        }
        assertThat(signIn(user.username(), PASSWORD)).isEqualTo("/");
    }

    @Test
    void unknownUsernamesLockLikeKnownOnesSoALockRevealsNothing() throws Exception {
        String unknown = "ghost-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(unknown, "whatever password")).isEqualTo(FAILED);
        }
        assertThat(attempts.isLocked(unknown)).isTrue();
        assertThat(attempts.isLocked(unknown.toUpperCase())).as("usernames are case-insensitive").isTrue();
    }

    @Test
    void failuresFarApartDoNotAddUp() throws Exception {
        for (int i = 0; i < 4; i++) {
            signIn(user.username(), "wrong password");
        }
        jdbc.sql("update login_attempt set last_failure_at = now() - interval '16 minutes' where username = :u")
                .param("u", user.username()).update();
        signIn(user.username(), "wrong password");
        assertThat(attempts.isLocked(user.username())).isFalse();
    }

    @Test
    void aDisabledUserGetsTheSameAnswerAsAWrongPassword() throws Exception {
        userAccounts.setEnabled(org.id(), user.userId(), false);
        assertThat(signIn(user.username(), PASSWORD)).isEqualTo(FAILED);
        assertThat(auditOf(org)).last().asString().contains("user disabled");
    }

    @Test
    void signingInGivesTheSessionANewIdAndKeepsNoPasswordHashInIt() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        MvcResult result = signIn(user.username(), PASSWORD, session);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        MockHttpSession after = (MockHttpSession) result.getRequest().getSession(false);
        assertThat(after.getId()).as("session fixation protection (changeSessionId)").isNotEqualTo(before);
        SecurityContext context = (SecurityContext) after.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        AppUserPrincipal principal = (AppUserPrincipal) context.getAuthentication().getPrincipal();
        assertThat(principal.username()).isEqualTo(user.username());
        // Only a fingerprint of the hash, enough to notice a password change later.
        String storedHash = userAccounts.findById(user.userId()).orElseThrow().passwordHash();
        assertThat(principal.getPassword()).startsWith("stamp:").doesNotContain(storedHash);
    }

    @Test
    void aSessionEndsOnceTheUserIsDisabledOrTheirAccessOrPasswordChanges() throws Exception {
        MockHttpSession session = (MockHttpSession) signIn(user.username(), PASSWORD, null).getRequest()
                .getSession(false);
        mvc.perform(get("/actuator/health").session(session));
        assertThat(session.isInvalid()).isFalse();

        userAccounts.update(org.id(), user.userId(), user.displayName(), Role.REPORT_VIEWER, Set.of("Cardiology"));
        expireCheck(session);
        mvc.perform(get("/actuator/health").session(session));
        assertThat(session.isInvalid()).as("departments changed: sign in again").isTrue();

        session = (MockHttpSession) signIn(user.username(), PASSWORD, null).getRequest().getSession(false);
        String hash = userAccounts.findById(user.userId()).orElseThrow().passwordHash();
        userAccounts.setPasswordHash(org.id(), user.userId(), hash); // the same password: nothing changes
        expireCheck(session);
        mvc.perform(get("/actuator/health").session(session));
        assertThat(session.isInvalid()).as("password unchanged").isFalse();
        userAccounts.setPasswordHash(org.id(), user.userId(), passwordEncoder.encode("an administrator's new one"));
        expireCheck(session);
        mvc.perform(get("/actuator/health").session(session));
        assertThat(session.isInvalid()).as("password reset: sign in with the new one").isTrue();

        session = (MockHttpSession) signIn(user.username(), "an administrator's new one", null).getRequest()
                .getSession(false);
        userAccounts.setEnabled(org.id(), user.userId(), false);
        expireCheck(session);
        mvc.perform(get("/actuator/health").session(session));
        assertThat(session.isInvalid()).as("disabled").isTrue();
    }

    /** The re-check runs at most every few seconds per session; pretend that time has passed. */
    private static void expireCheck(MockHttpSession session) {
        session.setAttribute(SignedInUserCheckFilter.class.getName() + ".checkedAt", 0L);
    }

    @Test
    void theUiSendsSecurityHeadersThatVaadinTolerates() throws Exception {
        // Every answer of the UI chain carries them (the Vaadin servlet itself is not part of MockMvc).
        var response = mvc.perform(get("/actuator/health")).andReturn().getResponse();
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.getHeader("Permissions-Policy")).contains("camera=()");
        assertThat(response.getHeader("Content-Security-Policy"))
                .isEqualTo(SecurityConfig.UI_CONTENT_SECURITY_POLICY)
                .contains("frame-ancestors 'none'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
                        "style-src 'self' 'unsafe-inline'", "default-src 'self'");
    }

    @Test
    void theApiSendsSecurityHeadersToo() throws Exception {
        var response = mvc.perform(get("/api/v1/daily?from=2026-01-01&to=2026-01-02")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }
}
