package dev.souk.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.souk.hub.HubTestSupport;

/**
 * JMX over HTTP ({@code /actuator/jolokia}, what Hawtio uses) as the operator gets it: routes and their counters to
 * read, routes to stop and start, and nothing else to run or change, whoever signs in (jolokia-access.xml).
 */
class JolokiaAccessPolicyTests extends HubTestSupport {

    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("admin:test-admin-secret".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();

    private String context;
    private String route;

    @BeforeEach
    void findTheMBeans() throws Exception {
        context = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}").path("value").get(0).asText();
        route = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"dead-letter-replay\\\",*\"}")
                .path("value").get(0).asText();
    }

    @Test
    void theOperatorReadsRoutesTheirCountersAndTheDiagram() throws Exception {
        // when Hawtio's route table and diagram load
        JsonNode counters = jolokia(request("read", route, "\"attribute\":[\"State\",\"ExchangesTotal\",\"ExchangesFailed\"]"));
        JsonNode diagram = jolokia(request("exec", context, "\"operation\":\"dumpRoutesAsXml()\""));
        JsonNode diagramCounters = jolokia(request("exec", context, "\"operation\":\"dumpRoutesStatsAsXml(boolean,boolean)\",\"arguments\":[true,true]"));

        // then
        assertThat(counters.path("status").asInt()).as(counters.toString()).isEqualTo(200);
        assertThat(counters.path("value").path("State").asText()).isEqualTo("Started");
        assertThat(counters.path("value").has("ExchangesTotal")).isTrue();
        assertThat(diagram.path("status").asInt()).as(diagram.toString()).isEqualTo(200);
        assertThat(diagram.path("value").asText()).contains("dead-letter-replay");
        assertThat(diagramCounters.path("status").asInt()).as(diagramCounters.toString()).isEqualTo(200);
    }

    @Test
    void theOperatorStopsAndStartsARoute() throws Exception {
        // when
        JsonNode stopped = jolokia(request("exec", route, "\"operation\":\"stop()\""));
        String stateWhileStopped = state();
        JsonNode started = jolokia(request("exec", route, "\"operation\":\"start()\""));

        // then
        assertThat(stopped.path("status").asInt()).as(stopped.toString()).isEqualTo(200);
        assertThat(stateWhileStopped).isEqualTo("Stopped");
        assertThat(started.path("status").asInt()).as(started.toString()).isEqualTo(200);
        assertThat(state()).isEqualTo("Started");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("run a diagnostic command", request("exec", "com.sun.management:type=DiagnosticCommand",
                        "\"operation\":\"vmSystemProperties()\"")),
                Arguments.of("dump the heap", request("exec", "com.sun.management:type=HotSpotDiagnostic",
                        "\"operation\":\"dumpHeap(java.lang.String,boolean)\",\"arguments\":[\"target/never.hprof\",true]")),
                Arguments.of("read the VM options", request("read", "com.sun.management:type=HotSpotDiagnostic",
                        "\"attribute\":\"DiagnosticOptions\"")),
                Arguments.of("write an attribute", request("write", "java.lang:type=Memory",
                        "\"attribute\":\"Verbose\",\"value\":true")),
                Arguments.of("run a JVM operation", request("exec", "java.lang:type=Memory", "\"operation\":\"gc()\"")),
                Arguments.of("shut the app down", request("exec", "org.springframework.boot:type=Admin,name=SpringApplication",
                        "\"operation\":\"shutdown()\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void theOperatorCannotRunOrChangeAnythingElse(String what, String request) throws Exception {
        // when
        JsonNode answer = jolokia(request);

        // then
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.toString()).doesNotContain("stacktrace");
    }

    @Test
    void routesCannotBeRedefinedRemovedOrGivenMessagesThroughJmx() throws Exception {
        JsonNode update = jolokia(request("exec", route, "\"operation\":\"updateRouteFromXml(java.lang.String)\",\"arguments\":[\"<routes/>\"]"));
        JsonNode remove = jolokia(request("exec", route, "\"operation\":\"remove()\""));
        JsonNode send = jolokia(request("exec", context,
                "\"operation\":\"sendBody(java.lang.String,java.lang.Object)\",\"arguments\":[\"log:jmx\",\"hello\"]"));

        assertThat(update.path("status").asInt()).isEqualTo(403);
        assertThat(remove.path("status").asInt()).isEqualTo(403);
        assertThat(send.path("status").asInt()).isEqualTo(403);
        assertThat(state()).isEqualTo("Started");
    }

    @Test
    void theDiagnosticMBeansAreNotListedAndShowNothing() throws Exception {
        // when Hawtio lists the MBeans, or someone reads all attributes of a diagnostic MBean by name
        JsonNode found = jolokia("{\"type\":\"search\",\"mbean\":\"com.sun.management:*\"}");
        JsonNode everything = jolokia(request("read", "com.sun.management:type=HotSpotDiagnostic", ""));

        // then
        assertThat(found.path("status").asInt()).isEqualTo(200);
        assertThat(found.path("value").toString()).doesNotContain("DiagnosticCommand").doesNotContain("HotSpotDiagnostic");
        assertThat(everything.path("value").size()).as(everything.toString()).isZero();
    }

    @Test
    void onlyTheOperatorReachesJmxWhateverTheHttpMethod() throws Exception {
        String read = request("read", route, "\"attribute\":\"State\"");

        HttpResponse<String> anonymous = post(read, null);
        HttpResponse<String> customer = post(read, customer("user-1"));
        HttpResponse<String> anonymousGet = get("/actuator/jolokia/exec/java.lang:type=Memory/gc()");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(anonymousGet.statusCode()).isEqualTo(401);
    }

    private String state() throws Exception {
        return jolokia(request("read", route, "\"attribute\":\"State\"")).path("value").asText();
    }

    private static String request(String type, String mbean, String more) {
        return "{\"type\":\"" + type + "\",\"mbean\":" + quoted(mbean) + (more.isEmpty() ? "" : "," + more) + "}";
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode jolokia(String body) throws Exception {
        HttpResponse<String> response = post(body, OPERATOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub("/actuator/jolokia")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
