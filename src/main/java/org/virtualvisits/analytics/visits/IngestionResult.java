package org.virtualvisits.analytics.visits;

/** What a committed batch did: events stored, and repeats of events already known (ignored). */
public record IngestionResult(int accepted, int duplicates) {
}
