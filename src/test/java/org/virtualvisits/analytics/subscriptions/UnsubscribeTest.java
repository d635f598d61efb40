package org.virtualvisits.analytics.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;

/** The unsubscribe link of a mail, opened without signing in. */
@IntegrationTest
class UnsubscribeTest extends SubscriptionTestSupport {

    @Autowired
    MockMvc mvc;
    @Autowired
    ReportMailComposer composer;

    @Test
    void theLinkShowsOneButtonAndItsPostEndsTheSubscriptionWithoutSigningIn() throws Exception {
        organisation = fixture.newOrganisation();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.NONE,
                Locale.FRENCH));
        String token = composer.tokens().token(subscription.id());

        MvcResult page = mvc.perform(get("/unsubscribe").param("token", token)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString()).contains("<form method=\"post\"", "Se désabonner",
                email(viewer));
        assertThat(page.getResponse().getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getRequest().getSession(false)).as("no session for an anonymous link").isNull();
        assertThat(subscriptions.find(subscription.id())).as("opening the link changes nothing").isPresent();

        MvcResult done = mvc.perform(post("/unsubscribe").param("token", token)).andReturn();
        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        assertThat(done.getResponse().getContentAsString()).contains("plus aucun courriel");
        assertThat(subscriptions.find(subscription.id())).isEmpty();
        assertThat(auditCount("subscription.unsubscribed")).isEqualTo(1);

        MvcResult again = mvc.perform(get("/unsubscribe").param("token", token)).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(again.getResponse().getContentAsString()).contains("no longer exists");
    }

    @Test
    void aMailClientsOneClickPostWorksToo() throws Exception {
        organisation = fixture.newOrganisation();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription subscription = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        String token = composer.tokens().token(subscription.id());

        // RFC 8058: the token in the URL, "List-Unsubscribe=One-Click" as the form body.
        MvcResult result = mvc.perform(post("/unsubscribe?token=" + token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(subscriptions.find(subscription.id())).isEmpty();
    }

    @Test
    void aTamperedTokenIsRefusedAndNothingChanges() throws Exception {
        organisation = fixture.newOrganisation();
        AppUserPrincipal viewer = user(Role.REPORT_VIEWER, Set.of());
        Subscription mine = subscribe(viewer, weekly(email(viewer), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        AppUserPrincipal other = user(Role.REPORT_VIEWER, Set.of());
        Subscription theirs = subscribe(other, weekly(email(other), visitsView(), AttachmentFormat.NONE,
                Locale.ENGLISH));
        String token = composer.tokens().token(mine.id());
        String forged = theirs.id() + token.substring(token.indexOf('.'));

        for (String bad : new String[] {forged, token + "x", "", "abc", token.substring(0, token.length() - 2)}) {
            MvcResult result = mvc.perform(post("/unsubscribe").param("token", bad)).andReturn();
            assertThat(result.getResponse().getStatus()).as(bad).isEqualTo(400);
            assertThat(result.getResponse().getContentAsString()).contains("not valid");
        }
        assertThat(mvc.perform(post("/unsubscribe")).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(subscriptions.find(mine.id())).isPresent();
        assertThat(subscriptions.find(theirs.id())).isPresent();
    }

    @Test
    void onlyThatPathIsOpen() throws Exception {
        // A neighbouring path is the UI's, behind the sign-in.
        MvcResult result = mvc.perform(get("/unsubscribe/other")).andReturn();
        assertThat(result.getResponse().getStatus()).isNotEqualTo(200);
        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login");
    }
}
