package org.virtualvisits.analytics.report;

/**
 * One page of the grid: the visits of {@code range} that match {@code filter}, in the grid's order
 * ({@code sort}, then start time and meeting id), rows {@code offset} to {@code offset + limit - 1}.
 */
public record VisitPageRequest(ReportRange range, VisitFilter filter, VisitSort sort, boolean descending,
                               long offset, int limit) {

    public VisitPageRequest {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("A page starts at row 0 or later and holds 0 or more rows");
        }
    }
}
