package org.virtualvisits.analytics.security.sso;

import java.util.Objects;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.virtualvisits.analytics.security.AppUserPrincipal;

/**
 * The principal of a directory sign-in: Spring's {@link OidcUser} (its ID token is what the provider's
 * sign-out needs) carrying our user, whose role gives the authorities. Everything else in the
 * application sees the {@link AppUserPrincipal} (CurrentUser, the report scope, the session check).
 */
public class DirectoryUser extends DefaultOidcUser implements AppUserPrincipal.Carrier {

    private final AppUserPrincipal user;

    public DirectoryUser(AppUserPrincipal user, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(user.getAuthorities(), idToken, userInfo, "sub");
        this.user = user.withoutPassword();
    }

    @Override
    public AppUserPrincipal appUser() {
        return user;
    }

    /** Our username, as for a password sign-in (audit entries, Authentication#getName). */
    @Override
    public String getName() {
        return user.username();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DirectoryUser that && super.equals(that) && user.equals(that.user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), user);
    }

    @Override
    public String toString() {
        return "DirectoryUser[" + user + "]";
    }
}
