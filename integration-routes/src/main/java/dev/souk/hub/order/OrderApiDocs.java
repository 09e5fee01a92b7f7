package dev.souk.hub.order;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The order API is the hub's, so the hub documents it: the OpenAPI document at {@code /api/orders/v3/api-docs} and
 * Swagger UI at {@code /api/orders/swagger-ui/index.html}, the same paths every service uses behind the gateway.
 */
@Configuration(proxyBeanMethods = false)
public class OrderApiDocs implements WebMvcConfigurer {

    private final String swaggerUiVersion;

    public OrderApiDocs(@Value("${souk.hub-docs.swagger-ui-version}") String swaggerUiVersion) {
        this.swaggerUiVersion = swaggerUiVersion;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // our initializer (pointing at the order API) first, the rest of Swagger UI from its webjar
        registry.addResourceHandler("/api/orders/swagger-ui/**")
                .addResourceLocations("classpath:/orders-api/swagger-ui/",
                        "classpath:/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion + "/");
    }

    @RestController
    static class OpenApiDocument {

        private final Resource document = new ClassPathResource("orders-api/openapi.json");

        @GetMapping(path = "/api/orders/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<Resource> openApi() {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
        }
    }
}
