package dev.souk.hub.events;

import static dev.souk.hub.downstream.ServiceCallRoutes.REVIEW_SERVICE;
import static dev.souk.hub.downstream.ServiceCallRoutes.callOf;

import java.util.List;

import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.souk.contracts.Topics;
import dev.souk.hub.downstream.DownstreamAnswers;
import dev.souk.hub.downstream.ServiceCallRoutes;

/**
 * Who bought what, for the verified-buyer rule of reviews: one consumer route per order topic (routeId
 * {@code review-feed-<topic>}, each its own consumer group) handing confirmations, completions and cancellations to
 * review-service's internal endpoint. Idempotent per event id here and at the service; dead letters and replay as for
 * every consumer.
 */
@Component
public class ReviewFeedRoutes extends EventConsumerRoutes {

    static final String HAND_OVER = "direct:review-order-event";
    static final List<String> TOPICS = List.of(Topics.ORDER_CONFIRMED, Topics.ORDER_COMPLETED, Topics.ORDER_CANCELLED);

    public ReviewFeedRoutes(JdbcTemplate jdbc) {
        super(jdbc);
    }

    public static String consumerOf(String topic) {
        return "review-feed-" + topic;
    }

    @Override
    public void configure() {
        for (String topic : TOPICS) {
            consume(topic, consumerOf(topic), topic + " → who bought what (review-service)", 5, 2000,
                    body().isNotNull(), HAND_OVER);
        }

        from(HAND_OVER).routeId("review-order-event")
                .description("Hand one order event to review-service, which records the purchase once per event id")
                .errorHandler(noErrorHandler())
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class)
                .setHeader(ServiceCallRoutes.METHOD, constant("POST"))
                .setHeader(ServiceCallRoutes.PATH, constant("/api/reviews/internal/order-events"))
                .to(callOf(REVIEW_SERVICE))
                .bean(DownstreamAnswers.class, "requireSuccess");
    }
}
