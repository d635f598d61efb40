package org.virtualvisits.analytics.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteData;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.admin.AuditEntry;
import org.virtualvisits.analytics.admin.UserAdministration.UserListItem;
import org.virtualvisits.analytics.admin.ui.ApiTokensView;
import org.virtualvisits.analytics.admin.ui.AuditLogView;
import org.virtualvisits.analytics.admin.ui.OrganisationSettingsView;
import org.virtualvisits.analytics.admin.ui.UsersView;
import org.virtualvisits.analytics.report.ui.ReportView;
import org.virtualvisits.analytics.security.sso.ui.SignInRefusedView;
import org.virtualvisits.analytics.teams.ui.TeamsConnectionView;
import org.virtualvisits.analytics.subscriptions.ui.SubscriptionsView;
import org.virtualvisits.analytics.visits.Visit;

/**
 * The authorization matrix of the web UI: every {@code @Route} of the route registry, opened by
 * every {@link Persona}. {@link #EXPECTED} is the explicit access table; a route that is not in
 * it fails the build, so a new view cannot ship without a decision about who may open it.
 * Where a view shows grids, every row must belong to the persona's organisation (and, for the
 * department-limited viewer, to their department).
 */
class RouteAuthorizationMatrixTest extends KaribuTest {

    private static final String PACKAGE = "org.virtualvisits.analytics";

    /** Who may open which route. Add a line here for every new route. */
    static final Map<Class<? extends Component>, Set<Persona>> EXPECTED = Map.of(
            LoginView.class, EnumSet.allOf(Persona.class),
            SignInRefusedView.class, EnumSet.allOf(Persona.class),
            ReportView.class, Persona.SIGNED_IN,
            SubscriptionsView.class, Persona.SIGNED_IN,
            UsersView.class, Persona.GLOBAL_ADMINS,
            ApiTokensView.class, Persona.GLOBAL_ADMINS,
            OrganisationSettingsView.class, Persona.GLOBAL_ADMINS,
            AuditLogView.class, Persona.GLOBAL_ADMINS,
            TeamsConnectionView.class, Persona.GLOBAL_ADMINS);

    @Autowired
    UserAccounts users;

    /**
     * The routes as Karibu's route registry discovers them: every {@code @Route} class of the
     * application (it also lists {@code @Layout}s, which are not routes).
     */
    static Set<Class<? extends Component>> registeredRoutes() {
        return new Routes().autoDiscoverViews(PACKAGE).getRoutes().stream()
                .filter(c -> c.isAnnotationPresent(Route.class)).collect(Collectors.toSet());
    }

    static Stream<Arguments> routesTimesPersonas() {
        List<Arguments> cases = new ArrayList<>();
        for (Class<? extends Component> route : registeredRoutes()) {
            for (Persona persona : Persona.values()) {
                cases.add(Arguments.of(route.getSimpleName(), route, persona));
            }
        }
        return cases.stream();
    }

    @Test
    void everyRegisteredRouteHasAnEntryInTheAccessTable() {
        Set<Class<?>> live = RouteConfiguration.forApplicationScope().getAvailableRoutes().stream()
                .map(RouteData::getNavigationTarget).collect(Collectors.toSet());
        assertThat(live).as("routes registered in the running (mocked) Vaadin application")
                .containsExactlyInAnyOrderElementsOf(registeredRoutes());
        assertThat(EXPECTED.keySet())
                .as("the access table must name exactly the registered routes (add new ones, drop removed ones)")
                .containsExactlyInAnyOrderElementsOf(registeredRoutes());
    }

    @ParameterizedTest(name = "{0} as {2}")
    @MethodSource("routesTimesPersonas")
    void routeIsOpenExactlyToItsPersonas(String name, Class<? extends Component> route, Persona persona) {
        Set<Persona> allowed = EXPECTED.get(route);
        assertThat(allowed).as("no entry for %s in the access table", route.getName()).isNotNull();
        if (persona != Persona.ANONYMOUS) {
            login(persona.username);
        }
        String url = url(route);
        try {
            UI.getCurrent().navigate(url);
            MockVaadin.clientRoundtrip();
        } catch (RuntimeException denied) {
            // Karibu's error views throw on "access denied" / "not found": the view was not shown.
        }
        HasElement shown = activeView();
        if (allowed.contains(persona)) {
            assertThat(shown).as("%s opens %s", persona, url).isInstanceOf(route);
            assertOnlyOwnData(persona);
        } else {
            assertThat(shown).as("%s must not see %s", persona, url).isNotInstanceOf(route);
            if (persona == Persona.ANONYMOUS) {
                assertThat(shown).as("anonymous users are sent to the login view").isInstanceOf(LoginView.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Persona.class, names = "ANONYMOUS", mode = EnumSource.Mode.EXCLUDE)
    void navigationOffersExactlyTheViewsThePersonaMayOpen(Persona persona) {
        login(persona.username);
        UI.getCurrent().navigate(ReportView.class);
        Set<String> offered = LocatorJ._find(SideNavItem.class).stream().map(SideNavItem::getPath)
                .collect(Collectors.toSet());
        Set<String> expected = EXPECTED.entrySet().stream()
                .filter(e -> e.getKey() != LoginView.class && e.getKey() != SignInRefusedView.class && e.getValue().contains(persona))
                .map(e -> url(e.getKey())).collect(Collectors.toSet());
        assertThat(offered).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String url(Class<? extends Component> route) {
        String template = RouteConfiguration.forApplicationScope().getTemplate(route).orElseThrow();
        // Routes with parameters are opened with a dummy value; access is decided before the value is used.
        return Stream.of(template.split("/")).map(s -> s.startsWith(":") ? "1" : s)
                .collect(Collectors.joining("/"));
    }

    private static HasElement activeView() {
        List<HasElement> chain = UI.getCurrent().getInternals().getActiveRouterTargetsChain();
        return chain.isEmpty() ? null : chain.get(0);
    }

    /** Every row of every grid on screen belongs to the persona's organisation (and departments). */
    @SuppressWarnings("unchecked")
    private void assertOnlyOwnData(Persona persona) {
        if (persona == Persona.ANONYMOUS) {
            return;
        }
        AppUserPrincipal me = users.findByUsername(persona.username).orElseThrow();
        for (Grid<?> grid : LocatorJ._find(Grid.class)) {
            for (Object row : GridKt._fetch((Grid<Object>) grid, 0, 1000)) {
                if (row instanceof Visit visit) {
                    assertThat(visit.meetingId()).contains(persona.meetingIdMarker);
                    if (!me.departments().isEmpty()) {
                        assertThat(me.departments()).contains(visit.department());
                    }
                } else if (row instanceof UserListItem user) {
                    assertThat(user.account().organisationId()).isEqualTo(me.organisationId());
                } else if (row instanceof ApiToken token) {
                    assertThat(token.organisationId()).isEqualTo(me.organisationId());
                } else if (row instanceof AuditEntry entry) {
                    users.findByUsername(entry.actor()).ifPresent(actor ->
                            assertThat(actor.organisationId()).as(entry.toString()).isEqualTo(me.organisationId()));
                }
            }
        }
    }
}
