package org.virtualvisits.analytics;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.virtualvisits.analytics.security.AppUserPrincipal;

/**
 * Browserless UI tests (Karibu-Testing) inside the real Spring context: routes discovered
 * once, a mocked Vaadin servlet per test, {@link #login(String)} signs a user in as the
 * login form would.
 */
@IntegrationTest
public abstract class KaribuTest {

    private static Routes routes;

    @Autowired
    protected ApplicationContext applicationContext;

    @Autowired
    protected TestFixture fixture;

    @BeforeAll
    static void discoverRoutes() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("org.virtualvisits.analytics");
        }
    }

    @BeforeEach
    void setUpVaadin() {
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, applicationContext, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        logout();
        MockVaadin.tearDown();
    }

    /** Signs in the given user (from the database, with the roles it has there) and reloads the UI. */
    protected void login(String username) {
        AppUserPrincipal user = fixture.signIn(username);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(SecurityContextHolder.getContext().getAuthentication());
        request.setUserInRole((principal, role) -> user.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + role)));
        UI.getCurrent().getPage().reload();
    }

    protected void logout() {
        TestFixture.signOut();
        if (VaadinServletRequest.getCurrent() != null) {
            FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
            request.setUserPrincipalInt(null);
            request.setUserInRole((principal, role) -> false);
        }
    }
}
