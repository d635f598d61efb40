package org.virtualvisits.analytics.security.sso;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A directory sign-in that did not work ends on our refusal page, with the reason when it is one we
 * decided (no role, unknown tenant, disabled, ...) and "failed" otherwise (the provider's error, a stale
 * or forged callback): never an error page.
 */
public class DirectorySignInFailureHandler implements AuthenticationFailureHandler {

    public static final String REFUSED_PATH = "/sign-in-refused";
    private static final Logger log = LoggerFactory.getLogger(DirectorySignInFailureHandler.class);

    private final DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String reason = "failed";
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String code = oauth.getError().getErrorCode();
            if (DirectorySignInRefused.Reason.ofCode(code).isPresent()) {
                reason = code;
            } else {
                log.info("Directory sign-in failed: {} {}", code, oauth.getError().getDescription());
            }
        } else {
            log.info("Directory sign-in failed: {}", exception.getMessage());
        }
        redirect.sendRedirect(request, response, REFUSED_PATH + "?reason=" + reason);
    }
}
