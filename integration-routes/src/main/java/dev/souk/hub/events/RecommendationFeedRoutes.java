package dev.souk.hub.events;

import static dev.souk.hub.downstream.ServiceCallRoutes.RECOMMENDATION_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.souk.contracts.Topics;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;
import dev.souk.hub.feeds.FeedFactRoutes;
import dev.souk.hub.feeds.FeedMessages;

/**
 * Recommendations learn from what buyers buy: one consumer route per topic (routeId {@code recommendation-feed-<topic>},
 * each its own consumer group) handing confirmed and cancelled orders, and the catalog and stock state of products, to
 * recommendation-service. Idempotent per event id here and at the service; dead letters and replay as for every
 * consumer. Completed orders add nothing: they were counted when confirmed.
 */
@Component
public class RecommendationFeedRoutes extends EventConsumerRoutes {

    public RecommendationFeedRoutes(JdbcTemplate jdbc) {
        super(jdbc);
    }

    public static String consumerOf(String topic) {
        return "recommendation-feed-" + topic;
    }

    @Override
    public void configure() {
        consume(Topics.ORDER_CONFIRMED, consumerOf(Topics.ORDER_CONFIRMED), "order-confirmed → purchases that recommendations count",
                5, 1000, method(RecommendationFeedRoutes.class, "isOrderConfirmed"), "direct:recommendation-order-confirmed");
        consume(Topics.ORDER_CANCELLED, consumerOf(Topics.ORDER_CANCELLED), "order-cancelled → purchases that no longer count",
                5, 1000, body().isNotNull(), "direct:recommendation-order-cancelled");
        consume(Topics.PRODUCT_EVENTS, consumerOf(Topics.PRODUCT_EVENTS), "product-events → category and sale of products to recommend",
                5, 1000, body().isNotNull(), "direct:recommendation-catalog-change");
        consume(Topics.INVENTORY_EVENTS, consumerOf(Topics.INVENTORY_EVENTS), "inventory-events → stock of products to recommend",
                5, 1000, body().isNotNull(), "direct:recommendation-stock-change");

        from("direct:recommendation-order-confirmed").routeId("recommendation-order-confirmed")
                .description("A confirmed order's products, to recommendation-service")
                .errorHandler(noErrorHandler())
                .setBody(method(FeedMessages.class, "orderConfirmed"))
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/recommendations/internal/orders/confirmed"))
                .to(callOf(RECOMMENDATION_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess");

        from("direct:recommendation-order-cancelled").routeId("recommendation-order-cancelled")
                .description("A cancelled order, to recommendation-service")
                .errorHandler(noErrorHandler())
                .setBody(method(FeedMessages.class, "orderCancelled"))
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/recommendations/internal/orders/cancelled"))
                .to(callOf(RECOMMENDATION_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess");

        from("direct:recommendation-catalog-change").routeId("recommendation-catalog-change")
                .description("A product as product-service has it now, to recommendation-service")
                .errorHandler(noErrorHandler())
                .to(FeedFactRoutes.CATALOG_STATE)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/recommendations/internal/catalog"))
                .to(callOf(RECOMMENDATION_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess");

        from("direct:recommendation-stock-change").routeId("recommendation-stock-change")
                .description("Whether each product of an inventory event can be bought now, to recommendation-service")
                .errorHandler(noErrorHandler())
                .setVariable("envelope", body())
                .split(method(FeedMessages.class, "productsOf")).stopOnException()
                    .setVariable("productId", body())
                    .to(FeedFactRoutes.STOCK_STATE)
                    .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                    .setHeader(ServiceCallRoutes.PATH, constant("/api/recommendations/internal/stock"))
                    .to(callOf(RECOMMENDATION_SERVICE))
                    .bean(DownstreamAnswers.class, "requireSuccess")
                .end();
    }

    public static boolean isOrderConfirmed(JsonNode envelope) {
        return FeedMessages.isType(envelope, "OrderConfirmed");
    }
}
