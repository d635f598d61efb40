package org.virtualvisits.analytics.organisation;

/**
 * Start-up work that must run once, inside the bootstrap lock, after the default
 * organisation exists (demo visits, the bootstrap API token).
 */
public interface StartupTask {

    void run(Organisation defaultOrganisation, boolean demoEnabled);
}
