package dev.souk.kit.testing;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What every domain service must respect; each service runs these with
 * {@code @ArchTest static final ArchTests rules = ArchTests.in(DomainServiceRules.class);}.
 * (Services cannot see each other's classes at all: each is its own Maven module that depends only on the kit.)
 */
public final class DomainServiceRules {

    @ArchTest
    static final ArchRule NO_INTEGRATION_FRAMEWORKS = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.camunda..")
            .because("the wiring between services lives in the integration hub, not in the services");

    @ArchTest
    static final ArchRule CONTROLLERS_STAY_AT_THE_EDGE = noClasses()
            .that().resideOutsideOfPackage("..api..")
            .should().dependOnClassesThat().resideInAPackage("..api..")
            .because("the domain does not know how it is exposed over HTTP");

    private DomainServiceRules() {
    }
}
