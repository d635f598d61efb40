package org.virtualvisits.analytics.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.virtualvisits.analytics.base.audit.AuditEvent;
import org.virtualvisits.analytics.security.ApiScope;
import org.virtualvisits.analytics.security.ApiToken;
import org.virtualvisits.analytics.security.ApiTokens;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.CurrentUser;

/**
 * The HTTP API tokens of the signed-in global admin's organisation. A new token's secret is
 * returned once, here, and stored only as a hash; a token of another organisation is "not found".
 */
@Service
@Transactional
@PreAuthorize("hasRole('GLOBAL_ADMIN')")
public class TokenAdministration {

    static final int MAX_NAME = 100;

    /** A token just created, with the secret that is never shown again. */
    public record CreatedToken(long id, String name, Set<ApiScope> scopes, String secret) {

        @Override
        public String toString() {
            return "CreatedToken[" + id + ", " + name + ", " + scopes + "]";
        }
    }

    private final ApiTokens tokens;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    TokenAdministration(ApiTokens tokens, CurrentUser currentUser, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.currentUser = currentUser;
        this.events = events;
    }

    /** Newest first, revoked ones included (they show when they were revoked). */
    @Transactional(readOnly = true)
    public List<ApiToken> tokens() {
        return tokens.findByOrganisation(admin().organisationId());
    }

    public CreatedToken create(String name, Set<ApiScope> scopes) {
        AppUserPrincipal admin = admin();
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new AdminException("admin.error.token.name", MAX_NAME);
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new AdminException("admin.error.token.scopes");
        }
        Set<ApiScope> granted = EnumSet.copyOf(scopes);
        String secret = ApiTokens.newSecret();
        long id = tokens.create(admin.organisationId(), trimmed, granted, secret, admin.username());
        audit(admin, "token.created", trimmed + " (" + scopeList(granted) + ")");
        return new CreatedToken(id, trimmed, granted, secret);
    }

    public void revoke(long tokenId) {
        AppUserPrincipal admin = admin();
        ApiToken token = tokens.findByOrganisation(admin.organisationId()).stream()
                .filter(t -> t.id() == tokenId).findFirst()
                .orElseThrow(AdminException::notFound);
        if (tokens.revoke(admin.organisationId(), tokenId)) {
            audit(admin, "token.revoked", token.name() + " (" + scopeList(token.scopes()) + ")");
        }
    }

    private static String scopeList(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::value).sorted().collect(Collectors.joining(", "));
    }

    private AppUserPrincipal admin() {
        return currentUser.require();
    }

    private void audit(AppUserPrincipal admin, String action, String detail) {
        events.publishEvent(new AuditEvent(admin.organisationId(), admin.username(), action, detail));
    }
}
