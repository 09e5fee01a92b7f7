package dev.souk.search;

import dev.souk.kit.config.SoukService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Finds products: full-text search with facets over the catalog, its stock and its ratings. */
@SpringBootApplication
@SoukService("search-service")
public class SearchServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SearchServiceApplication.class, args);
    }
}
