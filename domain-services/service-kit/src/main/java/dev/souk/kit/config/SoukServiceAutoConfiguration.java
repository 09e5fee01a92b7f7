package dev.souk.kit.config;

import dev.souk.kit.problem.ProblemAdvice;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.List;

/**
 * The web defaults every Souk service shares: problem+json from controllers and OpenAPI metadata. The error page, the
 * container's own errors and the body size limit are every app's (security-kit's {@code WebDefaultsAutoConfiguration}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SoukServiceAutoConfiguration {

    /** Name of the bearer-token security scheme in every service's OpenAPI document. */
    public static final String BEARER = "bearer";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemAdvice problemAdvice() {
        return new ProblemAdvice();
    }

    /**
     * Swagger's "Try it out" calls the same origin, so it works both on the service and through the gateway; its
     * "Authorize" button takes an access token (POST /api/auth/login) and sends it as a bearer token.
     */
    @Bean
    @ConditionalOnMissingBean
    OpenAPI soukOpenApi(@Value("${spring.application.name}") String application,
                        @Value("${souk.service.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title("Souk " + application).version("v1").description(description))
                .servers(List.of(new Server().url("/").description("this origin (gateway or service)")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from POST /api/auth/login (valid 15 minutes; POST /api/auth/refresh "
                                + "renews it). Public reads need none.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
