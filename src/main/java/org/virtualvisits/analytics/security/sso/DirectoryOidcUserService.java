package org.virtualvisits.analytics.security.sso;

import java.util.HashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.virtualvisits.analytics.security.AppUserPrincipal;

/**
 * Spring's OIDC user service (ID token already validated, UserInfo fetched when offered), then our
 * mapping: the ID token's claims (over the UserInfo's) make the user through {@link DirectorySignIn}.
 * A refusal becomes an authentication failure whose error code is the refusal's.
 */
@Component
public class DirectoryOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final DirectorySignIn signIn;
    private final SsoProperties properties;

    DirectoryOidcUserService(DirectorySignIn signIn, SsoProperties properties) {
        this.signIn = signIn;
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidcUser = delegate.loadUser(request);
        Map<String, Object> claims = new HashMap<>();
        if (oidcUser.getUserInfo() != null) {
            claims.putAll(oidcUser.getUserInfo().getClaims());
        }
        // The ID token is what the provider signed for us: its tenant and roles count, not UserInfo's.
        claims.putAll(oidcUser.getIdToken().getClaims());
        DirectoryClaims read = DirectoryClaims.read(claims, properties);
        String issuer = oidcUser.getIdToken().getClaimAsString("iss");
        AppUserPrincipal user;
        try {
            user = signInOnce(issuer, oidcUser.getSubject(), read);
        } catch (DirectorySignInRefused refused) {
            throw new OAuth2AuthenticationException(new OAuth2Error(refused.reason().code(), refused.getMessage(), null),
                    refused.getMessage());
        }
        return new DirectoryUser(user, oidcUser.getIdToken(), oidcUser.getUserInfo());
    }

    /** A first sign-in racing another of the same person loses on the unique index; the second try finds the user. */
    private AppUserPrincipal signInOnce(String issuer, String subject, DirectoryClaims claims) {
        try {
            return signIn.signIn(issuer, subject, claims);
        } catch (DuplicateKeyException race) {
            return signIn.signIn(issuer, subject, claims);
        }
    }
}
