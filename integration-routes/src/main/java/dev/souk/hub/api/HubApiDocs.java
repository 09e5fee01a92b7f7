package dev.souk.hub.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The public APIs the hub serves itself are documented where every service documents its own:
 * {@code /api/<api>/v3/api-docs} and Swagger UI at {@code /api/<api>/swagger-ui/index.html}, behind the gateway. The
 * documents are generated (camel-openapi) from the REST DSL definitions whose path starts with {@code /api/<api>},
 * once, on first request.
 */
@Configuration(proxyBeanMethods = false)
public class HubApiDocs implements WebMvcConfigurer {

    /** Each documented API: its title and what a reader should know first. */
    static final Map<String, Info> APIS = Map.of(
            "orders", new Info().title("Souk orders").version("v1").description("""
                    Orders are run by the order process (Camunda, `Process_OrderLifecycle`, business key = order id) in \
                    the integration hub: validate the user, price the items from the catalog, create the order PENDING, \
                    reserve stock; then pay (confirm), cancel, or let the payment window expire. Commands answer once the \
                    process has come to rest, or 202 while it is still working. Test payment methods: `pm_card_declined`, \
                    `pm_insufficient_funds` (402), `pm_provider_down` (engine retries, then an incident; 202), `pm_slow`, \
                    anything else succeeds. Every call needs an access token (POST /api/auth/login, then Authorize): a \
                    customer places, reads, pays and cancels their own orders (userId may be left out; it is theirs), an \
                    administrator any."""),
            "cart", new Info().title("Souk cart").version("v1").description("""
                    The shopper's cart. Adding or changing an item is checked against the catalog (the product exists \
                    and is for sale; the price is the catalog's) and against stock, through circuit breakers: when \
                    product-service or inventory-service is down the answer is a fast 503 with Retry-After. Reading the \
                    cart marks each line with priceChanged, currentPrice and inStock, or stale when the catalog cannot be \
                    asked. Checkout places an order through the order process. A signed-in user's cart comes from the \
                    access token; guests use X-Cart-Id without a token; checkout and merge need a token."""),
            "catalog", new Info().title("Souk catalog").version("v1").description("""
                    Products as product-service has them, with what can be sold right now (inventory-service). Public."""),
            "scheduler", new Info().title("Souk scheduler").version("v1").description("""
                    The shop's periodic jobs (administrator). Quartz with its job store in the hub's database: hubs \
                    sharing that database form one cluster, and each run of a job happens on exactly one of them. Each \
                    job is a Camel route `scheduler-<job>` (Hawtio); every run is recorded with its hub, result, summary \
                    and duration. Schedules are Quartz cron expressions (seconds first); a changed schedule is kept \
                    across restarts. A run missed while every hub was down, or while the job was paused, happens once \
                    as soon as possible, then the schedule goes on."""),
            "backups", new Info().title("Souk backups").version("v1").description("""
                    Backups of every database of the shop (administrator): each service backs up its own (H2 online                     backup on the embedded default, pg_dump in custom format on PostgreSQL), the hub its own with the                     engine's, into one folder per backup (SOUK_BACKUP_DIR, ./data/backups) with a SHA-256 beside each                     file. A backup runs nightly (the scheduler's job backup) or now (POST); verify checks every file                     against its checksum and restores it in a drill (the job verify-backup, nightly on the latest                     backup)."""));

    private final String swaggerUiVersion;

    public HubApiDocs(@Value("${souk.hub-docs.swagger-ui-version}") String swaggerUiVersion) {
        this.swaggerUiVersion = swaggerUiVersion;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String api : APIS.keySet()) {
            registry.addResourceHandler("/api/" + api + "/swagger-ui/**")
                    .addResourceLocations("classpath:/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion + "/");
        }
    }

    @RestController
    static class Documents {

        private final CamelContext camel;
        private final Map<String, String> documents = new ConcurrentHashMap<>();

        Documents(CamelContext camel) {
            this.camel = camel;
        }

        /** Any other {@code /api/<x>} is not the hub's to document: 404. */
        @GetMapping(path = "/api/{api}/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
        String openApi(@PathVariable String api) {
            return documents.computeIfAbsent(documented(api), this::generate);
        }

        /** Swagger UI's start script, pointed at the API's own document. */
        @GetMapping(path = "/api/{api}/swagger-ui/swagger-initializer.js", produces = "text/javascript")
        String initializer(@PathVariable String api) {
            documented(api);
            return """
                    window.onload = function () {
                      window.ui = SwaggerUIBundle({
                        url: "/api/%s/v3/api-docs",
                        dom_id: "#swagger-ui",
                        deepLinking: true,
                        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                        plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                        layout: "StandaloneLayout"
                      });
                    };
                    """.formatted(api);
        }

        private static String documented(String api) {
            if (!APIS.containsKey(api)) {
                // answered like any unknown path: 404 problem+json
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            return api;
        }

        private String generate(String api) {
            List<RestDefinition> rests = ((ModelCamelContext) camel).getRestDefinitions().stream()
                    .filter(rest -> rest.getPath() != null && rest.getPath().startsWith("/api/" + api))
                    .toList();
            BeanConfig config = new BeanConfig();
            config.setInfo(APIS.get(api));
            try {
                OpenAPI document = new RestOpenApiReader().read(camel, rests, config, camel.getName(),
                        camel.getClassResolver());
                document.setInfo(APIS.get(api));
                if (document.getComponents() == null) {
                    document.setComponents(new Components());
                }
                document.getComponents().addSecuritySchemes(HubRestConfiguration.BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from POST /api/auth/login"));
                document.addSecurityItem(new SecurityRequirement().addList(HubRestConfiguration.BEARER));
                return RestOpenApiSupport.getJsonFromOpenAPIAsString(document, config);
            } catch (Exception e) {
                throw new IllegalStateException("The OpenAPI document of /api/" + api + " cannot be generated", e);
            }
        }
    }
}
