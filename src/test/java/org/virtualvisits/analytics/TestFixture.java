package org.virtualvisits.analytics;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.security.ApiScope;
import org.virtualvisits.analytics.security.ApiTokens;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;
import org.virtualvisits.analytics.security.UserAccounts;
import org.virtualvisits.analytics.visits.RawEvent;

/**
 * The one place tests make organisations, users and tokens and sign people in. Each test works in
 * organisations of its own (never the demo ones, which other tests read). Part of every
 * {@link IntegrationTest}'s context.
 */
@Component
public class TestFixture {

    /** The password of every user {@link #newUser} creates. */
    public static final String PASSWORD = "correct horse battery";

    private final Organisations organisations;
    private final UserAccounts users;
    private final ApiTokens apiTokens;
    private final PasswordEncoder passwordEncoder;
    private final UserDetailsService userDetailsService;

    TestFixture(Organisations organisations, UserAccounts users, ApiTokens apiTokens, PasswordEncoder passwordEncoder,
            UserDetailsService userDetailsService) {
        this.organisations = organisations;
        this.users = users;
        this.apiTokens = apiTokens;
        this.passwordEncoder = passwordEncoder;
        this.userDetailsService = userDetailsService;
    }

    /** A new organisation with both licences. */
    public Organisation newOrganisation() {
        String slug = "test-" + UUID.randomUUID();
        return organisations.createIfMissing(slug, "Org " + slug.substring(5, 13), true, true);
    }

    /** A new user of the organisation, with {@link #PASSWORD}. */
    public AppUserPrincipal newUser(Organisation organisation, Role role, Set<String> departments) {
        String username = role.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(organisation.id(), username, "Test " + username, passwordEncoder.encode(PASSWORD), role,
                departments);
        return users.findByUsername(username).orElseThrow();
    }

    public AppUserPrincipal newUser(Organisation organisation, Role role) {
        return newUser(organisation, role, Set.of());
    }

    /** A new API token of the organisation; returns its secret. */
    public String tokenFor(Organisation organisation, Set<ApiScope> scopes) {
        String secret = ApiTokens.newSecret();
        apiTokens.create(organisation.id(), "test", scopes, secret, "test");
        return secret;
    }

    public String fullToken(Organisation organisation) {
        return tokenFor(organisation, EnumSet.allOf(ApiScope.class));
    }

    /** Signs a user from the database in on this thread, as the login form would. */
    public AppUserPrincipal signIn(String username) {
        AppUserPrincipal user = (AppUserPrincipal) userDetailsService.loadUserByUsername(username);
        signIn(user);
        return user;
    }

    /** Signs the user in on this thread (for calls to services; MockMvc requests carry their own). */
    public static void signIn(AppUserPrincipal user) {
        AppUserPrincipal principal = user.withoutPassword();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** Posts the login form (into {@code session} when given); the answer says whether it worked. */
    public static MvcResult postLoginForm(MockMvc mvc, String username, String password, MockHttpSession session)
            throws Exception {
        var request = post("/login").param("username", username).param("password", password).with(csrf());
        if (session != null) {
            request.session(session);
        }
        return mvc.perform(request).andReturn();
    }

    /** A real form sign-in that must succeed: the session is what a browser would hold. */
    public static MockHttpSession signInByForm(MockMvc mvc, String username, String password) throws Exception {
        MvcResult result = postLoginForm(mvc, username, password, null);
        String target = result.getResponse().getRedirectedUrl();
        if (target == null || target.contains("error")) {
            throw new AssertionError("Sign-in of " + username + " failed: redirected to " + target);
        }
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    /**
     * Events of a completed, scheduled visit: staff joins at {@code start}, the attendee waits
     * {@code waitSeconds} in the lobby, is admitted, and both leave {@code durationSeconds} later.
     */
    public static List<RawEvent> completedVisit(String meetingId, String type, Instant start, int waitSeconds,
            int durationSeconds, String department) {
        Instant together = start.plusSeconds(waitSeconds);
        Instant end = together.plusSeconds(durationSeconds);
        String kind = "SCHEDULED";
        List<RawEvent> events = new ArrayList<>();
        String key = UUID.randomUUID().toString();
        events.add(new RawEvent(key + "-1", meetingId, type, "JOINED", start.toString(), "S", "STAFF", department,
                kind));
        events.add(new RawEvent(key + "-2", meetingId, type, "LOBBY_JOINED", start.toString(), "A", "ATTENDEE",
                department, kind));
        events.add(new RawEvent(key + "-3", meetingId, type, "ADMITTED", together.toString(), "A", "ATTENDEE",
                department, kind));
        events.add(new RawEvent(key + "-4", meetingId, type, "JOINED", together.toString(), "A", "ATTENDEE",
                department, kind));
        events.add(new RawEvent(key + "-5", meetingId, type, "LEFT", end.toString(), "A", "ATTENDEE", department,
                kind));
        events.add(new RawEvent(key + "-6", meetingId, type, "LEFT", end.toString(), "S", "STAFF", department, kind));
        events.add(new RawEvent(key + "-7", meetingId, type, "MEETING_ENDED", end.toString(), null, null, department,
                kind));
        return events;
    }
}
