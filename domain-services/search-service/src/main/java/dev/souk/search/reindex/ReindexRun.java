package dev.souk.search.reindex;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;

/** One rebuild of the index from product-service, fed page by page by the hub. */
@Entity
@Table(name = "reindex_run")
public class ReindexRun {

    public enum Status { RUNNING, COMPLETED, FAILED, STALLED }

    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "progressed_at")
    private Instant progressedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    private int pages;
    private long products;
    private long removed;
    private String failure;
    @Version
    private long version;

    protected ReindexRun() {
    }

    ReindexRun(String id, String requestedBy, Instant now) {
        this.id = id;
        this.requestedBy = requestedBy;
        this.status = Status.RUNNING;
        this.startedAt = now;
        this.progressedAt = now;
    }

    /** RUNNING, unless nothing happened for {@code stallAfter}: then STALLED (the hub gave up or restarted). */
    public Status status(Instant now, Duration stallAfter) {
        if (status == Status.RUNNING && progressedAt.plus(stallAfter).isBefore(now)) {
            return Status.STALLED;
        }
        return status;
    }

    void pageDone(int productsInPage, Instant now) {
        pages++;
        products += productsInPage;
        progressedAt = now;
    }

    void complete(long removedProducts, Instant now) {
        status = Status.COMPLETED;
        removed = removedProducts;
        finishedAt = now;
        progressedAt = now;
    }

    void fail(String reason, Instant now) {
        status = Status.FAILED;
        failure = reason.length() <= 1000 ? reason : reason.substring(0, 1000);
        finishedAt = now;
        progressedAt = now;
    }

    public String id() {
        return id;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant progressedAt() {
        return progressedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public int pages() {
        return pages;
    }

    public long products() {
        return products;
    }

    public long removed() {
        return removed;
    }

    public String failure() {
        return failure;
    }
}
