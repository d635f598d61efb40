package org.virtualvisits.analytics.security.sso;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.virtualvisits.analytics.security.Role;

/**
 * What an ID token says about a person, read from its claims as Entra ID, Keycloak and others
 * send them: the tenant ({@code tid}), the role claim (an array, or one string), the department
 * claim (a string or an array), names and e-mail. Plain Java, no Spring: unit-tested for every
 * claim shape.
 *
 * @param tenantId    the {@code tid} claim; empty when the token has none
 * @param role        the highest role the role claim gives; empty when it gives none
 * @param departments a report viewer's departments (empty: all); always empty for the admin roles
 */
public record DirectoryClaims(Optional<String> tenantId, Optional<Role> role, Set<String> departments,
        String username, String displayName, String email) {

    static final int MAX_DEPARTMENTS = 100;
    static final int MAX_TEXT = 200;

    public DirectoryClaims {
        departments = Set.copyOf(departments);
    }

    /** Reads the claims; never throws for an odd shape (an unexpected type counts as absent). */
    public static DirectoryClaims read(Map<String, Object> claims, SsoProperties properties) {
        Optional<String> tenant = text(claims.get("tid"));
        Set<String> roleValues = values(claims.get(properties.roleClaim()));
        Optional<Role> role = highestRole(roleValues, properties.roleValues());
        Set<String> departments = role.orElse(null) == Role.REPORT_VIEWER && properties.departmentClaim() != null
                ? departments(claims.get(properties.departmentClaim())) : Set.of();
        String subject = text(claims.get("sub")).orElse("");
        String username = text(claims.get("preferred_username"))
                .or(() -> text(claims.get("email")))
                .or(() -> text(claims.get("upn")))
                .orElse(subject);
        String displayName = text(claims.get("name")).orElse(username);
        String email = text(claims.get("email")).orElse(null);
        return new DirectoryClaims(tenant, role, departments, cut(username), cut(displayName), email);
    }

    private static Optional<Role> highestRole(Set<String> values, SsoProperties.RoleValues names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values) {
            if (value.equalsIgnoreCase(names.globalAdmin())) {
                roles.add(Role.GLOBAL_ADMIN);
            } else if (value.equalsIgnoreCase(names.teamsAdmin())) {
                roles.add(Role.TEAMS_ADMIN);
            } else if (value.equalsIgnoreCase(names.reportViewer())) {
                roles.add(Role.REPORT_VIEWER);
            }
        }
        // Role's order is from the most to the least powerful.
        return roles.stream().findFirst();
    }

    private static Set<String> departments(Object claim) {
        Set<String> departments = new TreeSet<>();
        for (String value : values(claim)) {
            if (departments.size() == MAX_DEPARTMENTS) {
                break;
            }
            departments.add(cut(value));
        }
        return departments;
    }

    /** A claim as a set of non-blank strings: one string, or a JSON array of them. */
    static Set<String> values(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof Collection<?> collection) {
            collection.forEach(item -> text(item).ifPresent(values::add));
        } else if (claim instanceof Object[] array) {
            for (Object item : array) {
                text(item).ifPresent(values::add);
            }
        } else {
            text(claim).ifPresent(values::add);
        }
        return values;
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s.trim()) : Optional.empty();
    }

    private static String cut(String value) {
        return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
    }
}
