package org.virtualvisits.analytics.organisation;

/** Slugs of the organisations created at start-up. */
public final class DefaultOrganisation {

    /** The organisation that {@code app.bootstrap.*} sets up. */
    public static final String SLUG = "default";
    /** The second, smaller demo organisation that proves data isolation. */
    public static final String SECOND_DEMO_SLUG = "northwind";

    private DefaultOrganisation() {
    }
}
