package dev.souk.search.index;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface IndexedProductStore extends JpaRepository<IndexedProduct, String> {

    /** The row locked until the transaction ends, so feed and reindex change one product one after the other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from IndexedProduct p where p.id = ?1")
    Optional<IndexedProduct> findForUpdate(String id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from IndexedProduct p where p.id in ?1")
    List<IndexedProduct> findAllForUpdate(Collection<String> ids);

    /**
     * Products in the results that a reindex started at {@code startedAt} did not see, and that no catalog event
     * described since (a product only known from a stock or rating report is not in the results anyway).
     */
    @Query("select p from IndexedProduct p where p.deleted = false and p.active = true and p.seenAt < ?1")
    List<IndexedProduct> findNotSeenSince(Instant startedAt, org.springframework.data.domain.Pageable page);

    @Query("select count(p) from IndexedProduct p where p.deleted = false and p.active = true")
    long countSearchable();
}
