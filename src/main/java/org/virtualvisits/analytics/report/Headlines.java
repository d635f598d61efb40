package org.virtualvisits.analytics.report;

/**
 * Headline figures of one period (PRODUCT.md §3): averages hide long waits, so the median and
 * the 90th percentile of the lobby wait are shown, and waits above the organisation's
 * threshold are counted.
 *
 * @param visits                 all visits of the period
 * @param completed              COMPLETED visits
 * @param noShows                NO_SHOW visits
 * @param medianLobbyWaitSeconds median wait over visits that have one; null if none
 * @param p90LobbyWaitSeconds    90th percentile of the wait; null if none
 * @param waitsOverThreshold     visits whose wait exceeds the threshold
 * @param thresholdSeconds       the organisation's threshold used
 */
public record Headlines(long visits, long completed, long noShows, Double medianLobbyWaitSeconds,
        Double p90LobbyWaitSeconds, long waitsOverThreshold, int thresholdSeconds) {

    /** Share of visits that were no-shows, 0..1; null for a period without visits. */
    public Double noShowRate() {
        return visits == 0 ? null : (double) noShows / visits;
    }
}
