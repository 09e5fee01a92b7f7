package dev.souk.search;

import dev.souk.kit.testing.SoukServiceTest;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The whole search-service with a Lucene index of its own under target/ (one per test context: an index has one writer). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SoukServiceTest
@TestPropertySource(properties = "SOUK_SEARCH_INDEX_DIR=target/test-index/${random.uuid}")
public @interface SearchServiceTest {
}
