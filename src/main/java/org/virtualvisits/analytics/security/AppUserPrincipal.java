package org.virtualvisits.analytics.security;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user: who they are, which organisation they belong to and, for a
 * department-limited viewer, which departments they may see (empty = all).
 */
public record AppUserPrincipal(
        long userId,
        long organisationId,
        String username,
        String displayName,
        String passwordHash,
        Role role,
        Set<String> departments,
        boolean enabled) implements UserDetails, Serializable {

    public AppUserPrincipal {
        departments = departments == null ? Set.of() : Set.copyOf(departments);
    }

    /**
     * A principal of another kind that stands for an application user: the directory (OpenID Connect)
     * sign-in keeps Spring's OidcUser as principal, for the provider's sign-out, and carries the user in it.
     */
    public interface Carrier {
        AppUserPrincipal appUser();
    }

    /** The application user an authentication's principal is or carries; empty for API tokens and anonymous. */
    public static Optional<AppUserPrincipal> of(Object principal) {
        if (principal instanceof AppUserPrincipal user) {
            return Optional.of(user);
        }
        return principal instanceof Carrier carrier ? Optional.ofNullable(carrier.appUser()) : Optional.empty();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Replaces the hash by its fingerprint once authenticated: the hash never sits in an HTTP session,
     * while the fingerprint still tells that the password changed since (SignedInUserCheckFilter).
     */
    public AppUserPrincipal withoutPassword() {
        return new AppUserPrincipal(userId, organisationId, username, displayName, credentialStamp(passwordHash), role,
                departments, enabled);
    }

    /** The same user after a password change, as {@link #withoutPassword()} keeps it in a session. */
    AppUserPrincipal withPasswordHash(String newHash) {
        return new AppUserPrincipal(userId, organisationId, username, displayName, newHash, role, departments, enabled)
                .withoutPassword();
    }

    /** Whether this (signed-in) principal was authenticated with the password that {@code stored} has now. */
    boolean hasPasswordOf(AppUserPrincipal stored) {
        return credentialStamp(passwordHash).equals(credentialStamp(stored.passwordHash()));
    }

    private static final String STAMP = "stamp:";

    /** A fingerprint of a password hash (the first 96 bits of its SHA-256); a fingerprint stays as it is. */
    static String credentialStamp(String passwordHash) {
        if (passwordHash == null || passwordHash.isEmpty() || passwordHash.startsWith(STAMP)) {
            return passwordHash == null ? "" : passwordHash;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return STAMP + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "AppUserPrincipal[" + username + ", org " + organisationId + ", " + role + "]";
    }
}
