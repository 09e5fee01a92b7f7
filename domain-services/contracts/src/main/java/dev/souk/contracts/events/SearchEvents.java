package dev.souk.contracts.events;

import dev.souk.contracts.Topics;

/** Events of the search-service on {@code search-events}, keyed by reindex id. */
public final class SearchEvents {

    private SearchEvents() {
    }

    /**
     * The administrator asked for the index to be rebuilt from product-service: the hub reads the catalog page by page
     * (inactive products too) and hands each page to reindex {@code reindexId}, then completes it.
     */
    public record SearchReindexRequested(String reindexId, String requestedBy) implements DomainEvent {

        @Override
        public String topic() {
            return Topics.SEARCH_EVENTS;
        }

        @Override
        public String aggregateType() {
            return "search-reindex";
        }

        @Override
        public String aggregateId() {
            return reindexId;
        }
    }
}
