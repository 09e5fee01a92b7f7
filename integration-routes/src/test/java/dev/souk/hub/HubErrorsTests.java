package dev.souk.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Every error the hub answers, whoever produces it (a route, Spring MVC, Tomcat), is problem+json. */
class HubErrorsTests extends HubTestSupport {

    @Test
    void aBodyOverTheLimitIsRefusedBeforeAnyRouteReadsIt() throws Exception {
        String big = "{\"shippingAddress\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(hub("/api/orders")).timeout(Duration.ofSeconds(30))
                .header("Authorization", customer("user-a")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void aChunkedRequestGetsAWellFramedAnswer() throws Exception {
        // a proxy in front (the gateway) may pass a body chunked; the answer must not repeat the request's framing
        CART_SERVICE.reset();
        CART_SERVICE.answerJson("/api/cart", 201, "{\"id\":\"cart-guest\",\"version\":0,\"items\":[]}");
        String body = "{}";
        String request = "POST /api/cart HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";

        String answer;
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).as(answer).startsWith("http/1.1 201");
        assertThat(head.lines().filter(line -> line.startsWith("transfer-encoding:") || line.startsWith("content-length:")))
                .hasSize(1);
    }

    @Test
    void unknownPathsTheErrorPageAndEncodedSlashesAreProblems() throws Exception {
        HttpResponse<String> unknown = get("/api/nowhere", customer("user-a"));
        HttpResponse<String> errorPage = get("/error");
        HttpResponse<String> encodedSlash = get("/api/orders/a%2Fb", customer("user-a"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(errorPage.statusCode()).isEqualTo(404);
        assertThat(errorPage.body()).contains("\"code\":\"NOT_FOUND\"").doesNotContain("999");
        assertThat(encodedSlash.statusCode()).isEqualTo(400);
        assertThat(encodedSlash.body()).contains("\"code\":\"VALIDATION_FAILED\"").doesNotContain("<html");
    }
}
