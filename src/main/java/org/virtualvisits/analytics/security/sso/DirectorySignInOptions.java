package org.virtualvisits.analytics.security.sso;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * Whether directory sign-in is on (Spring Boot registered the client {@code entra}) and what it
 * changes for the login page and the password sign-in.
 */
@Component
public class DirectorySignInOptions {

    /** Where the sign-in button points: Spring Security's authorization request for the registration. */
    public static final String AUTHORIZATION_PATH = "/oauth2/authorization/" + SsoProperties.REGISTRATION_ID;

    private final boolean enabled;
    private final SsoProperties properties;

    DirectorySignInOptions(ObjectProvider<ClientRegistrationRepository> registrations, SsoProperties properties) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        this.enabled = repository != null && repository.findByRegistrationId(SsoProperties.REGISTRATION_ID) != null;
        this.properties = properties;
    }

    public boolean enabled() {
        return enabled;
    }

    public String buttonLabel() {
        return properties.displayName();
    }

    /** Whether the login page shows the username and password form to everybody. */
    public boolean localFormShown() {
        return !enabled || properties.localLogin();
    }

    /** Whether this username may sign in with a password (all may, unless directory sign-in closes it). */
    public boolean allowsPasswordSignIn(String username) {
        return !enabled || properties.allowsPasswordSignIn(username);
    }
}
