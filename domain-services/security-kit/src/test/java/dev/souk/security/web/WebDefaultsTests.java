package dev.souk.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.souk.security.SoukWebSecurity;

/**
 * What every app answers the same way: errors that never reach a controller, Tomcat's own rejections and the body
 * limit, all problem+json.
 */
@SpringBootTest(classes = WebDefaultsTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"souk.http.max-body-size=64KB", "souk.security.jwks-uri=http://127.0.0.1:9/jwks.json",
                "souk.security.revocations.enabled=false"})
class WebDefaultsTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anUnknownPathAndTheErrorPageItselfAreNotFoundProblems() throws Exception {
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/api/nowhere")).GET());
        HttpResponse<String> errorPage = send(HttpRequest.newBuilder(uri("/error")).GET());

        for (HttpResponse<String> response : new HttpResponse[] {unknown, errorPage}) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"code\":\"NOT_FOUND\"").doesNotContain("999");
        }
    }

    @Test
    void anEncodedSlashIsRefusedByTheContainerAsAProblem() throws Exception {
        String answer = raw("GET /api/echo/a%2Fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"VALIDATION_FAILED\"").doesNotContain("<html").doesNotContainIgnoringCase("tomcat");
    }

    @Test
    void aMalformedRequestLineIsAProblemToo() throws Exception {
        String answer = raw("GET /api/echo?q={x} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"VALIDATION_FAILED\"").doesNotContain("<html");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] large = new byte[70 * 1024];
        HttpResponse<String> declared = send(HttpRequest.newBuilder(uri("/api/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)));
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri("/api/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))));
        HttpResponse<String> fits = send(HttpRequest.newBuilder(uri("/api/echo"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[60 * 1024]))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(fits.body()).isEqualTo(String.valueOf(60 * 1024));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SpringBootApplication
    @RestController
    static class App {

        @PostMapping("/api/echo")
        String length(@RequestBody byte[] body) {
            return String.valueOf(body.length);
        }

        @Bean
        SecurityFilterChain open(HttpSecurity http, SoukWebSecurity security) throws Exception {
            return security.apply(http).authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
        }
    }
}
