package dev.souk.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate Search starts by itself in every EntityManagerFactory that has it on the classpath, and in the services
 * host every service has search-service's classpath: only search-service may own an index.
 */
class IndexOwnershipTests {

    private static final String[] ARGS = {"--server.port=0", "--eureka.client.enabled=false",
            "--spring.cloud.config.enabled=false", "--spring.cloud.config.import-check.enabled=false",
            "--souk.outbox.relay.enabled=false", "--souk.security.revocations.enabled=false",
            "--souk.security.jwks-uri=http://127.0.0.1:9/jwks.json"};

    private final ServicesHost host = new ServicesHost();

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void onlySearchServiceIndexesBesideAnotherJpaService() {
        // when
        String failure = host.start(List.of("product-service", "search-service", "recommendation-service"), ARGS, 2);

        // then
        assertThat(failure).isNull();
        EntityManagerFactory search = host.running().get("search-service").getBean(EntityManagerFactory.class);
        EntityManagerFactory products = host.running().get("product-service").getBean(EntityManagerFactory.class);
        EntityManagerFactory recommendations = host.running().get("recommendation-service").getBean(EntityManagerFactory.class);
        assertThat(Search.mapping(search).allIndexedEntities()).extracting(entity -> entity.jpaName())
                .containsExactly("IndexedProduct");
        assertThatThrownBy(() -> Search.mapping(products)).hasMessageContaining("not initialized");
        assertThatThrownBy(() -> Search.mapping(recommendations)).hasMessageContaining("not initialized");
        // the index lives in search-service's folder of the data directory
        assertThat(host.running().get("search-service").getEnvironment()
                .getProperty("spring.jpa.properties.hibernate.search.backend.directory.root")).endsWith("/search-service/index");
    }
}
