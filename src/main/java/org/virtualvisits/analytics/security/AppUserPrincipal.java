package org.virtualvisits.analytics.security;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
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

    /** Drops the hash once authenticated so it never sits in an HTTP session. */
    public AppUserPrincipal withoutPassword() {
        return new AppUserPrincipal(userId, organisationId, username, displayName, "", role, departments, enabled);
    }

    @Override
    public String toString() {
        return "AppUserPrincipal[" + username + ", org " + organisationId + ", " + role + "]";
    }
}
