package dev.souk.search.reindex;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface ReindexRuns extends JpaRepository<ReindexRun, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ReindexRun r where r.id = ?1")
    Optional<ReindexRun> findForUpdate(String id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from ReindexRun r where r.status = dev.souk.search.reindex.ReindexRun.Status.RUNNING order by r.startedAt desc")
    List<ReindexRun> findRunningForUpdate();
}
