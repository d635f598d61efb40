package org.virtualvisits.analytics.security.sso.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.virtualvisits.analytics.security.sso.DirectorySignInRefused;

/**
 * Where a refused directory sign-in ends: what to do (ask the administrator) and, when we know it,
 * why. Any other value of {@code reason} reads as "did not complete".
 */
@Route(value = "sign-in-refused", autoLayout = false)
@AnonymousAllowed
public class SignInRefusedView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Paragraph reason = new Paragraph();

    public SignInRefusedView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        getElement().setAttribute("role", "main"); // the page's main landmark (this view has no layout)
        reason.setId("sign-in-refused-reason");
        Anchor back = new Anchor("login", getTranslation("sso.refused.back"));
        add(new H1(getTranslation("sso.refused.title")), reason,
                new Paragraph(getTranslation("sso.refused.ask")), back);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String code = event.getLocation().getQueryParameters().getSingleParameter("reason").orElse("");
        String known = DirectorySignInRefused.Reason.ofCode(code).map(DirectorySignInRefused.Reason::code)
                .orElse("failed");
        reason.setText(getTranslation("sso.refused.reason." + known));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sso.refused.title") + " · " + getTranslation("app.name");
    }
}
