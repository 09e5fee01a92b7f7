package dev.souk.kit.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a domain service on its application class. The service's configuration is {@code <name>.yml} on the
 * classpath (not {@code application.yml}) and its schema scripts live in {@code db/<name>/}, so that every service's
 * resources are its own wherever its jar is put — alone, or beside the others on one classpath.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SoukService {

    /** The service's name: {@code spring.application.name}, its configuration file and its schema folder. */
    String value();
}
