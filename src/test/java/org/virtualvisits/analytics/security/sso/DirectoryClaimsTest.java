package org.virtualvisits.analytics.security.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.security.Role;

/** The claim shapes Entra ID, Keycloak and others send, read into a role, departments and names. */
class DirectoryClaimsTest {

    private static final SsoProperties DEFAULTS = new SsoProperties(null, null, null, null, null, null, "departments");

    private static Map<String, Object> claims(Object... keyValues) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "subject-1");
        for (int i = 0; i < keyValues.length; i += 2) {
            claims.put((String) keyValues[i], keyValues[i + 1]);
        }
        return claims;
    }

    @Test
    void entraAppRolesArrayGivesTheRole() {
        DirectoryClaims read = DirectoryClaims.read(claims("tid", "t-1", "roles", List.of("VirtualVisits.TeamsAdmin")),
                DEFAULTS);
        assertThat(read.role()).contains(Role.TEAMS_ADMIN);
        assertThat(read.tenantId()).contains("t-1");
    }

    @Test
    void severalRolesGiveTheHighest() {
        DirectoryClaims read = DirectoryClaims.read(claims("roles",
                List.of("VirtualVisits.ReportViewer", "Other.Role", "VirtualVisits.GlobalAdmin")), DEFAULTS);
        assertThat(read.role()).contains(Role.GLOBAL_ADMIN);
    }

    @Test
    void aSingleStringRoleAndAnArrayOfStringsCountToo() {
        assertThat(DirectoryClaims.read(claims("roles", "VirtualVisits.ReportViewer"), DEFAULTS).role())
                .contains(Role.REPORT_VIEWER);
        assertThat(DirectoryClaims.read(claims("roles", new String[] {"virtualvisits.globaladmin"}), DEFAULTS).role())
                .as("role values compare case-insensitively").contains(Role.GLOBAL_ADMIN);
    }

    @Test
    void noneOfOurRolesOrAnOddShapeGivesNoRole() {
        assertThat(DirectoryClaims.read(claims("roles", List.of("Other.Role")), DEFAULTS).role()).isEmpty();
        assertThat(DirectoryClaims.read(claims(), DEFAULTS).role()).isEmpty();
        assertThat(DirectoryClaims.read(claims("roles", 42), DEFAULTS).role()).isEmpty();
        assertThat(DirectoryClaims.read(claims("roles", List.of(42, "  ")), DEFAULTS).role()).isEmpty();
        assertThat(DirectoryClaims.read(claims("tid", 7), DEFAULTS).tenantId()).isEmpty();
    }

    @Test
    void roleClaimAndValuesAreConfigurable() {
        SsoProperties keycloak = new SsoProperties(null, null, null, null, "groups",
                new SsoProperties.RoleValues("vv-admins", "vv-teams", "vv-viewers"), null);
        assertThat(DirectoryClaims.read(claims("groups", List.of("vv-viewers")), keycloak).role())
                .contains(Role.REPORT_VIEWER);
        assertThat(DirectoryClaims.read(claims("roles", List.of("VirtualVisits.GlobalAdmin")), keycloak).role())
                .as("the default claim is not read when another is configured").isEmpty();
    }

    @Test
    void aViewerGetsDepartmentsFromAStringOrAnArray() {
        assertThat(DirectoryClaims.read(claims("roles", List.of("VirtualVisits.ReportViewer"),
                "departments", "Cardiology"), DEFAULTS).departments()).containsExactly("Cardiology");
        assertThat(DirectoryClaims.read(claims("roles", List.of("VirtualVisits.ReportViewer"),
                "departments", List.of(" Cardiology ", "Oncology", "")), DEFAULTS).departments())
                .containsExactlyInAnyOrder("Cardiology", "Oncology");
    }

    @Test
    void adminsAndUnconfiguredClaimGiveNoDepartments() {
        assertThat(DirectoryClaims.read(claims("roles", List.of("VirtualVisits.TeamsAdmin"),
                "departments", "Cardiology"), DEFAULTS).departments()).as("admins see all departments").isEmpty();
        SsoProperties noClaim = new SsoProperties(null, null, null, null, null, null, null);
        assertThat(DirectoryClaims.read(claims("roles", List.of("VirtualVisits.ReportViewer"),
                "departments", "Cardiology"), noClaim).departments()).isEmpty();
    }

    @Test
    void usernameNameAndEmailFallBackInOrder() {
        DirectoryClaims full = DirectoryClaims.read(claims("preferred_username", "ann@contoso.org",
                "email", "ann.smith@contoso.org", "name", "Ann Smith"), DEFAULTS);
        assertThat(full.username()).isEqualTo("ann@contoso.org");
        assertThat(full.displayName()).isEqualTo("Ann Smith");
        assertThat(full.email()).isEqualTo("ann.smith@contoso.org");

        DirectoryClaims emailOnly = DirectoryClaims.read(claims("email", "bob@contoso.org"), DEFAULTS);
        assertThat(emailOnly.username()).isEqualTo("bob@contoso.org");
        assertThat(emailOnly.displayName()).isEqualTo("bob@contoso.org");

        DirectoryClaims bare = DirectoryClaims.read(claims(), DEFAULTS);
        assertThat(bare.username()).isEqualTo("subject-1");
        assertThat(bare.email()).isNull();
    }

    @Test
    void passwordSignInIsClosedForAllButTheBreakGlassUserWhenLocalLoginIsOff() {
        SsoProperties closed = new SsoProperties(null, false, "rescue", null, null, null, null);
        assertThat(closed.allowsPasswordSignIn("Rescue ")).isTrue();
        assertThat(closed.allowsPasswordSignIn("admin")).isFalse();
        assertThat(closed.allowsPasswordSignIn(null)).isFalse();
        assertThat(SsoProperties.defaults().allowsPasswordSignIn("admin")).isTrue();
        assertThat(new SsoProperties(null, false, null, null, null, null, null).allowsPasswordSignIn("admin"))
                .isFalse();
    }
}
