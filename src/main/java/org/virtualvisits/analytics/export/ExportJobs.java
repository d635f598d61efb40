package org.virtualvisits.analytics.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.virtualvisits.analytics.base.db.PgArrays;
import org.virtualvisits.analytics.report.VisitScope;

/** The export_job and export_chunk tables. */
@Repository
class ExportJobs {

    /** Jobs a list shows at most (the newest). */
    static final int LIST_LIMIT = 200;

    /** Stored request JSON: its own mapper, so the application's Jackson settings cannot change it. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final String JOB_COLUMNS = """
            id, organisation_id, user_id, username, departments, language, format, title, request::text as request,
            file_name, status, rows_written, rows_total, size_bytes, error, created_at, finished_at, expires_at""";

    private final JdbcClient jdbc;

    ExportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String toJson(ExportRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the export request", e);
        }
    }

    static ExportRequest fromJson(String json) {
        try {
            return JSON.readValue(json, ExportRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored export request", e);
        }
    }

    long insert(long organisationId, long userId, String username, Set<String> departments, Locale locale,
            ExportRequest request, String fileName, Instant createdAt, Instant expiresAt) {
        return jdbc.sql("""
                        insert into export_job (organisation_id, user_id, username, departments, language, format,
                                                title, request, file_name, created_at, expires_at)
                        values (:org, :user, :username, cast(:departments as text[]), :language, :format, :title,
                                cast(:request as jsonb), :fileName, :createdAt, :expiresAt)
                        returning id""")
                .param("org", organisationId)
                .param("user", userId)
                .param("username", username)
                .param("departments", PgArrays.textArray(departments))
                .param("language", locale.getLanguage())
                .param("format", request.format().name())
                .param("title", request.title())
                .param("request", toJson(request))
                .param("fileName", fileName)
                .param("createdAt", Timestamp.from(createdAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
    }

    Optional<StoredJob> find(long id) {
        return jdbc.sql("select " + JOB_COLUMNS + " from export_job where id = :id")
                .param("id", id)
                .query(ExportJobs::mapStored)
                .optional();
    }

    /** A user's unexpired jobs, newest first. */
    List<ExportJob> listForUser(long organisationId, long userId, Instant now) {
        return jdbc.sql("select " + JOB_COLUMNS + """
                         from export_job
                        where organisation_id = :org and user_id = :user and expires_at > :now
                        order by created_at desc, id desc limit :limit""")
                .param("org", organisationId).param("user", userId).param("now", Timestamp.from(now))
                .param("limit", LIST_LIMIT)
                .query((rs, row) -> mapStored(rs, row).job())
                .list();
    }

    /** Every unexpired job of an organisation, newest first. */
    List<ExportJob> listForOrganisation(long organisationId, Instant now) {
        return jdbc.sql("select " + JOB_COLUMNS + """
                         from export_job
                        where organisation_id = :org and expires_at > :now
                        order by created_at desc, id desc limit :limit""")
                .param("org", organisationId).param("now", Timestamp.from(now))
                .param("limit", LIST_LIMIT)
                .query((rs, row) -> mapStored(rs, row).job())
                .list();
    }

    long countUnfinished(long organisationId, long userId) {
        return jdbc.sql("""
                        select count(*) from export_job
                        where organisation_id = :org and user_id = :user and status in ('QUEUED', 'RUNNING')""")
                .param("org", organisationId).param("user", userId)
                .query(Long.class).single();
    }

    /**
     * Marks a queued (or interrupted) job as running again from scratch; empty when the job is
     * gone or already finished, in which case there is nothing to run.
     */
    Optional<StoredJob> start(long id, Instant now) {
        return jdbc.sql("update export_job set status = 'RUNNING', rows_written = 0, rows_total = null,"
                        + " size_bytes = null, chunk_count = null, error = null, attempts = attempts + 1,"
                        + " started_at = :now, finished_at = null"
                        + " where id = :id and status in ('QUEUED', 'RUNNING') returning " + JOB_COLUMNS)
                .param("id", id).param("now", Timestamp.from(now))
                .query(ExportJobs::mapStored)
                .optional();
    }

    /** False when the job no longer exists (deleted while running). */
    boolean progress(long id, long rowsWritten, long rowsTotal) {
        return jdbc.sql("update export_job set rows_written = :written, rows_total = :total where id = :id")
                .param("id", id).param("written", rowsWritten).param("total", rowsTotal)
                .update() == 1;
    }

    /** False when the job no longer exists or is no longer running. */
    boolean ready(long id, long rows, long sizeBytes, int chunkCount, Instant now) {
        return jdbc.sql("""
                        update export_job set status = 'READY', rows_written = :rows, rows_total = :rows,
                               size_bytes = :size, chunk_count = :chunks, finished_at = :now
                        where id = :id and status = 'RUNNING'""")
                .param("id", id).param("rows", rows).param("size", sizeBytes).param("chunks", chunkCount)
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    void failed(long id, String error, Instant now) {
        jdbc.sql("""
                        update export_job set status = 'FAILED', error = :error, finished_at = :now
                        where id = :id and status in ('QUEUED', 'RUNNING')""")
                .param("id", id).param("error", error).param("now", Timestamp.from(now))
                .update();
    }

    /** Deletes the job and its file; false when there was no such job. */
    boolean delete(long id) {
        boolean deleted = jdbc.sql("delete from export_job where id = :id").param("id", id).update() == 1;
        deleteChunks(id);
        return deleted;
    }

    /** Deletes expired jobs and their files, and any chunks left without a job; returns the jobs deleted. */
    int deleteExpired(Instant now) {
        int jobs = jdbc.sql("delete from export_job where expires_at <= :now")
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("delete from export_chunk c where not exists (select 1 from export_job j where j.id = c.job_id)")
                .update();
        return jobs;
    }

    void deleteChunks(long id) {
        jdbc.sql("delete from export_chunk where job_id = :id").param("id", id).update();
    }

    void insertChunk(long id, int seq, byte[] data) {
        jdbc.sql("insert into export_chunk (job_id, seq, data) values (:id, :seq, :data)")
                .param("id", id).param("seq", seq).param("data", data)
                .update();
    }

    Optional<byte[]> chunk(long id, int seq) {
        return jdbc.sql("select data from export_chunk where job_id = :id and seq = :seq")
                .param("id", id).param("seq", seq)
                .query((rs, row) -> rs.getBytes(1))
                .optional();
    }

    int chunkCount(long id) {
        return jdbc.sql("select count(*) from export_chunk where job_id = :id").param("id", id)
                .query(Integer.class).single();
    }

    private static StoredJob mapStored(ResultSet rs, int row) throws SQLException {
        ExportRequest request = fromJson(rs.getString("request"));
        ExportJob job = new ExportJob(
                rs.getLong("id"),
                rs.getLong("organisation_id"),
                rs.getLong("user_id"),
                rs.getString("username"),
                ExportFormat.valueOf(rs.getString("format")),
                rs.getString("title"),
                request.range().from(),
                request.range().to(),
                request.range().zone(),
                rs.getString("file_name"),
                ExportStatus.valueOf(rs.getString("status")),
                rs.getLong("rows_written"),
                nullableLong(rs, "rows_total"),
                nullableLong(rs, "size_bytes"),
                rs.getString("error"),
                instant(rs, "created_at"),
                instant(rs, "finished_at"),
                instant(rs, "expires_at"));
        VisitScope scope = new VisitScope(job.organisationId(), toSet(rs.getArray("departments")));
        return new StoredJob(job, scope, request, Locale.forLanguageTag(rs.getString("language")));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Set<String> toSet(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
