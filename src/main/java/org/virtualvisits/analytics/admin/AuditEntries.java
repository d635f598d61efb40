package org.virtualvisits.analytics.admin;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log table: appended to, read newest first, per organisation. */
@Repository
class AuditEntries {

    static final int MAX_ACTOR = 200;
    static final int MAX_ACTION = 100;
    static final int MAX_DETAIL = 2000;

    private final JdbcClient jdbc;

    AuditEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an entry; organisationId null for sign-ins of unknown usernames. */
    void append(Long organisationId, String actor, String action, String detail) {
        jdbc.sql("""
                        insert into audit_log (organisation_id, actor, action, detail)
                        values (:org, :actor, :action, :detail)""")
                .param("org", organisationId)
                .param("actor", truncate(actor, MAX_ACTOR))
                .param("action", truncate(action, MAX_ACTION))
                .param("detail", truncate(detail, MAX_DETAIL))
                .update();
    }

    /** A page of the organisation's entries, newest first, optionally of one action only. */
    List<AuditEntry> page(long organisationId, String action, long offset, int limit) {
        return jdbc.sql("""
                        select id, occurred_at, actor, action, detail from audit_log
                        where organisation_id = :org and (cast(:action as text) is null or action = :action)
                        order by occurred_at desc, id desc
                        offset :offset limit :limit""")
                .param("org", organisationId).param("action", action)
                .param("offset", offset).param("limit", limit)
                .query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("detail")))
                .list();
    }

    long count(long organisationId, String action) {
        return jdbc.sql("""
                        select count(*) from audit_log
                        where organisation_id = :org and (cast(:action as text) is null or action = :action)""")
                .param("org", organisationId).param("action", action)
                .query(Long.class).single();
    }

    /** The actions that occur in the organisation's log, for the filter. */
    List<String> actions(long organisationId) {
        return jdbc.sql("select distinct action from audit_log where organisation_id = :org order by action")
                .param("org", organisationId).query(String.class).list();
    }

    private static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }
}
