package org.virtualvisits.analytics.security;

/** The three roles of PRODUCT.md §1. Names match the Spring authorities "ROLE_" + name(). */
public enum Role {
    GLOBAL_ADMIN,
    TEAMS_ADMIN,
    REPORT_VIEWER;

    /** String constants for annotations such as {@code @RolesAllowed}. */
    public static final class Names {
        public static final String GLOBAL_ADMIN = "GLOBAL_ADMIN";
        public static final String TEAMS_ADMIN = "TEAMS_ADMIN";
        public static final String REPORT_VIEWER = "REPORT_VIEWER";

        private Names() {
        }
    }

    public boolean isAdmin() {
        return this == GLOBAL_ADMIN || this == TEAMS_ADMIN;
    }
}
