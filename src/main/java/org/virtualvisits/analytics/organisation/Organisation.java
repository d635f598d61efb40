package org.virtualvisits.analytics.organisation;

/** An organisation and its analytics settings (PRODUCT.md §1, §3). */
public record Organisation(
        long id,
        String slug,
        String name,
        boolean analyticsEnabled,
        boolean bookingsLicence,
        boolean ehrLicence,
        int lobbyWaitThresholdSeconds,
        int retentionDays) {
}
