package dev.souk.hub.events;

import static dev.souk.hub.downstream.ServiceCallRoutes.PRODUCT_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.SEARCH_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.LoggingLevel;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.contracts.Topics;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.feeds.FeedMessages;

/**
 * A reindex the administrator asked search-service for (SearchReindexRequested on {@code search-events}): the catalog
 * is read from product-service page by page (products not for sale too) and each page handed to the reindex, then it is
 * completed. When a page cannot be read or handed over, the reindex is reported failed with the reason, and the
 * administrator may ask again.
 */
@Component
public class SearchReindexRoutes extends EventConsumerRoutes {

    public static final String CONSUMER = "search-reindex-requests";

    public SearchReindexRoutes(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @Override
    public void configure() {
        consume(Topics.SEARCH_EVENTS, CONSUMER, "search-events → rebuild the search index from the catalog",
                0, 1000, method(SearchReindexRoutes.class, "reindexRequested"), "direct:search-reindex");

        from("direct:search-reindex").routeId("search-reindex")
                .description("Read the catalog page by page into a search reindex, then complete it")
                .errorHandler(noErrorHandler())
                .setVariable("reindexId", method(FeedMessages.class, "reindexOf"))
                .setVariable("page", constant(0))
                .setVariable("pages", constant(1))
                .doTry()
                    .loopDoWhile(method(FeedMessages.class, "morePages"))
                        .setHeader(ServiceCallRoutes.METHOD, constant("GET"))
                        .setHeader(ServiceCallRoutes.PATH, constant("/api/products"))
                        .setHeader(ServiceCallRoutes.QUERY, simple(
                                "includeInactive=true&page=${variable.page}&size={{souk.hub.search-reindex.page-size}}"))
                        .setBody(constant(null))
                        .to(callOf(PRODUCT_SERVICE))
                        .setVariable("pages", method(FeedMessages.class, "totalPages"))
                        .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                        .setHeader(ServiceCallRoutes.PATH, simple("/api/search/internal/reindex/${variable.reindexId}/pages"))
                        .to(callOf(SEARCH_SERVICE))
                        .bean(DownstreamAnswers.class, "requireSuccess")
                        .process(exchange -> exchange.setVariable("page", exchange.getVariable("page", Integer.class) + 1))
                    .end()
                    .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                    .setHeader(ServiceCallRoutes.PATH, simple("/api/search/internal/reindex/${variable.reindexId}/completion"))
                    .setBody(constant(null))
                    .to(callOf(SEARCH_SERVICE))
                    .bean(DownstreamAnswers.class, "requireSuccess")
                    .log(LoggingLevel.INFO, "Search reindex ${variable.reindexId}: ${variable.page} pages handed over")
                .endDoTry()
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Search reindex ${variable.reindexId} failed: ${exception.message}")
                    .setBody(method(FeedMessages.class, "reindexFailure"))
                    .marshal().json(JsonLibrary.Jackson)
                    .convertBodyTo(String.class)
                    .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                    .setHeader(ServiceCallRoutes.PATH, simple("/api/search/internal/reindex/${variable.reindexId}/failure"))
                    .to(callOf(SEARCH_SERVICE))
                .end();
    }

    public static boolean reindexRequested(JsonNode envelope) {
        return FeedMessages.isType(envelope, "SearchReindexRequested");
    }
}
