package dev.souk.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.souk.delivery.carrier.CarrierSimulator;
import dev.souk.kit.testing.SoukServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SoukServiceTest
@TestPropertySource(properties = "souk.delivery.carrier-simulator.enabled=false")
class DeliveryApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    ApplicationContext context;

    @Test
    void aShipmentIsCreatedOncePerOrderAndCanBeTracked() throws Exception {
        String order = newId("o");
        String user = newId("u");

        String created = create(order, user, " 1 Souk Street, Marrakesh ")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/delivery/" + order))
                .andExpect(jsonPath("$.id").value(startsWith("shp-")))
                .andExpect(jsonPath("$.orderId").value(order))
                .andExpect(jsonPath("$.userId").value(user))
                .andExpect(jsonPath("$.shippingAddress").value("1 Souk Street, Marrakesh"))
                .andExpect(jsonPath("$.carrier").value("Souk Express"))
                .andExpect(jsonPath("$.trackingNumber").value(matchesPattern("SX-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")))
                .andExpect(jsonPath("$.status").value("CREATED"))
                .andExpect(jsonPath("$.history.length()").value(1))
                .andExpect(jsonPath("$.history[0].from").value(nullValue()))
                .andExpect(jsonPath("$.history[0].to").value("CREATED"))
                .andReturn().getResponse().getContentAsString();
        JsonNode shipment = objectMapper.readTree(created);

        // a retry of the same command, even with other details, answers the order's existing shipment
        create(order, user, "somewhere else")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(shipment.path("id").asText()))
                .andExpect(jsonPath("$.trackingNumber").value(shipment.path("trackingNumber").asText()))
                .andExpect(jsonPath("$.shippingAddress").value("1 Souk Street, Marrakesh"));

        mvc.perform(get("/api/delivery/{orderId}", order))
                .andExpect(status().isOk())
                .andExpect(content().json(created));
        mvc.perform(get("/api/delivery/shipments/{id}", shipment.path("id").asText()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(order));

        assertThat(events(order)).containsExactly("ShipmentCreated");
        JsonNode event = payloads(order).get(0);
        assertThat(event.path("shipmentId").asText()).isEqualTo(shipment.path("id").asText());
        assertThat(event.path("userId").asText()).isEqualTo(user);
        assertThat(event.path("trackingNumber").asText()).isEqualTo(shipment.path("trackingNumber").asText());
        assertThat(event.path("carrier").asText()).isEqualTo("Souk Express");
    }

    @Test
    void statusMovesForwardOneStepAtATime() throws Exception {
        String order = newId("o");
        create(order, newId("u"), "2 Kasbah Road").andExpect(status().isCreated());

        changeStatus(order, "PICKED_UP", "  at the warehouse door ").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PICKED_UP"))
                .andExpect(jsonPath("$.history[1].from").value("CREATED"))
                .andExpect(jsonPath("$.history[1].to").value("PICKED_UP"))
                .andExpect(jsonPath("$.history[1].note").value("at the warehouse door"));
        changeStatus(order, "PICKED_UP", null).andExpect(status().isOk())
                .andExpect(jsonPath("$.history.length()").value(2));

        changeStatus(order, "DELIVERED", null)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("INVALID_SHIPMENT_TRANSITION"))
                .andExpect(jsonPath("$.currentStatus").value("PICKED_UP"))
                .andExpect(jsonPath("$.allowedStatus").value("IN_TRANSIT"));
        changeStatus(order, "CREATED", null).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INVALID_SHIPMENT_TRANSITION"));
        changeStatus(order, "CANCELLED", null).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INVALID_SHIPMENT_TRANSITION"));

        changeStatus(order, "IN_TRANSIT", null).andExpect(status().isOk());
        changeStatus(order, "DELIVERED", "left with the neighbour").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DELIVERED"));
        changeStatus(order, "DELIVERED", null).andExpect(status().isOk());
        changeStatus(order, "IN_TRANSIT", null).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INVALID_SHIPMENT_TRANSITION"))
                .andExpect(jsonPath("$.currentStatus").value("DELIVERED"))
                .andExpect(jsonPath("$.allowedStatus").value(nullValue()));

        mvc.perform(get("/api/delivery/{orderId}", order))
                .andExpect(jsonPath("$.history[*].to").value(org.hamcrest.Matchers.contains("CREATED", "PICKED_UP", "IN_TRANSIT", "DELIVERED")))
                .andExpect(jsonPath("$.history[3].note").value("left with the neighbour"));
        assertThat(events(order)).containsExactly("ShipmentCreated", "ShipmentStatusChanged", "ShipmentStatusChanged", "ShipmentStatusChanged");
        assertThat(payloads(order).subList(1, 4))
                .extracting(p -> p.path("previousStatus").asText() + "->" + p.path("status").asText())
                .containsExactly("CREATED->PICKED_UP", "PICKED_UP->IN_TRANSIT", "IN_TRANSIT->DELIVERED");
    }

    @Test
    void aShipmentIsCancelledOnlyBeforeItIsPickedUp() throws Exception {
        String order = newId("o");
        create(order, newId("u"), "3 Medina Lane").andExpect(status().isCreated());

        cancel(order, "order cancelled by the customer").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.history[1].note").value("order cancelled by the customer"));
        cancel(order, "again").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.history.length()").value(2));
        changeStatus(order, "PICKED_UP", null).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("INVALID_SHIPMENT_TRANSITION"));
        assertThat(events(order)).containsExactly("ShipmentCreated", "ShipmentStatusChanged");
        assertThat(payloads(order).get(1).path("status").asText()).isEqualTo("CANCELLED");

        String shipped = newId("o");
        create(shipped, newId("u"), "4 Souk Street").andExpect(status().isCreated());
        changeStatus(shipped, "PICKED_UP", null).andExpect(status().isOk());
        cancel(shipped, "too late").andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("SHIPMENT_ALREADY_SHIPPED"))
                .andExpect(jsonPath("$.currentStatus").value("PICKED_UP"));
        mvc.perform(get("/api/delivery/{orderId}", shipped)).andExpect(jsonPath("$.status").value("PICKED_UP"));
        assertThat(events(shipped)).containsExactly("ShipmentCreated", "ShipmentStatusChanged");
    }

    @Test
    void anOrderWithoutShipmentIsNotFoundEverywhere() throws Exception {
        String order = newId("o");
        for (ResultActions call : List.of(
                mvc.perform(get("/api/delivery/{orderId}", order)),
                changeStatus(order, "PICKED_UP", null),
                cancel(order, "nothing to cancel"),
                mvc.perform(get("/api/delivery/shipments/{id}", "shp-unknown")))) {
            call.andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("SHIPMENT_NOT_FOUND"));
        }
        assertThat(events(order)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from shipment where order_id = ?", Integer.class, order)).isZero();
    }

    @Test
    void shipmentsAreListedNewestFirstAndFiltered() throws Exception {
        String user = newId("u");
        String first = newId("o");
        String second = newId("o");
        String third = newId("o");
        for (String order : List.of(first, second, third)) {
            create(order, user, "5 Atlas Avenue").andExpect(status().isCreated());
        }
        changeStatus(second, "PICKED_UP", null).andExpect(status().isOk());

        mvc.perform(get("/api/delivery/shipments").param("userId", user))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content[*].orderId").value(org.hamcrest.Matchers.contains(third, second, first)))
                .andExpect(jsonPath("$.content[0].history.length()").value(1))
                .andExpect(jsonPath("$.content[1].history.length()").value(2));
        mvc.perform(get("/api/delivery/shipments").param("userId", user).param("status", "PICKED_UP"))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].orderId").value(second));
        mvc.perform(get("/api/delivery/shipments").param("userId", user).param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].orderId").value(first))
                .andExpect(jsonPath("$.totalPages").value(2));
        mvc.perform(get("/api/delivery/shipments").param("userId", user).param("page", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(0))
                .andExpect(jsonPath("$.totalElements").value(3));
        mvc.perform(get("/api/delivery/shipments").param("status", "CREATED"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].status").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("CREATED"))));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        String order = newId("o");
        create(order, newId("u"), "6 Riad Court").andExpect(status().isCreated());
        Map<String, Object> before = counts();
        String longText = "x".repeat(501);

        String[] badCreates = {
                "{\"userId\":\"u-1\",\"shippingAddress\":\"a\"}",
                "{\"orderId\":\"bad id\",\"userId\":\"u-1\",\"shippingAddress\":\"a\"}",
                "{\"orderId\":\"" + newId("o") + "\",\"shippingAddress\":\"a\"}",
                "{\"orderId\":\"" + newId("o") + "\",\"userId\":\"u/1\",\"shippingAddress\":\"a\"}",
                "{\"orderId\":\"" + newId("o") + "\",\"userId\":\"u-1\",\"shippingAddress\":\"   \"}",
                "{\"orderId\":\"" + newId("o") + "\",\"userId\":\"u-1\",\"shippingAddress\":\"" + longText + "\"}",
                "{\"orderId\":\"" + "o".repeat(65) + "\",\"userId\":\"u-1\",\"shippingAddress\":\"a\"}",
        };
        for (String body : badCreates) {
            expectValidationFailure(mvc.perform(post("/api/delivery/shipments").contentType(MediaType.APPLICATION_JSON).content(body)));
        }
        String[] badStatusChanges = {"{}", "{\"status\":\"LOST\"}", "{\"status\":\"picked_up\"}",
                "{\"status\":\"PICKED_UP\",\"note\":\"" + longText + "\"}"};
        for (String body : badStatusChanges) {
            expectValidationFailure(mvc.perform(put("/api/delivery/{orderId}/status", order).contentType(MediaType.APPLICATION_JSON).content(body)));
        }
        expectValidationFailure(changeStatus("bad id", "PICKED_UP", null));
        for (String body : new String[]{"{}", "{\"reason\":\"  \"}", "{\"reason\":\"" + longText + "\"}"}) {
            expectValidationFailure(mvc.perform(post("/api/delivery/{orderId}/cancel", order).contentType(MediaType.APPLICATION_JSON).content(body)));
        }
        expectValidationFailure(cancel("bad id", "because"));
        expectValidationFailure(mvc.perform(get("/api/delivery/{orderId}", "bad id")));
        expectValidationFailure(mvc.perform(get("/api/delivery/shipments/{id}", "bad id")));
        expectValidationFailure(mvc.perform(get("/api/delivery/shipments").param("status", "LOST")));
        expectValidationFailure(mvc.perform(get("/api/delivery/shipments").param("size", "0")));
        expectValidationFailure(mvc.perform(get("/api/delivery/shipments").param("size", "101")));
        expectValidationFailure(mvc.perform(get("/api/delivery/shipments").param("page", "-1")));
        expectValidationFailure(mvc.perform(get("/api/delivery/shipments").param("userId", "bad id")));

        for (ResultActions malformed : List.of(
                mvc.perform(post("/api/delivery/shipments").contentType(MediaType.APPLICATION_JSON).content("{\"orderId\":")),
                mvc.perform(put("/api/delivery/{orderId}/status", order).contentType(MediaType.APPLICATION_JSON).content("[")),
                mvc.perform(post("/api/delivery/{orderId}/cancel", order).contentType(MediaType.APPLICATION_JSON)))) {
            malformed.andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("MALFORMED_JSON"));
        }
        mvc.perform(delete("/api/delivery/{orderId}", order))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"));

        assertThat(counts()).isEqualTo(before);
        mvc.perform(get("/api/delivery/{orderId}", order)).andExpect(jsonPath("$.status").value("CREATED"));
    }

    @Test
    void theCarrierSimulatorIsOffWhenDisabled() throws Exception {
        assertThat(context.getBeansOfType(CarrierSimulator.class)).isEmpty();

        String order = newId("o");
        create(order, newId("u"), "7 Oasis Way").andExpect(status().isCreated());
        jdbc.update("update shipment set updated_at = ? where order_id = ?", Timestamp.from(Instant.now().minus(Duration.ofDays(1))), order);

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                .until(() -> jdbc.queryForObject("select status from shipment where order_id = ?", String.class, order), "CREATED"::equals);
        assertThat(events(order)).containsExactly("ShipmentCreated");
    }

    @Test
    void everyEndpointIsDocumented() throws Exception {
        mvc.perform(get("/api/delivery/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("Souk delivery-service"))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/delivery/shipments")))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/delivery/shipments/{shipmentId}")))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/delivery/{orderId}")))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/delivery/{orderId}/status")))
                .andExpect(jsonPath("$.paths").value(hasKey("/api/delivery/{orderId}/cancel")))
                .andExpect(jsonPath("$.paths['/api/delivery/{orderId}/status'].put.summary").exists());
        mvc.perform(get("/api/delivery/swagger-ui/index.html")).andExpect(status().isOk());
    }

    private void expectValidationFailure(ResultActions call) throws Exception {
        call.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    private Map<String, Object> counts() {
        return jdbc.queryForMap("select (select count(*) from shipment) s, (select count(*) from shipment_status_change) h, "
                + "(select count(*) from outbox_event) e, (select max(updated_at) from shipment) u");
    }

    ResultActions create(String order, String user, String address) throws Exception {
        return mvc.perform(post("/api/delivery/shipments").contentType(MediaType.APPLICATION_JSON)
                .content(objectMapper.writeValueAsString(Map.of("orderId", order, "userId", user, "shippingAddress", address))));
    }

    private ResultActions changeStatus(String order, String status, String note) throws Exception {
        Map<String, String> body = note == null ? Map.of("status", status) : Map.of("status", status, "note", note);
        return mvc.perform(put("/api/delivery/{orderId}/status", order).contentType(MediaType.APPLICATION_JSON)
                .content(objectMapper.writeValueAsString(body)));
    }

    private ResultActions cancel(String order, String reason) throws Exception {
        return mvc.perform(post("/api/delivery/{orderId}/cancel", order).contentType(MediaType.APPLICATION_JSON)
                .content(objectMapper.writeValueAsString(Map.of("reason", reason))));
    }

    List<String> events(String orderId) {
        return jdbc.queryForList("select event_type from outbox_event where event_key = ? order by seq", String.class, orderId);
    }

    private List<JsonNode> payloads(String orderId) throws Exception {
        List<JsonNode> payloads = new java.util.ArrayList<>();
        for (String json : jdbc.queryForList("select payload from outbox_event where event_key = ? order by seq", String.class, orderId)) {
            payloads.add(objectMapper.readTree(json).path("payload"));
        }
        return payloads;
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
