package org.virtualvisits.analytics.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The signed-in user, for services and views. Services take the organisation from here,
 * never from a parameter a caller could forge.
 */
@Component
public class CurrentUser {

    public Optional<AppUserPrincipal> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? Optional.empty() : AppUserPrincipal.of(authentication.getPrincipal());
    }

    public AppUserPrincipal require() {
        return get().orElseThrow(() -> new IllegalStateException("No signed-in user"));
    }
}
