package org.virtualvisits.analytics.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.base.db.PgArrays;

/**
 * Failed sign-ins per username, kept in the database so that a lock holds on every instance.
 * Unknown usernames are counted like known ones, so a lock reveals nothing about which
 * usernames exist.
 */
@Repository
public class LoginAttempts {

    /** Longer "usernames" are not tracked (nobody has one; it keeps the table small). */
    static final int MAX_TRACKED_USERNAME = 200;

    private final JdbcClient jdbc;
    private final LoginLockoutProperties policy;
    private final Clock clock;

    LoginAttempts(JdbcClient jdbc, LoginLockoutProperties policy, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    /** The outcome of recording a failure: the failures in a row, and whether it locked the username now. */
    public record Failure(int failures, boolean lockedNow, Instant lockedUntil) {
    }

    static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    /** Until when the username is locked, if it is locked now. */
    public Optional<Instant> lockedUntil(String username) {
        return jdbc.sql("select locked_until from login_attempt where username = :u and locked_until > :now")
                .param("u", key(username)).param("now", now())
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    public boolean isLocked(String username) {
        return lockedUntil(username).isPresent();
    }

    /** Current locks among these usernames (for the users view). */
    public Map<String, Instant> locksOf(Collection<String> usernames) {
        Map<String, Instant> locks = new HashMap<>();
        if (usernames.isEmpty()) {
            return locks;
        }
        jdbc.sql("""
                        select username, locked_until from login_attempt
                        where username = any(cast(:names as text[])) and locked_until > :now""")
                .param("names", PgArrays.textArray(usernames.stream().map(LoginAttempts::key).toList()))
                .param("now", now())
                .query((rs, row) -> locks.put(rs.getString("username"), rs.getTimestamp("locked_until").toInstant()))
                .list();
        return locks;
    }

    /**
     * Counts a failed sign-in. Failures while locked do not count (the lock is not extended);
     * a failure long after the previous one starts a new count. Atomic, so concurrent
     * attempts on several instances are all counted.
     */
    public Failure recordFailure(String username) {
        String key = key(username);
        if (key.isEmpty() || key.length() > MAX_TRACKED_USERNAME) {
            return new Failure(0, false, null);
        }
        OffsetDateTime now = now();
        OffsetDateTime lockUntil = now.plus(policy.lockDuration());
        OffsetDateTime windowStart = now.minus(policy.lockDuration());
        return jdbc.sql("""
                        insert into login_attempt as a (username, failures, last_failure_at, locked_until)
                        values (:u, 1, :now, case when 1 >= :max then cast(:lockUntil as timestamptz) end)
                        on conflict (username) do update set
                            failures = case
                                when a.locked_until > :now then a.failures
                                when a.locked_until is not null or a.last_failure_at < :windowStart then 1
                                else a.failures + 1 end,
                            last_failure_at = case when a.locked_until > :now then a.last_failure_at else :now end,
                            locked_until = case
                                when a.locked_until > :now then a.locked_until
                                when (case when a.locked_until is not null or a.last_failure_at < :windowStart then 1
                                           else a.failures + 1 end) >= :max then cast(:lockUntil as timestamptz)
                                else null end
                        returning failures, locked_until, (locked_until = cast(:lockUntil as timestamptz)) as locked_now""")
                .param("u", key).param("now", now).param("max", policy.maxFailures())
                .param("lockUntil", lockUntil).param("windowStart", windowStart)
                .query((rs, row) -> {
                    Timestamp until = rs.getTimestamp("locked_until");
                    return new Failure(rs.getInt("failures"), rs.getBoolean("locked_now"),
                            until == null ? null : until.toInstant());
                })
                .single();
    }

    /** A successful sign-in clears the count. */
    public void recordSuccess(String username) {
        clear(username);
    }

    /** Lifts a lock and clears the count (an administrator unlocking or resetting a password). */
    public void clear(String username) {
        jdbc.sql("delete from login_attempt where username = :u").param("u", key(username)).update();
    }

    /** Forgets counts that can no longer lead to a lock and locks that have ended. */
    public int purgeStale() {
        OffsetDateTime now = now();
        return jdbc.sql("""
                        delete from login_attempt
                        where (locked_until is null or locked_until < :now) and last_failure_at < :windowStart""")
                .param("now", now).param("windowStart", now.minus(policy.lockDuration()))
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
