package dev.souk.payment;

import dev.souk.kit.testing.SoukServiceTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.souk.kit.testing.ServiceTestSecurity.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
@TestPropertySource(properties = {"souk.payment.simulator.slow-delay=300ms", "souk.payment.provider-retry-after=7s"})
class PaymentApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void theSeedPaymentIsChargedStoredAndPublished() throws Exception {
        // given an order of the seed's shape
        String order = newId("order");

        // when it pays
        MvcResult result = pay(order, "149.99", "pm_abc", null)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/payments/pay-")))
                .andExpect(jsonPath("$.id").value(startsWith("pay-")))
                .andExpect(jsonPath("$.orderId").value(order))
                .andExpect(jsonPath("$.userId").value("user-123"))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.amount").value(149.99))
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.paymentMethod").value("CREDIT_CARD"))
                .andExpect(jsonPath("$.paymentMethodId").value("pm_abc"))
                .andExpect(jsonPath("$.transactionId").value(startsWith("txn_")))
                .andReturn();
        String id = idOf(result);

        // then it can be read, listed, and PaymentCompleted waits in the outbox
        mvc.perform(get("/api/payments/{id}", id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"));
        mvc.perform(get("/api/payments").param("orderId", order))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(id));
        assertThat(events(order)).containsExactly("PaymentCompleted");
        assertThat(jdbc.queryForObject("select topic from outbox_event where event_key = ?", String.class, id))
                .isEqualTo("payment-events");
    }

