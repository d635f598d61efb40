package org.virtualvisits.analytics.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.ContextMenuKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinServletRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.RestoreSecurityContextHolderStrategy;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;
import org.virtualvisits.analytics.report.ui.ReportView;
import org.virtualvisits.analytics.security.sso.DirectoryUser;
import org.virtualvisits.analytics.security.sso.ui.SignInRefusedView;
import org.virtualvisits.oidcprovider.ProviderBrowser;
import org.virtualvisits.oidcprovider.TestOidcProvider;

/**
 * Directory sign-in against a real OpenID Connect provider (Spring Authorization Server on a random
 * port): the browser's way through the authorization request, the provider's login, the code and our
 * callback, then the session as the application sees it. A context of its own (the provider's
 * properties), with password sign-in closed but for the break-glass user.
 */
@TestPropertySource(properties = {
        "spring.security.oauth2.client.registration.entra.client-id=" + TestOidcProvider.CLIENT_ID,
        "spring.security.oauth2.client.registration.entra.client-secret=" + TestOidcProvider.CLIENT_SECRET,
        "spring.security.oauth2.client.registration.entra.redirect-uri=" + DirectorySignInTest.APP
                + "/login/oauth2/code/entra",
        "app.sso.tenant-id=" + DirectorySignInTest.DEFAULT_TENANT,
        "app.sso.department-claim=departments",
        "app.sso.display-name=Sign in with Contoso",
        "app.sso.local-login=false",
        "app.sso.break-glass-username=" + DirectorySignInTest.BREAK_GLASS})
// A context of its own: Vaadin's JVM-wide security context strategy is put back for the shared one afterwards.
@ExtendWith(RestoreSecurityContextHolderStrategy.class)
class DirectorySignInTest extends KaribuTest {

    /** The application's address as the provider knows it (the provider refuses "localhost" redirects). */
    static final String APP = "http://127.0.0.1";
    static final String DEFAULT_TENANT = "11111111-2222-3333-4444-555555555555";
    static final String BREAK_GLASS = "rescue-admin";

    private static TestOidcProvider provider;

