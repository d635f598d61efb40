package org.virtualvisits.analytics.export;

/**
 * Whose exports the signed-in user sees: their own, or (a global admin) their organisation's.
 * Lets a Downloads tab pick, from the updates of every job, those that concern it.
 */
public record ExportViewer(long organisationId, long userId, boolean wholeOrganisation) {

    public boolean sees(long jobOrganisationId, long jobUserId) {
        return jobOrganisationId == organisationId && (wholeOrganisation || jobUserId == userId);
    }
}
