package org.virtualvisits.analytics.teams;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests outside this package (the page's): the Graph stand-in wired in, and secrets read back. */
public final class TeamsTestAccess {

    private TeamsTestAccess() {
    }

    /** Graph and its token endpoint at the stand-in, retries without sleeping. */
    public static void useStandIn(ApplicationContext context, GraphStandIn standIn) {
        context.getBean(TeamsSettings.class).overrideUrls(standIn.url(), standIn.url());
        context.getBean(GraphClients.class).useSleeper(duration -> { });
        standIn.token("token-ui", 3599);
    }

    /** Back to the configured URLs; the organisation's connection removed (its scheduled sync then ends). */
    public static void release(ApplicationContext context, long organisationId) {
        context.getBean(TeamsSettings.class).overrideUrls(null, null);
        context.getBean(GraphClients.class).useSleeper(duration -> Thread.sleep(duration.toMillis()));
        context.getBean(JdbcClient.class).sql("delete from teams_connection where organisation_id = :org")
                .param("org", organisationId).update();
    }

    public static String decrypt(ApplicationContext context, String stored) {
        return context.getBean(TeamsSettings.class).cipher().orElseThrow().decrypt(stored);
    }
}
