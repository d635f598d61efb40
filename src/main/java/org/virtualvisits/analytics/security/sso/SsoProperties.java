package org.virtualvisits.analytics.security.sso;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Directory sign-in (decision 0021). The provider itself is Spring Boot's registration {@code entra}
 * ({@code spring.security.oauth2.client.registration.entra.*}); without it none of this applies.
 *
 * @param displayName        the sign-in button's label (default "Sign in with Microsoft")
 * @param localLogin         whether username and password sign-in stays open (default true)
 * @param breakGlassUsername the one local user who may still sign in with a password when it is not
 * @param tenantId           the default organisation's Entra tenant id (the {@code tid} claim)
 * @param roleClaim          the ID token claim with the person's app roles (default {@code roles})
 * @param roleValues         the claim values that give each role
 * @param departmentClaim    the claim (a string or an array) with a limited viewer's departments; unset: none
 */
@ConfigurationProperties("app.sso")
public record SsoProperties(String displayName, Boolean localLogin, String breakGlassUsername, String tenantId,
        String roleClaim, RoleValues roleValues, String departmentClaim) {

    public static final String REGISTRATION_ID = "entra";

    public SsoProperties {
        displayName = blank(displayName) ? "Sign in with Microsoft" : displayName.trim();
        localLogin = localLogin == null || localLogin;
        breakGlassUsername = blank(breakGlassUsername) ? null : breakGlassUsername.trim();
        tenantId = blank(tenantId) ? null : tenantId.trim();
        roleClaim = blank(roleClaim) ? "roles" : roleClaim.trim();
        roleValues = roleValues == null ? new RoleValues(null, null, null) : roleValues;
        departmentClaim = blank(departmentClaim) ? null : departmentClaim.trim();
    }

    /** The values of the role claim that make a global admin, a Teams admin and a report viewer. */
    public record RoleValues(String globalAdmin, String teamsAdmin, String reportViewer) {

        public RoleValues {
            globalAdmin = blank(globalAdmin) ? "VirtualVisits.GlobalAdmin" : globalAdmin.trim();
            teamsAdmin = blank(teamsAdmin) ? "VirtualVisits.TeamsAdmin" : teamsAdmin.trim();
            reportViewer = blank(reportViewer) ? "VirtualVisits.ReportViewer" : reportViewer.trim();
        }
    }

    /** Whether this username may sign in with a password. */
    public boolean allowsPasswordSignIn(String username) {
        return localLogin || (breakGlassUsername != null && breakGlassUsername.equalsIgnoreCase(
                username == null ? "" : username.trim()));
    }

    static SsoProperties defaults() {
        return new SsoProperties(null, null, null, null, null, null, null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
