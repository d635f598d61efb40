package org.virtualvisits.analytics.shell;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.KaribuTest;

/** A refusal is a page of ours, inside the layout: never the framework's page with its route list. */
class ErrorPagesTest extends KaribuTest {

    @Test
    void aViewerOpeningAnAdministrationPageIsToldSoInsideTheLayout() {
        login("viewer");
        UI.getCurrent().navigate("admin/users");
        AccessDeniedPage page = _get(AccessDeniedPage.class);
        assertThat(_get(page, H1.class).getText()).isEqualTo("You don't have access to this page");
        assertThat(_get(page, Anchor.class).getHref()).isEqualTo("/");
        assertThat(page.getParent()).as("inside the layout's main landmark").hasValueSatisfying(parent -> {
            assertThat(parent).isInstanceOf(com.vaadin.flow.component.html.Main.class);
            assertThat(parent.getParent()).containsInstanceOf(MainLayout.class);
        });
    }

    @Test
    void theRefusalAnswersHttp403() {
        login("viewer");
        UI.getCurrent().navigate("admin/tokens");
        assertThat(_get(AccessDeniedPage.class).setErrorParameter(null, null)).isEqualTo(403);
    }

    /** The page itself; that an unknown address reaches it inside the layout is the browser test's (Karibu ignores unknown routes). */
    @Test
    void anUnknownAddressIsOurPageWithTheWayBackAndAnswersHttp404() {
        login("viewer");
        NotFoundPage page = new NotFoundPage();
        assertThat(page.setErrorParameter(null, null)).isEqualTo(404);
        assertThat(_get(page, H1.class).getText()).isEqualTo("Page not found");
        assertThat(_get(page, Anchor.class).getHref()).isEqualTo("/");
    }
}
