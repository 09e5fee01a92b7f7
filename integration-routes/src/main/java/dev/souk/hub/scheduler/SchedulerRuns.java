package dev.souk.hub.scheduler;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The history of the scheduled jobs' runs ({@code scheduler_run}), written by whichever hub ran them. */
@Component
public class SchedulerRuns {

    public enum Result { RUNNING, SUCCEEDED, FAILED }

    /** One run: {@code kind} SCHEDULE, MANUAL (with who asked) or RECOVERY (after a hub died during it). */
    public record Run(String id, String job, String kind, String requestedBy, String node, Instant scheduledFor,
                      Instant startedAt, Instant finishedAt, Long durationMs, Result result, String summary) {
    }

    public record RunPage(List<Run> content, int page, int size, long totalElements, int totalPages) {
    }

    private static final int SUMMARY_MAX = 2000;
    private static final String COLUMNS =
            "id, job_name, kind, requested_by, node, scheduled_for, started_at, finished_at, result, summary";

    private final JdbcTemplate jdbc;

    SchedulerRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String started(ScheduledJob job, String kind, String requestedBy, String node, Instant scheduledFor) {
        String id = "run-" + UUID.randomUUID();
        jdbc.update("insert into scheduler_run (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, null, ?, null)",
                id, job.jobName(), kind, requestedBy, node, Timestamp.from(scheduledFor), Timestamp.from(Instant.now()),
                Result.RUNNING.name());
        return id;
    }

    void finished(String runId, Result result, String summary) {
        String text = summary == null || summary.length() <= SUMMARY_MAX ? summary : summary.substring(0, SUMMARY_MAX);
        jdbc.update("update scheduler_run set finished_at = ?, result = ?, summary = ? where id = ?",
                Timestamp.from(Instant.now()), result.name(), text, runId);
    }

    /** The latest run of {@code job}, or null. */
    public Run last(ScheduledJob job) {
        List<Run> runs = jdbc.query("select " + COLUMNS + " from scheduler_run where job_name = ? "
                + "order by started_at desc, id fetch first 1 rows only", SchedulerRuns::run, job.jobName());
        return runs.isEmpty() ? null : runs.get(0);
    }

    /** The runs of {@code job}, newest first. */
    public RunPage page(ScheduledJob job, int page, int size) {
        Long total = jdbc.queryForObject("select count(*) from scheduler_run where job_name = ?", Long.class, job.jobName());
        List<Run> runs = jdbc.query("select " + COLUMNS + " from scheduler_run where job_name = ? "
                        + "order by started_at desc, id offset ? rows fetch next ? rows only",
                SchedulerRuns::run, job.jobName(), (long) page * size, size);
        long count = total == null ? 0 : total;
        return new RunPage(runs, page, size, count, (int) ((count + size - 1) / size));
    }

    private static Run run(ResultSet row, int index) throws SQLException {
        Instant started = row.getTimestamp("started_at").toInstant();
        Timestamp finished = row.getTimestamp("finished_at");
        return new Run(row.getString("id"), row.getString("job_name"), row.getString("kind"), row.getString("requested_by"),
                row.getString("node"), row.getTimestamp("scheduled_for").toInstant(), started,
                finished == null ? null : finished.toInstant(),
                finished == null ? null : Duration.between(started, finished.toInstant()).toMillis(),
                Result.valueOf(row.getString("result")), row.getString("summary"));
    }
}
