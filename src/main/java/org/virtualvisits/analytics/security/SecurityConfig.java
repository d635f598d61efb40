package org.virtualvisits.analytics.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** bcrypt by default, with the algorithm id stored so it can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The HTTP API: stateless, bearer tokens with scopes, problem+json for 401 and 403.
     * Ordered before the UI chain so /api/** never meets form login or sessions.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokens tokens) throws Exception {
        http.securityMatcher(PATHS.matcher("/api/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/v1/events"))
                        .hasAuthority(ApiScope.EVENTS_WRITE.authority())
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/v1/visits"),
                                PATHS.matcher(HttpMethod.GET, "/api/v1/daily"))
                        .hasAuthority(ApiScope.REPORT_READ.authority())
                        .anyRequest().authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                                    "A valid API token is required: send it as 'Authorization: Bearer <token>'.");
                        })
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(response,
                                HttpStatus.FORBIDDEN, "This API token does not have the scope this call needs.")));
        return http.build();
    }

    /** The web UI: form login through the Vaadin login view; actuator closed but for health. */
    @Bean
    @Order(2)
    SecurityFilterChain webSecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(PATHS.matcher("/actuator/health"), PATHS.matcher("/actuator/health/**")).permitAll()
                .requestMatchers(PATHS.matcher("/actuator/**")).denyAll()
                .requestMatchers(PATHS.matcher("/images/**"), PATHS.matcher("/icons/**")).permitAll()
                // The API description is public; the API itself is not.
                .requestMatchers(PATHS.matcher("/v3/api-docs"), PATHS.matcher("/v3/api-docs/**"),
                        PATHS.matcher("/swagger-ui.html"), PATHS.matcher("/swagger-ui/**")).permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login"));
        return http.build();
    }
}
