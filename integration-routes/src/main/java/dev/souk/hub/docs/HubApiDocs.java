package dev.souk.hub.docs;

import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The public APIs the hub serves itself (orders, cart) are documented where every service documents its own:
 * {@code /api/<api>/v3/api-docs} and Swagger UI at {@code /api/<api>/swagger-ui/index.html}, behind the gateway.
 */
@Configuration(proxyBeanMethods = false)
public class HubApiDocs implements WebMvcConfigurer {

    static final Set<String> APIS = Set.of("orders", "cart");

    private final String swaggerUiVersion;

    public HubApiDocs(@Value("${souk.hub-docs.swagger-ui-version}") String swaggerUiVersion) {
        this.swaggerUiVersion = swaggerUiVersion;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String api : APIS) {
            registry.addResourceHandler("/api/" + api + "/swagger-ui/**")
                    .addResourceLocations("classpath:/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion + "/");
        }
    }

    @RestController
    static class Documents {

        @GetMapping(path = "/api/{api:orders|cart}/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<Resource> openApi(@PathVariable String api) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(new ClassPathResource("hub-api/" + api + "/openapi.json"));
        }

        /** Swagger UI's start script, pointed at the API's own document. */
        @GetMapping(path = "/api/{api:orders|cart}/swagger-ui/swagger-initializer.js", produces = "text/javascript")
        String initializer(@PathVariable String api) {
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
    }
}
