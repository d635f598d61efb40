package org.virtualvisits.analytics.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.Map;
import java.util.List;
import org.virtualvisits.analytics.security.sso.DirectorySignInOptions;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();
    private final DirectorySignInOptions directory;
    private String prefilledUsername;

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
            // A button, not a button inside a link (nested controls confuse screen readers); a full
            // page load, since the sign-in leaves the application for the provider.
            Button signIn = new Button(directory.buttonLabel(), e -> e.getSource().getUI().ifPresent(ui ->
                    ui.getPage().setLocation(DirectorySignInOptions.AUTHORIZATION_PATH.substring(1))));
            signIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
            signIn.setId("directory-sign-in");
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
        prefilledUsername = null;
        if (parameters.containsKey("error")) {
            login.setError(true);
            prefillUsername();
        }
        boolean formAskedFor = parameters.containsKey("local") || parameters.containsKey("error");
        login.setVisible(directory.localFormShown() || formAskedFor);
    }

    /** The username of the failed attempt, typed again into the form (the password field gets the focus). */
    private void prefillUsername() {
        VaadinSession session = VaadinSession.getCurrent();
        Object attempted = session == null || session.getSession() == null ? null
                : session.getSession().getAttribute(AttemptedUsername.ATTRIBUTE);
        prefilledUsername = attempted instanceof String username ? username : null;
        if (prefilledUsername != null) {
            // The form's fields are the web component's own light-DOM children, created when it renders.
            login.getElement().executeJs("""
                    const form = this, name = $0; let tries = 0;
                    const fill = () => {
                      const user = form.querySelector('vaadin-text-field[name="username"]');
                      if (!user) { if (tries++ < 100) requestAnimationFrame(fill); return; }
                      user.value = name;
                      const password = form.querySelector('vaadin-password-field[name="password"]');
                      // after the form's own autofocus on the username, which runs a frame later
                      if (password) { requestAnimationFrame(() => setTimeout(() => password.focus(), 0)); }
                    };
                    fill();""", prefilledUsername);
        }
    }

    /** What the form was given to show again (null: nothing), for tests. */
    String prefilledUsername() {
        return prefilledUsername;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