    @Test
    void aPaidOrderIsNeverChargedAgain() throws Exception {
        String order = newId("order");
        String id = idOf(pay(order, "20.00", "pm_card_ok", null).andExpect(status().isCreated()).andReturn());
        double calls = providerCalls();

        pay(order, "20.00", "pm_card_ok", null).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        pay(order, "20.00", "pm_other", newId("key")).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));

        assertThat(providerCalls()).isEqualTo(calls);
        assertThat(events(order)).containsExactly("PaymentCompleted");
        mvc.perform(get("/api/payments").param("orderId", order)).andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void aDeclinedPaymentIsStoredPublishedAndTheOrderMayPayAgain() throws Exception {
        String order = newId("order");

        String declined = paymentIdOf(pay(order, "30.00", "pm_card_declined", null)
                .andExpect(status().isPaymentRequired())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("PAYMENT_DECLINED"))
                .andExpect(jsonPath("$.type").value("https://souk.dev/problems/payment-declined"))
                .andExpect(jsonPath("$.declineReason").value("card_declined"))
                .andExpect(jsonPath("$.paymentId").value(startsWith("pay-")))
                .andReturn());
        pay(order, "30.00", "pm_insufficient_funds", null)
                .andExpect(status().isPaymentRequired())
                .andExpect(jsonPath("$.declineReason").value("insufficient_funds"));
        mvc.perform(get("/api/payments/{id}", declined))
                .andExpect(jsonPath("$.status").value("DECLINED"))
                .andExpect(jsonPath("$.declineReason").value("card_declined"));

        pay(order, "30.00", "pm_card_ok", null).andExpect(status().isCreated());

        mvc.perform(get("/api/payments").param("orderId", order))
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].status").value("COMPLETED"))
                .andExpect(jsonPath("$[1].declineReason").value("insufficient_funds"))
                .andExpect(jsonPath("$[2].id").value(declined));
        assertThat(events(order)).containsExactly("PaymentDeclined", "PaymentDeclined", "PaymentCompleted");
    }

    @Test
    void aSimulatedOutageFailsEveryChargeUntilItEnds() throws Exception {
        String order = newId("order");
        try {
            mvc.perform(put("/api/payments/simulator/outage").with(admin()).contentType(MediaType.APPLICATION_JSON).content("{\"down\":true}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.down").value(true));

            pay(order, "12.00", "pm_abc", null)
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.code").value("PAYMENT_PROVIDER_UNAVAILABLE"));
        } finally {
            mvc.perform(put("/api/payments/simulator/outage").with(admin()).contentType(MediaType.APPLICATION_JSON).content("{\"down\":false}"))
                    .andExpect(status().isOk());
        }
        pay(order, "12.00", "pm_abc", null).andExpect(status().isCreated());
        mvc.perform(put("/api/payments/simulator/outage").with(admin()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void anUnreachableProviderAnswers503WithRetryAfterAndChargesNothing() throws Exception {
        String order = newId("order");
        String key = newId("key");
        double calls = providerCalls();

        String failed = paymentIdOf(pay(order, "40.00", "pm_provider_down", key)
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("PAYMENT_PROVIDER_UNAVAILABLE"))
                .andExpect(jsonPath("$.instance").value("/api/payments"))
                .andReturn());
        mvc.perform(get("/api/payments/{id}", failed)).andExpect(jsonPath("$.status").value("FAILED"));
        assertThat(events(order)).isEmpty();

        // the same key tries again, because nothing was charged
        pay(order, "40.00", "pm_provider_down", key).andExpect(status().isServiceUnavailable());
        assertThat(providerCalls()).isEqualTo(calls + 2);

        pay(order, "40.00", "pm_card_ok", null).andExpect(status().isCreated());
        mvc.perform(post("/api/payments/{id}/refund", failed).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.paymentStatus").value("FAILED"));
    }

    @Test
    void theSameIdempotencyKeyGetsTheSameAnswerWithoutANewCharge() throws Exception {
        String order = newId("order");
        String key = newId("key");
        MvcResult first = pay(order, "50.00", "pm_card_ok", key).andExpect(status().isCreated()).andReturn();
        double calls = providerCalls();

        MvcResult repeat = pay(order, "50.00", "pm_card_ok", key).andExpect(status().isCreated()).andReturn();

        assertThat(repeat.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
        assertThat(providerCalls()).isEqualTo(calls);
        pay(order, "50.01", "pm_card_ok", key)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));
        pay(newId("order"), "50.00", "pm_card_ok", key)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));
        assertThat(events(order)).containsExactly("PaymentCompleted");
    }

    @Test
    void aDeclineIsRepeatedForItsIdempotencyKeyWithoutAskingTheProviderAgain() throws Exception {
        String order = newId("order");
        String key = newId("key");
        MvcResult first = pay(order, "60.00", "pm_card_declined", key).andExpect(status().isPaymentRequired()).andReturn();
        double calls = providerCalls();

        MvcResult repeat = pay(order, "60.00", "pm_card_declined", key).andExpect(status().isPaymentRequired()).andReturn();

        assertThat(repeat.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
        assertThat(providerCalls()).isEqualTo(calls);
        assertThat(events(order)).containsExactly("PaymentDeclined");
        // another key pays the order
        pay(order, "60.00", "pm_card_ok", newId("key")).andExpect(status().isCreated());
    }

    @Test
    void theSlowTestMethodSucceedsAfterTheConfiguredDelay() throws Exception {
        long started = System.nanoTime();
        pay(newId("order"), "70.00", "pm_slow", null).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("COMPLETED"));
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void anOrdersPaymentIsRefundedOnceAndThenCannotBePaidAgain() throws Exception {
        String order = newId("order");
        String id = idOf(pay(order, "80.00", "pm_card_ok", null).andReturn());

        MvcResult refunded = refundOrder(order, "order cancelled")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.status").value("REFUNDED"))
                .andExpect(jsonPath("$.refundTransactionId").value(startsWith("rfd_")))
                .andExpect(jsonPath("$.refundReason").value("order cancelled"))
                .andExpect(jsonPath("$.refundedAt").isNotEmpty())
                .andReturn();
        double calls = providerCalls();

        refundOrder(order, "again").andExpect(status().isOk())
                .andExpect(content().json(refunded.getResponse().getContentAsString(), true));
        mvc.perform(post("/api/payments/{id}/refund", id).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                .andExpect(status().isOk())
                .andExpect(content().json(refunded.getResponse().getContentAsString(), true));
        assertThat(providerCalls()).isEqualTo(calls);
        assertThat(events(order)).containsExactly("PaymentCompleted", "PaymentRefunded");

        pay(order, "80.00", "pm_card_ok", null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.paymentId").value(id));
        assertThat(providerCalls()).isEqualTo(calls);
    }

    @Test
    void aPaymentIsRefundedById() throws Exception {
        String order = newId("order");
        String id = idOf(pay(order, "90.00", "pm_card_ok", null).andReturn());

        mvc.perform(post("/api/payments/{id}/refund", id).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"damaged\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REFUNDED"))
                .andExpect(jsonPath("$.refundReason").value("damaged"));
        refundOrder(order, "x").andExpect(jsonPath("$.refundReason").value("damaged"));
        assertThat(events(order)).containsExactly("PaymentCompleted", "PaymentRefunded");
    }

    @Test
    void whatWasNeverChargedCannotBeRefunded() throws Exception {
        String order = newId("order");
        String declined = paymentIdOf(pay(order, "10.00", "pm_card_declined", null).andReturn());

        refundOrder(order, "cancelled").andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("PAYMENT_NOT_FOUND"));
        refundOrder(newId("never-paid"), "cancelled").andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("PAYMENT_NOT_FOUND"));
        mvc.perform(post("/api/payments/{id}/refund", declined).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("CONFLICT"))
                .andExpect(jsonPath("$.paymentStatus").value("DECLINED"));
        mvc.perform(post("/api/payments/{id}/refund", "pay-unknown").contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("PAYMENT_NOT_FOUND"));
        assertThat(events(order)).containsExactly("PaymentDeclined");
    }

    @Test
    void unknownPaymentsAreNotFound() throws Exception {
        mvc.perform(get("/api/payments/{id}", "pay-unknown"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("PAYMENT_NOT_FOUND"));
        mvc.perform(get("/api/payments").param("orderId", newId("order")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void theCurrencyDefaultsAndMayBeGiven() throws Exception {
        mvc.perform(post("/api/payments").contentType(MediaType.APPLICATION_JSON)
                        .content(body(newId("order"), "user-123", "12.5", "\"EUR\"", "\"PAYPAL\"", "\"pm_card_ok\"")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.amount").value(12.5))
                .andExpect(jsonPath("$.paymentMethod").value("PAYPAL"));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        String order = newId("order");
        String paid = newId("order");
        String paidId = idOf(pay(paid, "10.00", "pm_card_ok", null).andReturn());
        Map<String, Object> before = counts();
        double calls = providerCalls();

        String[] badPayments = {
                body(null, "user-123", "1.00", null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body("bad id", "user-123", "1.00", null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, null, "1.00", null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user 123", "1.00", null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user-123", null, null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user-123", "0", null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user-123", "-5.00", null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user-123", "1.001", null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user-123", "100000000000000", null, "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user-123", "1.00", "\"usd\"", "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user-123", "1.00", "\"DOLLARS\"", "\"CREDIT_CARD\"", "\"pm_abc\""),
                body(order, "user-123", "1.00", null, "\"BITCOIN\"", "\"pm_abc\""),
                body(order, "user-123", "1.00", null, null, "\"pm_abc\""),
                body(order, "user-123", "1.00", null, "\"CREDIT_CARD\"", null),
                body(order, "user-123", "1.00", null, "\"CREDIT_CARD\"", "\"\""),
        };
        for (String bad : badPayments) {
            mvc.perform(post("/api/payments").contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        for (String badKey : List.of("k".repeat(101), "", "with space")) {
            mvc.perform(post("/api/payments").header("Idempotency-Key", badKey).contentType(MediaType.APPLICATION_JSON)
                            .content(body(order, "user-123", "1.00", null, "\"CREDIT_CARD\"", "\"pm_abc\"")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(post("/api/payments").contentType(MediaType.APPLICATION_JSON).content("{\"orderId\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(post("/api/payments").contentType(MediaType.APPLICATION_JSON).content("{\"amount\":\"lots\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));

        String[] badOrderRefunds = {"{}", "{\"orderId\":\"" + paid + "\"}", "{\"orderId\":\"" + paid + "\",\"reason\":\"  \"}",
                "{\"orderId\":\"bad id\",\"reason\":\"x\"}", "{\"orderId\":\"" + paid + "\",\"reason\":\"" + "r".repeat(501) + "\"}"};
        for (String bad : badOrderRefunds) {
            mvc.perform(post("/api/payments/refund").contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        for (String bad : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"" + "r".repeat(501) + "\"}")) {
            mvc.perform(post("/api/payments/{id}/refund", paidId).contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(post("/api/payments/{id}/refund", "bad id").contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(post("/api/payments/refund").contentType(MediaType.APPLICATION_JSON).content("not json"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        mvc.perform(get("/api/payments/{id}", "bad id")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(get("/api/payments")).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(get("/api/payments").param("orderId", "bad id")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));

        assertThat(counts()).isEqualTo(before);
        assertThat(providerCalls()).isEqualTo(calls);
        mvc.perform(get("/api/payments/{id}", paidId)).andExpect(jsonPath("$.status").value("COMPLETED"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointAndTheTestPaymentMethods() throws Exception {
        String doc = mvc.perform(get("/api/payments/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(doc).contains("\"/api/payments\"", "\"/api/payments/refund\"", "\"/api/payments/{id}/refund\"",
                "\"/api/payments/{id}\"", "Idempotency-Key",
                "pm_card_declined", "pm_insufficient_funds", "pm_provider_down", "pm_slow", "pm_card_ok");
    }

    private ResultActions pay(String order, String amount, String paymentMethodId, String idempotencyKey) throws Exception {
        var request = post("/api/payments").contentType(MediaType.APPLICATION_JSON)
                .content(body(order, "user-123", amount, null, "\"CREDIT_CARD\"", "\"" + paymentMethodId + "\""));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    private ResultActions refundOrder(String order, String reason) throws Exception {
        return mvc.perform(post("/api/payments/refund").contentType(MediaType.APPLICATION_JSON)
                .content("{\"orderId\":\"" + order + "\",\"reason\":\"" + reason + "\"}"));
    }

    /** A payment body; each value is raw JSON (quoted by the caller where it is a string), null leaves the member out. */
    private static String body(String order, String user, String amount, String currency, String method, String methodId) {
        StringBuilder json = new StringBuilder("{");
        member(json, "orderId", order == null ? null : "\"" + order + "\"");
        member(json, "userId", user == null ? null : "\"" + user + "\"");
        member(json, "amount", amount);
        member(json, "currency", currency);
        member(json, "paymentMethod", method);
        member(json, "paymentMethodId", methodId);
        return json.append("}").toString();
    }

    private static void member(StringBuilder json, String name, String rawValue) {
        if (rawValue != null) {
            json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(rawValue);
        }
    }

    private static String idOf(MvcResult result) throws Exception {
        return com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(), "$.id");
    }

    private static String paymentIdOf(MvcResult result) throws Exception {
        return com.jayway.jsonpath.JsonPath.read(result.getResponse().getContentAsString(), "$.paymentId");
    }

    /** The event types recorded for an order's payments, oldest first. */
    private List<String> events(String orderId) {
        return jdbc.queryForList("select o.event_type from outbox_event o join payment p on p.id = o.event_key "
                + "where p.order_id = ? order by o.seq", String.class, orderId);
    }

    private Map<String, Object> counts() {
        return jdbc.queryForMap("select (select count(*) from payment) p, (select count(*) from order_payment) a, "
                + "(select count(*) from idempotency_key) k, (select count(*) from outbox_event) e, "
                + "(select count(*) from payment where status = 'REFUNDED') r");
    }

    double providerCalls() {
        return meters.find("souk.payment.provider.calls").counters().stream().mapToDouble(Counter::count).sum();
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
