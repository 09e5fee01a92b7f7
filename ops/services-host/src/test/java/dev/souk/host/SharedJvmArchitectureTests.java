package dev.souk.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Nothing in a domain service knows it may share a JVM with the others. */
@AnalyzeClasses(packages = "dev.souk", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedJvmArchitectureTests {

    private static final String[] SERVICES = {"dev.souk.auth..", "dev.souk.user..", "dev.souk.product..",
            "dev.souk.inventory..", "dev.souk.cart..", "dev.souk.order..", "dev.souk.payment..", "dev.souk.delivery..",
            "dev.souk.search..", "dev.souk.recommendation..",
            "dev.souk.kit..", "dev.souk.security.."};

    @ArchTest
    static final ArchRule servicesDoNotKnowTheHost = noClasses().that().resideInAnyPackage(SERVICES)
            .should().dependOnClassesThat().resideInAPackage("dev.souk.host..")
            .because("a service runs the same alone and beside others: the host is the host's business");

    @ArchTest
    static final ArchRule servicesDoNotTouchTheJvmsSharedSettings = noClasses().that().resideInAnyPackage(SERVICES)
            .should().callMethod(System.class, "setProperty", String.class, String.class)
            .orShould().callMethod(System.class, "setProperties", java.util.Properties.class)
            .because("a system property set by one service would change every service in the same JVM");
}
