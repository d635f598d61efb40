package org.virtualvisits.analytics.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.UidlRedirectStrategy;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.Filter;
import java.time.Clock;
import org.springframework.context.ApplicationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.virtualvisits.analytics.base.web.ApiErrorResponses;
import org.virtualvisits.analytics.security.sso.DirectoryOidcUserService;
import org.virtualvisits.analytics.security.sso.DirectorySignInFailureHandler;
import org.virtualvisits.analytics.security.sso.DirectorySignInOptions;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /**
     * The UI's Content-Security-Policy. Vaadin Flow needs inline and eval'd scripts (its
     * bootstrap page is inline, and it runs server-sent JavaScript with new Function: measured in
     * decision 0019) and inline styles (Lumo, component styles); everything else is locked down to
     * this origin, and the page may not be framed.
     */
    static final String UI_CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    /** JSON only: nothing to load, nothing to frame. */
    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /**
     * A request Spring Security's firewall refuses (a method outside GET, POST, ..., an encoded slash or
     * NUL in the path): under /api/ a problem document (405 for the method), elsewhere a bare 400.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
            if (!api) {
                response.sendError(HttpStatus.BAD_REQUEST.value());
                return;
            }
            boolean method = rejected.getMessage() != null && rejected.getMessage().contains("HTTP method");
            if (method) {
                response.setHeader("Allow", "GET, POST");
            }
            ApiErrorResponses.writeBeforeSecurity(response,
                    method ? HttpStatus.METHOD_NOT_ALLOWED : HttpStatus.BAD_REQUEST,
                    method ? "The API takes GET and POST only." : "The request was refused: " + rejected.getMessage());
        };
    }

    /** bcrypt by default, with the algorithm id stored so it can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Username and password sign-in with lockout; replaces Spring Boot's default provider built
     * from the {@link UserDetailsService} (which stays a bean for tests and tools).
     */
    @Bean
    AppAuthenticationProvider authenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder,
            LoginAttempts attempts, DirectorySignInOptions directory) {
        return new AppAuthenticationProvider(users, passwordEncoder, attempts, directory::allowsPasswordSignIn);
    }

    /**
     * Prometheus metrics for a scraper that holds {@code app.metrics.scrape-token} (decision 0015):
     * stateless, that token only; switched off (401 for everyone) while it is not set.
     */
    @Bean
    @Order(0)
    SecurityFilterChain metricsSecurityFilterChain(HttpSecurity http, MetricsScrapeProperties scrape) throws Exception {
        String refusal = scrape.enabled()
                ? "Send the metrics scrape token as 'Authorization: Bearer <token>'."
                : "The Prometheus endpoint is off: set app.metrics.scrape-token to switch it on.";
        statelessBearer(http, new ScrapeTokenFilter(scrape), refusal, refusal)
                .securityMatcher(PATHS.matcher("/actuator/prometheus"))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(ScrapeTokenFilter.AUTHORITY));
        return http.build();
    }

    /**
     * The HTTP API: stateless, bearer tokens with scopes, problem+json for 401 and 403.
     * Ordered before the UI chain so /api/** never meets form login or sessions.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokens tokens, ApplicationContext context)
            throws Exception {
        http.addFilterBefore(new ApiErrorResponses(context), SecurityContextHolderFilter.class);
        statelessBearer(http, new BearerTokenFilter(tokens),
                "A valid API token is required: send it as 'Authorization: Bearer <token>'.",
                "This API token does not have the scope this call needs.")
                // The container's error dispatch of a failed API request stays here: never the UI's login.
                .securityMatcher(request -> PATHS.matcher("/api/**").matches(request)
                        || ApiErrorResponses.isApiErrorDispatch(request))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/v1/events"))
                        .hasAuthority(ApiScope.EVENTS_WRITE.authority())
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/v1/visits"),
                                PATHS.matcher(HttpMethod.GET, "/api/v1/daily"))
                        .hasAuthority(ApiScope.REPORT_READ.authority())
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * What the API and metrics chains share: no session, no CSRF (the credential is a header, not a cookie),
     * the bearer filter before the anonymous one, locked-down headers, and problem+json for 401 (with
     * {@code WWW-Authenticate: Bearer}) and 403.
     */
    private static HttpSecurity statelessBearer(HttpSecurity http, Filter bearerFilter, String unauthorized,
                                                String forbidden) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .addFilterBefore(bearerFilter, AnonymousAuthenticationFilter.class)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ApiErrorResponses.write(response, HttpStatus.UNAUTHORIZED, unauthorized);
                        })
                        .accessDeniedHandler((request, response, e) ->
                                ApiErrorResponses.write(response, HttpStatus.FORBIDDEN, forbidden)));
    }

    /**
     * The web UI: form login through the Vaadin login view; actuator closed but for health.
     * On sign-in the session keeps its content but gets a new id (Spring's default
     * changeSessionId, stated here so it stays so): a session id planted before sign-in is
     * worthless after it.
     */
    @Bean
    @Order(2)
    SecurityFilterChain webSecurityFilterChain(HttpSecurity http, UserAccounts users, Clock clock,
            @Value("${app.api-docs.public:true}") boolean apiDocsPublic, DirectorySignInOptions directory,
            DirectoryOidcUserService directoryUsers, ObjectProvider<ClientRegistrationRepository> registrations)
            throws Exception {
        http.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterAfter(new SignedInUserCheckFilter(users, clock), SecurityContextHolderFilter.class)
                .addFilterBefore(new AttemptedUsername(), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .contentTypeOptions(Customizer.withDefaults())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(UI_CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)));
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(PATHS.matcher("/actuator/health"), PATHS.matcher("/actuator/health/**")).permitAll()
                .requestMatchers(PATHS.matcher("/actuator/**")).denyAll()
                .requestMatchers(PATHS.matcher("/images/**"), PATHS.matcher("/icons/**")).permitAll());
        // The API description is public unless app.api-docs.public=false (then for signed-in users only);
        // the API itself never is.
        http.authorizeHttpRequests(auth -> {
            var apiDocs = auth.requestMatchers(PATHS.matcher("/v3/api-docs"), PATHS.matcher("/v3/api-docs/**"),
                    PATHS.matcher("/swagger-ui.html"), PATHS.matcher("/swagger-ui/**"));
            if (apiDocsPublic) {
                apiDocs.permitAll();
            } else {
                apiDocs.authenticated();
            }
        });
        if (directory.enabled()) {
            // Directory sign-in (decision 0021) next to the form; the login page stays ours.
            http.oauth2Login(oauth -> oauth.loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(directoryUsers))
                    .failureHandler(new DirectorySignInFailureHandler()));
        }
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> {
            vaadin.loginView(LoginView.class, "/login");
            if (directory.enabled()) {
                vaadin.logoutSuccessHandler(providerLogout(registrations.getObject()));
            }
        });
        return http.build();
    }

    /**
     * Sign-out of a directory user also ends their session at the provider when it offers an
     * end_session_endpoint (RP-initiated logout), which then sends them back to our login page;
     * everyone else goes to the login page as before.
     */
    private static OidcClientInitiatedLogoutSuccessHandler providerLogout(ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/login");
        handler.setDefaultTargetUrl("/login");
        handler.setRedirectStrategy(new UidlRedirectStrategy());
        return handler;
    }
}
