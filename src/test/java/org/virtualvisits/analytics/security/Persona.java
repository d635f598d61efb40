package org.virtualvisits.analytics.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who tries to get in, in the authorization matrix: nobody, each role of the demo organisation
 * (Contoso), a viewer limited to Cardiology, and the global admin of the other demo organisation
 * (Northwind). The demo users exist in every test run (app.demo.enabled=true in tests).
 */
enum Persona {
    ANONYMOUS(null, null),
    GLOBAL_ADMIN("admin", "CONTOSO"),
    TEAMS_ADMIN("teams", "CONTOSO"),
    REPORT_VIEWER("viewer", "CONTOSO"),
    DEPARTMENT_VIEWER("cardio-viewer", "CONTOSO"),
    OTHER_ORGANISATION_ADMIN("northwind-admin", "NORTHWIND");

    static final String PASSWORD = "demo-password";

    /** Everyone who is signed in. */
    static final Set<Persona> SIGNED_IN = EnumSet.complementOf(EnumSet.of(ANONYMOUS));
    /** The global admins (of either organisation: each sees only their own). */
    static final Set<Persona> GLOBAL_ADMINS = EnumSet.of(GLOBAL_ADMIN, OTHER_ORGANISATION_ADMIN);

    final String username;
    /** The marker the demo generator puts in meeting ids of the persona's organisation. */
    final String meetingIdMarker;

    Persona(String username, String meetingIdMarker) {
        this.username = username;
        this.meetingIdMarker = meetingIdMarker;
    }
}
