package dev.souk.kit;

import dev.souk.contracts.ProblemCodes;
import dev.souk.contracts.events.UserEvents.UserRegistered;
import dev.souk.kit.outbox.Outbox;
import dev.souk.kit.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.stereotype.Service;

/** A minimal service that exercises the kit the way a real one does. */
@SpringBootApplication
public class KitTestApplication {

    // test properties: kit-test.properties
    public static void main(String[] args) {
        SpringApplication.run(KitTestApplication.class, args);
    }

    public record WidgetRequest(@NotBlank String name, @Min(1) int quantity) {
    }

    @Service
    public static class WidgetService {
        private final Outbox outbox;

        WidgetService(Outbox outbox) {
            this.outbox = outbox;
        }

        @Transactional
        public void register(String id, boolean failAfterRecording) {
            outbox.record(new UserRegistered(id, id + "@souk.dev", "Widget " + id));
            if (failAfterRecording) {
                throw ApiException.conflict(ProblemCodes.CONFLICT, "rolled back on purpose");
            }
        }
    }

    @RestController
    @RequestMapping("/api/widgets")
    @Validated
    public static class WidgetController {

        @PostMapping
        @ResponseStatus(HttpStatus.CREATED)
        WidgetRequest create(@Valid @RequestBody WidgetRequest request) {
            return request;
        }

        @GetMapping("/{id}")
        String get(@PathVariable String id, @RequestParam(defaultValue = "1") @Min(1) int size) {
            if (id.equals("taken")) {
                throw ApiException.conflict("WIDGET_TAKEN", "Widget taken is not available.").with("widgetId", id);
            }
            if (id.equals("boom")) {
                throw new IllegalStateException("secret internal detail");
            }
            return id;
        }
    }
}
