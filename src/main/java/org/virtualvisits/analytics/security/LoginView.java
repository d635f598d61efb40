package org.virtualvisits.analytics.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Map;
import java.util.List;
import org.virtualvisits.analytics.security.sso.DirectorySignInOptions;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();
    private final DirectorySignInOptions directory;

    /**
     * With directory sign-in on, its button comes first; when it closes password sign-in the form
     * shows only at {@code login?local} (the break-glass admin's way in) or after a failed attempt.
     */
    public LoginView(DirectorySignInOptions directory) {
        this.directory = directory;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("vva-login");
        getElement().setAttribute("role", "main"); // the page's main landmark (this view has no layout)

        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        // One message whatever went wrong (unknown user, wrong password, disabled, locked).
        i18n.getErrorMessage().setMessage(getTranslation("login.error.generic"));
        login.setI18n(i18n);
        login.setForgotPasswordButtonVisible(false);
        login.setAction("login");

        add(new H1(getTranslation("app.name")), new Paragraph(getTranslation("login.subtitle")));
        if (directory.enabled()) {
            Button button = new Button(directory.buttonLabel());
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
            Anchor signIn = new Anchor(DirectorySignInOptions.AUTHORIZATION_PATH.substring(1), button);
            signIn.setId("directory-sign-in");
            // A full page load: the sign-in leaves the application for the provider.
            signIn.setRouterIgnore(true);
            add(signIn);
            if (directory.localFormShown()) {
                add(new Paragraph(getTranslation("sso.or")));
            }
        }
        add(login);
        login.setVisible(directory.localFormShown());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("error")) {
            login.setError(true);
        }
        boolean formAskedFor = parameters.containsKey("local") || parameters.containsKey("error");
        login.setVisible(directory.localFormShown() || formAskedFor);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
