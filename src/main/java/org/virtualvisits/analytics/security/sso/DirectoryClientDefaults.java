package org.virtualvisits.analytics.security.sso;

import java.util.Set;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.stereotype.Component;

/**
 * Gives the {@code entra} registration the scopes {@code openid, profile, email} when none are set:
 * Spring Boot would otherwise ask for every scope the provider announces. Touches nothing when the
 * registration is not configured.
 */
@Component
class DirectoryClientDefaults implements BeanPostProcessor {

    static final Set<String> DEFAULT_SCOPES = Set.of("openid", "profile", "email");

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof OAuth2ClientProperties properties) {
            OAuth2ClientProperties.Registration entra = properties.getRegistration().get(SsoProperties.REGISTRATION_ID);
            if (entra != null && (entra.getScope() == null || entra.getScope().isEmpty())) {
                entra.setScope(DEFAULT_SCOPES);
            }
        }
        return bean;
    }
}