    @DynamicPropertySource
    static void providerIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.entra.issuer-uri", () -> provider().issuer());
    }

    /** Started once per test JVM, before the context that needs its issuer; it lives as long as the JVM. */
    static synchronized TestOidcProvider provider() {
        if (provider == null) {
            provider = TestOidcProvider.start(APP + "/login/oauth2/code/entra", APP + "/login");
        }
        return provider;
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    Organisations organisations;
    @Autowired
    UserAccounts users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwordEncoder;

    private Organisation organisation;
    private String tenant;

    @BeforeEach
    void organisationWithTenant() {
        organisation = fixture.newOrganisation();
        tenant = UUID.randomUUID().toString();
        assertThat(organisations.setEntraTenantId(organisation.id(), tenant)).isTrue();
    }

    // --- the provider's people and the browser's way -------------------------------------------

    private String person(String tid, List<String> roles, Object departments) {
        String username = "dir-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.example";
        provider().person(username, claims(username, tid, roles, departments));
        return username;
    }

    private static Map<String, Object> claims(String username, String tid, List<String> roles, Object departments) {
        Map<String, Object> claims = new HashMap<>();
        if (tid != null) {
            claims.put("tid", tid);
        }
        claims.put("roles", roles);
        claims.put("name", "Directory " + username.substring(4, 12));
        claims.put("email", username);
        claims.put("preferred_username", username);
        if (departments != null) {
            claims.put("departments", departments);
        }
        return claims;
    }

    /** What a browser ends with after signing in through the provider. */
    record SignIn(MvcResult result, MockHttpSession session, ProviderBrowser browser) {

        String target() {
            return result.getResponse().getRedirectedUrl();
        }

        Authentication authentication() {
            SecurityContext context = (SecurityContext) session.getAttribute(
                    HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            return context == null ? null : context.getAuthentication();
        }

        AppUserPrincipal user() {
            return AppUserPrincipal.of(authentication().getPrincipal()).orElseThrow();
        }
    }

    private SignIn signIn(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        String authorization = mvc.perform(get(URI.create(APP + "/oauth2/authorization/entra")).session(session))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(authorization).startsWith(provider().issuer());
        ProviderBrowser browser = new ProviderBrowser(provider().issuer());
        String callback = browser.follow(authorization, username, TestOidcProvider.PASSWORD);
        assertThat(callback).startsWith(APP + "/login/oauth2/code/entra?code=");
        MvcResult result = mvc.perform(get(URI.create(callback)).session(session)).andReturn();
        return new SignIn(result, session, browser);
    }

    private List<String> auditOf(long organisationId) {
        return jdbc.sql("select action || ' ' || coalesce(detail, '') from audit_log where organisation_id = :org order by id")
                .param("org", organisationId).query(String.class).list();
    }

    /** Shows the UI as the signed-in session's user (Karibu, as KaribuTest#login does for a password sign-in). */
    private void showUiAs(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
        UI.getCurrent().getPage().reload();
    }

    private static HasElement activeView() {
        List<HasElement> chain = UI.getCurrent().getInternals().getActiveRouterTargetsChain();
        return chain.isEmpty() ? null : chain.get(0);
    }

    // --- each role, a limited viewer ------------------------------------------------------------

    static Stream<Arguments> roles() {
        return Stream.of(Arguments.of("VirtualVisits.GlobalAdmin", Role.GLOBAL_ADMIN),
                Arguments.of("VirtualVisits.TeamsAdmin", Role.TEAMS_ADMIN),
                Arguments.of("VirtualVisits.ReportViewer", Role.REPORT_VIEWER));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("roles")
    void eachRoleLandsOnTheReportWithItsRole(String claimValue, Role role) throws Exception {
        String username = person(tenant, List.of(claimValue), null);

        SignIn signIn = signIn(username);

        assertThat(signIn.target()).isEqualTo("/");
        assertThat(signIn.authentication()).isInstanceOf(OAuth2AuthenticationToken.class);
        assertThat(signIn.authentication().getPrincipal()).isInstanceOf(DirectoryUser.class);
        assertThat(signIn.authentication().getName()).isEqualTo(username);
        assertThat(signIn.authentication().getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_" + role.name());
        AppUserPrincipal user = signIn.user();
        assertThat(user.role()).isEqualTo(role);
        assertThat(user.organisationId()).isEqualTo(organisation.id());
        assertThat(user.departments()).isEmpty();
        UserAccount stored = users.findInOrganisation(organisation.id(), user.userId()).orElseThrow();
        assertThat(stored.directoryUser()).isTrue();
        assertThat(stored.displayName()).isEqualTo("Directory " + username.substring(4, 12));
        assertThat(users.findById(user.userId()).orElseThrow().passwordHash()).as("no password").isNull();

        // The UI shows the report to the directory user, who is the current user of the services.
        showUiAs(signIn.authentication());
        UI.getCurrent().navigate(ReportView.class);
        assertThat(activeView()).isInstanceOf(ReportView.class);
        assertThat(applicationContext.getBean(CurrentUser.class).require().userId()).isEqualTo(user.userId());
        MenuBar userMenu = LocatorJ._get(MenuBar.class, spec -> spec.withId("user-menu-bar"));
        assertThatThrownBy(() -> ContextMenuKt._clickItemWithID(userMenu, "change-password"))
                .as("a directory user has no password to change").isInstanceOf(AssertionError.class);
        assertThat(LocatorJ._find(userMenu, Span.class)).extracting(Span::getText).contains(stored.displayName());
        assertThat(auditOf(organisation.id())).contains("user.created " + username + ": " + role.name()
                + " (from the directory)", "login.succeeded directory sign-in");
    }

    @Test
    void aLimitedViewerGetsTheDepartmentsOfTheDirectory() throws Exception {
        SignIn array = signIn(person(tenant, List.of("VirtualVisits.ReportViewer"), List.of("Cardiology", "Oncology")));
        assertThat(array.target()).isEqualTo("/");
        assertThat(array.user().departments()).containsExactlyInAnyOrder("Cardiology", "Oncology");

        SignIn single = signIn(person(tenant, List.of("VirtualVisits.ReportViewer"), "Cardiology"));
        assertThat(single.user().departments()).containsExactly("Cardiology");
        assertThat(users.findById(single.user().userId()).orElseThrow().departments()).containsExactly("Cardiology");
    }

    // --- refusals -----------------------------------------------------------------------------------

    @Test
    void aPersonWithoutRoleIsRefusedWithOurPage() throws Exception {
        String username = person(tenant, List.of("Some.Other.App"), null);

        SignIn signIn = signIn(username);

        assertThat(signIn.target()).isEqualTo("/sign-in-refused?reason=no-role");
        assertThat(signIn.authentication()).isNull();
        assertThat(users.findByUsername(username)).as("no user is created").isEmpty();
        assertThat(auditOf(organisation.id())).anyMatch(entry -> entry.startsWith("login.failed directory sign-in refused: no role"));

        UI.getCurrent().navigate("sign-in-refused", QueryParameters.of("reason", "no-role"));
        assertThat(activeView()).isInstanceOf(SignInRefusedView.class);
        assertThat(LocatorJ._find(Paragraph.class)).extracting(Paragraph::getText)
                .contains("Your directory account has no role in this application.",
                        "Ask your administrator for access to Virtual Visits Analytics.");
    }

    @Test
    void anotherTenantIsRefusedAndSeesNothing() throws Exception {
        String username = person(UUID.randomUUID().toString(), List.of("VirtualVisits.GlobalAdmin"), null);

        SignIn signIn = signIn(username);

        assertThat(signIn.target()).isEqualTo("/sign-in-refused?reason=unknown-tenant");
        assertThat(signIn.authentication()).isNull();
        assertThat(users.findByUsername(username)).isEmpty();
        assertThat(mvc.perform(get("/").session(signIn.session())).andReturn().getResponse().getRedirectedUrl())
                .as("the session is not signed in").endsWith("/login");
    }

    @Test
    void aTokenWithoutTenantIsRefused() throws Exception {
        assertThat(signIn(person(null, List.of("VirtualVisits.GlobalAdmin"), null)).target())
                .isEqualTo("/sign-in-refused?reason=unknown-tenant");
    }

    @Test
    void theConfiguredTenantIdIsTheDefaultOrganisations() throws Exception {
        SignIn signIn = signIn(person(DEFAULT_TENANT, List.of("VirtualVisits.ReportViewer"), null));
        assertThat(signIn.target()).isEqualTo("/");
        assertThat(signIn.user().organisationId())
                .isEqualTo(organisations.findBySlug(DefaultOrganisation.SLUG).orElseThrow().id());
    }

    /** Another organisation cannot claim the tenant configured for the default organisation. */
    @Test
    void theConfiguredTenantCannotBeClaimedByAnotherOrganisation() throws Exception {
        login(fixture.newUser(organisation, Role.GLOBAL_ADMIN).username());
        org.virtualvisits.analytics.admin.OrganisationSettings settings =
                applicationContext.getBean(org.virtualvisits.analytics.admin.OrganisationSettings.class);
        assertThatThrownBy(() -> settings.updateEntraTenantId(DEFAULT_TENANT.toUpperCase()))
                .isInstanceOf(org.virtualvisits.analytics.admin.AdminException.class);
        assertThat(settings.entraTenantId()).isEqualTo(tenant);
        logout();

        // Even a row that names it (written before this rule existed) does not take the default's people.
        Organisation other = fixture.newOrganisation();
        assertThat(organisations.setEntraTenantId(other.id(), DEFAULT_TENANT)).isTrue();
        try {
            SignIn signIn = signIn(person(DEFAULT_TENANT, List.of("VirtualVisits.GlobalAdmin"), null));
            assertThat(signIn.user().organisationId())
                    .isEqualTo(organisations.findBySlug(DefaultOrganisation.SLUG).orElseThrow().id());
        } finally {
            organisations.setEntraTenantId(other.id(), null);
        }
    }

    @Test
    void aDisabledUserStaysRefused() throws Exception {
        String username = person(tenant, List.of("VirtualVisits.TeamsAdmin"), null);
        AppUserPrincipal user = signIn(username).user();
        users.setEnabled(organisation.id(), user.userId(), false);

        SignIn again = signIn(username);

        assertThat(again.target()).isEqualTo("/sign-in-refused?reason=disabled");
        assertThat(again.authentication()).isNull();
        assertThat(users.findById(user.userId()).orElseThrow().enabled()).isFalse();
        assertThat(auditOf(organisation.id())).anyMatch(e -> e.equals("login.failed directory sign-in refused: user disabled"));
    }

    @Test
    void disablingADirectoryUserEndsTheirOpenSessionLikeAPasswordUsers() throws Exception {
        String username = person(tenant, List.of("VirtualVisits.ReportViewer"), null);
        SignIn signIn = signIn(username);
        MockHttpSession session = signIn.session();
        mvc.perform(get("/actuator/health").session(session));
        assertThat(session.isInvalid()).as("still valid").isFalse();

        users.setEnabled(organisation.id(), signIn.user().userId(), false);
        // The re-check runs at most every few seconds per session; pretend that time has passed.
        session.setAttribute(SignedInUserCheckFilter.class.getName() + ".checkedAt", 0L);
        mvc.perform(get("/actuator/health").session(session));

        assertThat(session.isInvalid()).as("disabled: the session ends").isTrue();
    }

    @Test
    void aRoleChangeInTheDirectoryTakesEffectAtTheNextSignIn() throws Exception {
        String username = person(tenant, List.of("VirtualVisits.ReportViewer"), List.of("Cardiology"));
        AppUserPrincipal first = signIn(username).user();
        assertThat(first.role()).isEqualTo(Role.REPORT_VIEWER);

        provider().person(username, claims(username, tenant, List.of("VirtualVisits.GlobalAdmin"), List.of("Cardiology")));
        SignIn second = signIn(username);

        assertThat(second.user().userId()).as("the same user").isEqualTo(first.userId());
        assertThat(second.user().role()).isEqualTo(Role.GLOBAL_ADMIN);
        assertThat(second.user().departments()).as("departments limit viewers only").isEmpty();
        assertThat(second.authentication().getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_GLOBAL_ADMIN");
        assertThat(users.findById(first.userId()).orElseThrow().role()).isEqualTo(Role.GLOBAL_ADMIN);
        assertThat(auditOf(organisation.id())).contains("user.updated " + username
                + ": REPORT_VIEWER [Cardiology] → GLOBAL_ADMIN (from the directory)");

        // Taking every role away refuses the next sign-in and leaves the user as it was.
        provider().person(username, claims(username, tenant, List.of(), null));
        assertThat(signIn(username).target()).isEqualTo("/sign-in-refused?reason=no-role");
        assertThat(users.findById(first.userId()).orElseThrow().role()).isEqualTo(Role.GLOBAL_ADMIN);
    }

    @Test
    void aLocalAccountWithTheSameNameIsNotTakenOver() throws Exception {
        String username = person(tenant, List.of("VirtualVisits.GlobalAdmin"), null);
        users.create(organisation.id(), username, "Local", passwordEncoder.encode(TestFixture.PASSWORD),
                Role.REPORT_VIEWER, Set.of());

        assertThat(signIn(username).target()).isEqualTo("/sign-in-refused?reason=name-taken");
        assertThat(users.findByUsername(username).orElseThrow().role()).isEqualTo(Role.REPORT_VIEWER);
    }

    // --- the route x role matrix, for directory users -------------------------------------------------

    static Stream<Arguments> directoryPersonas() {
        return Stream.of(Arguments.of(Persona.GLOBAL_ADMIN, "VirtualVisits.GlobalAdmin", null),
                Arguments.of(Persona.TEAMS_ADMIN, "VirtualVisits.TeamsAdmin", null),
                Arguments.of(Persona.REPORT_VIEWER, "VirtualVisits.ReportViewer", null),
                Arguments.of(Persona.DEPARTMENT_VIEWER, "VirtualVisits.ReportViewer", "Cardiology"));
    }

    @ParameterizedTest(name = "directory user as {0}")
    @MethodSource("directoryPersonas")
    void everyRouteIsOpenToADirectoryUserExactlyAsToAPasswordUserOfTheRole(Persona persona, String role,
            String department) throws Exception {
        SignIn signIn = signIn(person(tenant, List.of(role), department));
        assertThat(signIn.target()).isEqualTo("/");
        for (Class<? extends Component> route : RouteAuthorizationMatrixTest.registeredRoutes()) {
            showUiAs(signIn.authentication());
            String template = RouteConfiguration.forApplicationScope().getTemplate(route).orElseThrow();
            String url = Stream.of(template.split("/")).map(s -> s.startsWith(":") ? "1" : s)
                    .collect(Collectors.joining("/"));
            try {
                UI.getCurrent().navigate(url);
                MockVaadin.clientRoundtrip();
            } catch (RuntimeException denied) {
                // Karibu's error views throw on "access denied": the view was not shown.
            }
            boolean allowed = RouteAuthorizationMatrixTest.EXPECTED.get(route).contains(persona);
            if (allowed) {
                assertThat(activeView()).as("%s opens %s", persona, url).isInstanceOf(route);
            } else {
                assertThat(activeView()).as("%s must not see %s", persona, url).isNotInstanceOf(route);
            }
        }
    }

    // --- the login page and password sign-in ----------------------------------------------------------

    @Test
    void theLoginPageOffersTheDirectoryAndHidesTheFormButAtLoginLocal() {
        UI.getCurrent().navigate("login");
        assertThat(LocatorJ._get(com.vaadin.flow.component.button.Button.class).getText())
                .isEqualTo("Sign in with Contoso");
        assertThat(LocatorJ._find(LoginForm.class)).as("no visible form").isEmpty();

        UI.getCurrent().navigate("login", QueryParameters.of("local", ""));
        assertThat(LocatorJ._get(LoginForm.class).isVisible()).isTrue();
    }

    @Test
    void passwordSignInIsClosedForAllButTheBreakGlassUser() throws Exception {
        users.create(organisation.id(), BREAK_GLASS + "-" + UUID.randomUUID().toString().substring(0, 4), "x",
                passwordEncoder.encode(TestFixture.PASSWORD), Role.GLOBAL_ADMIN, Set.of());
        AppUserPrincipal local = fixture.newUser(organisation, Role.GLOBAL_ADMIN);

        assertThat(TestFixture.postLoginForm(mvc, local.username(), TestFixture.PASSWORD, null).getResponse()
                .getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(TestFixture.postLoginForm(mvc, "admin", "demo-password", null).getResponse()
                .getRedirectedUrl()).as("the demo admin too").isEqualTo("/login?error");

        if (users.findByUsername(BREAK_GLASS).isEmpty()) {
            users.create(organisation.id(), BREAK_GLASS, "Break glass", passwordEncoder.encode(TestFixture.PASSWORD),
                    Role.GLOBAL_ADMIN, Set.of());
        }
        TestFixture.signInByForm(mvc, BREAK_GLASS, TestFixture.PASSWORD);
    }

    // --- sign-out --------------------------------------------------------------------------------------

    @Test
    void signOutEndsTheSessionHereAndAtTheProvider() throws Exception {
        String username = person(tenant, List.of("VirtualVisits.ReportViewer"), null);
        SignIn signIn = signIn(username);
        String idToken = ((DirectoryUser) signIn.authentication().getPrincipal()).getIdToken().getTokenValue();

        MvcResult logout = mvc.perform(post(URI.create(APP + "/logout")).session(signIn.session()).with(csrf()))
                .andReturn();

        String endSession = logout.getResponse().getRedirectedUrl();
        assertThat(endSession).startsWith(provider().issuer() + "/connect/logout")
                .contains("id_token_hint=" + idToken)
                .contains("post_logout_redirect_uri=" + APP + "/login");
        assertThat(signIn.session().isInvalid()).as("the local session ends").isTrue();
        // The provider ends its session too and sends the browser back to our login page.
        assertThat(signIn.browser().follow(endSession, username, TestOidcProvider.PASSWORD))
                .startsWith(APP + "/login");
    }
}
