package dev.souk.search.index;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.search.mapper.orm.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Housekeeping of the index that no single change does. */
@Service
public class IndexMaintenance {

    private static final Logger log = LoggerFactory.getLogger(IndexMaintenance.class);

    private final EntityManagerFactory entityManagers;

    IndexMaintenance(EntityManagerFactory entityManagers) {
        this.entityManagers = entityManagers;
    }

    /**
     * Merges the index's segments into few: after a bulk load (a reindex) the index is made of many small segments,
     * and every query, typo-tolerant ones above all, pays per segment.
     */
    public void compact() {
        long begin = System.nanoTime();
        Search.mapping(entityManagers).scope(IndexedProduct.class).workspace().mergeSegments();
        log.info("Search index compacted in {} ms", (System.nanoTime() - begin) / 1_000_000);
    }
}
